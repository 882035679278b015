// CG-005: a custom domain's ACM certificate is not ISSUED (or cannot be found).
#include <fmt/format.h>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

std::vector<Finding> evaluate_cg005(const inventory::Estate& estate, const RuleContext& /*ctx*/) {
  return s::evaluate_domain_certificates(estate, [](const inventory::DomainName& domain,
                                                    const s::AcmLookup& found, Finding& f) {
    if (found.kind == s::AcmLookup::Kind::kNotFound) {
      f.status = Status::kFail;
      f.message = fmt::format(
          "the domain's ACM certificate {} was not found ({}): deleted or never issued, "
          "so callers' TLS to this domain fails",
          f.details["certificate_arn"], found.why);
    } else {
      f.details["acm_status"] = found.certificate->status;
      if (found.certificate->status == "ISSUED") {
        f.message = "the domain's ACM certificate is ISSUED";
      } else {
        f.status = Status::kFail;
        f.message = fmt::format(
            "the domain's ACM certificate is {}, not ISSUED: callers cannot establish TLS "
            "to {} with a valid certificate",
            found.certificate->status.empty() ? "in an unknown state" : found.certificate->status,
            domain.domain_name);
      }
    }
  });
}

}  // namespace

Rule cg005_domain_certificate_not_issued() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-005",
      .title = "Custom domain's ACM certificate is not ISSUED",
      .severity = Severity::kHigh,
      .resource_type = std::string(kDomainNameType),
      .rationale =
          "A custom domain serves callers' TLS with its ACM certificate. A certificate that is "
          "pending validation, expired, revoked, failed or deleted breaks or weakens TLS for "
          "every caller of the domain.",
      .remediation =
          "Request (or import) a valid certificate, complete its validation, and point the "
          "domain at it:\n"
          "  aws acm request-certificate --domain-name {domain_name} --validation-method DNS\n"
          "  aws acm describe-certificate --certificate-arn NEW_CERTIFICATE_ARN --query "
          "Certificate.Status\n"
          "  aws apigateway update-domain-name --domain-name {domain_name} --patch-operations "
          "op=replace,path=/regionalCertificateArn,value=NEW_CERTIFICATE_ARN\n"
          "(for an EDGE domain: path=/certificateArn, with a certificate in us-east-1).",
      .references = {"NIST 800-53 SC-8(1)", "NIST 800-53 SC-13"},
      .parameters = {},
  };
  rule.evaluate = &evaluate_cg005;
  return rule;
}

}  // namespace certguard::rules
