// CG-004: a client certificate in use has expired.
#include <fmt/format.h>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

// Expired: expiration <= now (a certificate is not valid at its notAfter second onwards).
void expired_verdict(const inventory::ClientCertificate& cert, s::RuleContextView ctx, Finding& f) {
  if (cert.expiration_date <= ctx.now) {
    f.status = Status::kFail;
    f.message = fmt::format(
        "client certificate used by {} to authenticate API Gateway to the backend expired on {} "
        "({} day(s) ago): a backend that verifies it rejects API Gateway's requests",
        f.details["used_by"], f.details["expiration_date"],
        s::days_until(ctx.now, cert.expiration_date));
  } else {
    f.status = Status::kPass;
    f.message = fmt::format("valid until {}", f.details["expiration_date"]);
  }
}

std::vector<Finding> evaluate_cg004(const inventory::Estate& estate, const RuleContext& ctx) {
  return s::evaluate_in_use_certificates(estate, {ctx.now, ctx.expiry_days}, &expired_verdict);
}

}  // namespace

Rule cg004_client_certificate_expired() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-004",
      .title = "Client certificate in use has expired",
      .severity = Severity::kCritical,
      .resource_type = std::string(kClientCertificateType),
      .rationale =
          "An expired client certificate means API Gateway authenticates to the backend with "
          "a credential it must refuse: either the backend rejects every request (outage) or "
          "it does not check the certificate at all (no protection).",
      .remediation =
          "Generate a new client certificate, add it to the backend's trust, and attach it to "
          "every stage using {certificate_id}:\n"
          "  aws apigateway generate-client-certificate --description \"replacement for "
          "{certificate_id}\"\n"
          "  aws apigateway update-stage --rest-api-id REST_API_ID --stage-name STAGE "
          "--patch-operations op=replace,path=/clientCertificateId,value=NEW_CERTIFICATE_ID\n"
          "  aws apigateway delete-client-certificate --client-certificate-id {certificate_id}\n"
          "Or: certguard fix --rule CG-004.",
      .references = {"Cloud Conformity AG-008", "NIST 800-53 IA-5(1)"},
      .parameters = {},
  };
  rule.evaluate = &evaluate_cg004;
  return rule;
}

}  // namespace certguard::rules
