// CG-003: a client certificate in use expires within the threshold.
#include <fmt/format.h>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

// Expiring: 0 < expiration - now <= expiry_days * 86400 (exactly N days left is flagged).
void expiring_verdict(const inventory::ClientCertificate& cert, s::RuleContextView ctx,
                      Finding& f) {
  const inventory::EpochSeconds left = cert.expiration_date - ctx.now;
  const auto days = s::days_until(cert.expiration_date, ctx.now);
  f.details["threshold_days"] = std::to_string(ctx.expiry_days);
  if (left <= 0) {
    f.status = Status::kNotApplicable;
    f.message = "the certificate has already expired (see CG-004)";
  } else if (left <= static_cast<inventory::EpochSeconds>(ctx.expiry_days) * s::kSecondsPerDay) {
    f.status = Status::kFail;
    f.message = fmt::format(
        "client certificate used by {} to authenticate API Gateway to the backend expires in {} "
        "day(s) ({}), within the {}-day threshold: rotate it before the backend rejects it",
        f.details["used_by"], days, f.details["expiration_date"], ctx.expiry_days);
  } else {
    f.status = Status::kPass;
    f.message = fmt::format("expires in {} day(s) ({})", days, f.details["expiration_date"]);
  }
}

std::vector<Finding> evaluate_cg003(const inventory::Estate& estate, const RuleContext& ctx) {
  return s::evaluate_in_use_certificates(estate, {ctx.now, ctx.expiry_days}, &expiring_verdict);
}

}  // namespace

Rule cg003_client_certificate_expiring() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-003",
      .title = "Client certificate in use expires within the threshold (default 30 days)",
      .severity = Severity::kHigh,
      .resource_type = std::string(kClientCertificateType),
      .rationale =
          "API Gateway client certificates live 365 days and are not renewed automatically. "
          "When one expires, a backend that verifies it rejects API Gateway's requests and the "
          "API goes down. Rotation needs the backend's trust updated first, so it must start "
          "well before expiry.",
      .remediation =
          "Rotate without downtime: generate a new certificate, make the backend trust both "
          "old and new, attach the new one to every stage using {certificate_id}, then delete "
          "the old one:\n"
          "  aws apigateway generate-client-certificate --description \"rotation of "
          "{certificate_id}\"\n"
          "  aws apigateway update-stage --rest-api-id REST_API_ID --stage-name STAGE "
          "--patch-operations op=replace,path=/clientCertificateId,value=NEW_CERTIFICATE_ID\n"
          "  aws apigateway delete-client-certificate --client-certificate-id {certificate_id}\n"
          "Or: certguard rotate prepare|cutover|finish.",
      .references = {"Cloud Conformity AG-008"},
      .parameters = {"expiry_days"},
  };
  rule.evaluate = &evaluate_cg003;
  return rule;
}

}  // namespace certguard::rules
