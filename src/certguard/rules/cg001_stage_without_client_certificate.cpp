// CG-001: a REST API stage presents no client certificate to its backend.
#include <fmt/format.h>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

std::vector<Finding> evaluate_cg001(const inventory::Estate& estate, const RuleContext& ctx) {
  return s::evaluate_stages(estate, [&ctx](const inventory::Region& region,
                                           const inventory::RestApi& api,
                                           const inventory::Stage& stage, Finding& f) {
    f.status = Status::kFail;
    if (!stage.client_certificate_id.empty()) {
      if (s::find_client_certificate(region, stage.client_certificate_id) == nullptr) {
        f.status = Status::kNotApplicable;
        f.message =
            fmt::format("stage references client certificate {}, which does not exist (see CG-002)",
                        stage.client_certificate_id);
      } else {
        f.status = Status::kPass;
        f.message =
            fmt::format("API Gateway authenticates to the backend with client certificate {}",
                        stage.client_certificate_id);
      }
    } else if (ctx.strict) {
      f.message =
          "stage has no client certificate: the backend cannot tell requests from API "
          "Gateway from anyone else's (strict mode: every stage is checked)";
    } else if (!api.resources_known) {
      f.status = Status::kError;
      f.message =
          "stage has no client certificate, and the API's integrations could not be read "
          "(GetResources failed), so whether it has an HTTP backend is unknown: scan again "
          "or use --strict";
    } else if (s::has_http_integration(api)) {
      f.message =
          "stage has no client certificate: API Gateway does not authenticate itself to "
          "the HTTP backend, which cannot tell its requests from anyone else's";
    } else {
      f.status = Status::kNotApplicable;
      f.message =
          "stage has no client certificate, but the API has no HTTP or HTTP_PROXY "
          "integration (client certificates authenticate only to HTTP backends)";
    }
  });
}

}  // namespace

Rule cg001_stage_without_client_certificate() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-001",
      .title = "REST API stage has no client certificate for backend authentication",
      .severity = Severity::kMedium,
      .resource_type = std::string(kStageType),
      .rationale =
          "A client certificate lets the HTTP backend verify that a request comes from API "
          "Gateway (API Gateway presents it TO THE BACKEND; it is not mutual TLS for the API's "
          "callers, which is the custom domain's truststore). Without one, anyone who can reach "
          "the backend can bypass the API's authorization, throttling and WAF. By default only "
          "stages of APIs with an HTTP or HTTP_PROXY integration are checked, as AWS Config's "
          "api-gw-ssl-enabled does; --strict checks every stage.",
      .remediation =
          "Generate a client certificate, attach it to the stage, and make the backend require "
          "TLS client authentication with it:\n"
          "  aws apigateway generate-client-certificate --description \"backend auth for "
          "{rest_api_id}/{stage_name}\"\n"
          "  aws apigateway update-stage --rest-api-id {rest_api_id} --stage-name {stage_name} "
          "--patch-operations op=replace,path=/clientCertificateId,value=CERTIFICATE_ID\n"
          "  aws apigateway get-client-certificate --client-certificate-id CERTIFICATE_ID "
          "--query pemEncodedCertificate --output text > apigateway-client.pem\n"
          "Or let certguard do it: certguard fix --rule CG-001 (plans first; --apply to change).",
      .references = {"AWS FSBP APIGateway.2", "AWS Config api-gw-ssl-enabled",
                     "Cloud Conformity AG-006", "NIST 800-53 SC-8", "NIST 800-53 SC-23",
                     "NIST 800-53 IA-5(1)"},
      .parameters = {},
  };
  rule.evaluate = &evaluate_cg001;
  return rule;
}

}  // namespace certguard::rules
