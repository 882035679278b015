// CG-005: a custom domain's ACM certificate is not ISSUED (or cannot be found).
#include <fmt/format.h>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

std::vector<Finding> evaluate(const inventory::Estate& estate, const RuleContext& /*ctx*/) {
  std::vector<Finding> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      if (!s::region_readable(estate, account, region, "domainnames", out)) continue;
      for (const auto& domain : region.domain_names) {
        const std::string arn =
            s::domain_name_arn(estate.partition, region.name, domain.domain_name);
        const auto cert_arns = s::domain_certificate_arns(domain);
        if (cert_arns.empty()) {
          Finding f =
              s::make(Status::kError, account, region, kDomainNameType, arn, domain.domain_name,
                      "no certificate ARN was reported for this custom domain: scan again");
          f.details["domain_name"] = domain.domain_name;
          out.push_back(std::move(f));
          continue;
        }
        for (const auto& cert_arn : cert_arns) {
          Finding f =
              s::make(Status::kPass, account, region, kDomainNameType, arn, domain.domain_name, "");
          f.details["domain_name"] = domain.domain_name;
          f.details["certificate_arn"] = cert_arn;
          const auto found = s::find_acm_certificate(account, cert_arn);
          if (found.kind == s::AcmLookup::Kind::kUnknown) {
            f.status = Status::kError;
            f.message = fmt::format("cannot check the domain's ACM certificate: {}", found.why);
          } else if (found.kind == s::AcmLookup::Kind::kNotFound) {
            f.status = Status::kFail;
            f.message = fmt::format(
                "the domain's ACM certificate {} was not found ({}): deleted or never issued, "
                "so callers' TLS to this domain fails",
                cert_arn, found.why);
          } else {
            f.details["acm_status"] = found.certificate->status;
            if (found.certificate->status == "ISSUED") {
              f.message = "the domain's ACM certificate is ISSUED";
            } else {
              f.status = Status::kFail;
              f.message = fmt::format(
                  "the domain's ACM certificate is {}, not ISSUED: callers cannot establish TLS "
                  "to {} with a valid certificate",
                  found.certificate->status.empty() ? "in an unknown state"
                                                    : found.certificate->status,
                  domain.domain_name);
            }
          }
          out.push_back(std::move(f));
        }
      }
    }
  }
  return out;
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
  rule.evaluate = &evaluate;
  return rule;
}

}  // namespace certguard::rules
