// CG-002: a stage names a client certificate that does not exist.
#include <fmt/format.h>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

std::vector<Finding> evaluate_cg002(const inventory::Estate& estate, const RuleContext& /*ctx*/) {
  return s::evaluate_stages(
      estate, [](const inventory::Region& region, const inventory::RestApi& /*api*/,
                 const inventory::Stage& stage, Finding& f) {
        const std::string& id = stage.client_certificate_id;
        if (id.empty()) {
          f.status = Status::kNotApplicable;
          f.message = "stage references no client certificate";
        } else {
          if (s::find_client_certificate(region, id) == nullptr) {
            f.status = Status::kFail;
            f.message = fmt::format(
                "stage references client certificate {}, which does not exist in {}: API "
                "Gateway presents no valid certificate to the backend",
                id, region.name);
          } else {
            f.message = fmt::format("client certificate {} exists", id);
          }
        }
      });
}

}  // namespace

Rule cg002_dangling_client_certificate() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-002",
      .title = "REST API stage references a client certificate that does not exist",
      .severity = Severity::kHigh,
      .resource_type = std::string(kStageType),
      .rationale =
          "API Gateway lets a client certificate be deleted while a stage still names it. The "
          "stage then looks protected in an inventory but presents nothing the backend can "
          "verify (the certificate authenticates API Gateway TO THE BACKEND), so a backend "
          "that requires it rejects every request and one that does not is unprotected.",
      .remediation =
          "Attach an existing (or newly generated) client certificate to the stage and update "
          "the backend's trust:\n"
          "  aws apigateway generate-client-certificate --description \"backend auth for "
          "{rest_api_id}/{stage_name}\"\n"
          "  aws apigateway update-stage --rest-api-id {rest_api_id} --stage-name {stage_name} "
          "--patch-operations op=replace,path=/clientCertificateId,value=CERTIFICATE_ID\n"
          "Or: certguard fix --rule CG-002.",
      .references = {"AWS FSBP APIGateway.2", "AWS Config api-gw-ssl-enabled",
                     "Cloud Conformity AG-006", "NIST 800-53 SC-8", "NIST 800-53 SC-23",
                     "NIST 800-53 IA-5(1)"},
      .parameters = {},
  };
  rule.evaluate = &evaluate_cg002;
  return rule;
}

}  // namespace certguard::rules
