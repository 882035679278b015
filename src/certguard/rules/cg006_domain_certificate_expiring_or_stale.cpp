// CG-006: a custom domain's certificate expires within the threshold, or an imported one
// was uploaded more than max_upload_age_days ago.
#include <fmt/format.h>

#include "certguard/inventory/estate/iso8601.h"
#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

// ACM statuses of a certificate that has not been issued (so has no NotAfter).
bool never_issued(const std::string& status) {
  return status == "PENDING_VALIDATION" || status == "FAILED" || status == "VALIDATION_TIMED_OUT";
}

// Fills status and message from the certificate; boundaries as RuleContext documents.
void judge(const inventory::AcmCertificate& cert, const inventory::DomainName& domain,
           const RuleContext& ctx, Finding& f) {
  f.details["acm_type"] = cert.type;
  f.details["threshold_days"] = std::to_string(ctx.expiry_days);
  if (never_issued(cert.status)) {
    // ACM reports no validity period until it issues the certificate (emulators may
    // report a placeholder one): there is nothing to expire yet, and never a PASS. CG-005
    // already FAILs the domain for the certificate not being ISSUED.
    f.status = Status::kNotApplicable;
    f.details["acm_status"] = cert.status;
    f.message = fmt::format(
        "the domain's ACM certificate is {} and was never issued, so it has no expiry yet "
        "(see CG-005)",
        cert.status);
    return;
  }
  if (cert.not_after == 0) {
    f.status = Status::kError;
    f.message = "the ACM certificate's expiry (NotAfter) was not reported: scan again";
    return;
  }
  const auto days = s::days_until(cert.not_after, ctx.now);
  f.details["not_after"] = inventory::format_iso8601(cert.not_after);
  f.details["days_left"] = std::to_string(days);
  std::vector<std::string> problems;
  if (cert.not_after - ctx.now <=
      static_cast<inventory::EpochSeconds>(ctx.expiry_days) * s::kSecondsPerDay) {
    problems.push_back(cert.not_after <= ctx.now
                           ? fmt::format("expired on {}", f.details["not_after"])
                           : fmt::format("expires in {} day(s) ({}), within the {}-day threshold",
                                         days, f.details["not_after"], ctx.expiry_days));
  }
  if (cert.type == "IMPORTED") {
    const inventory::EpochSeconds uploaded =
        cert.imported_at != 0 ? cert.imported_at : domain.certificate_upload_date;
    if (uploaded == 0) {
      f.status = Status::kError;
      f.message = "the imported certificate's upload date was not reported: scan again";
      return;
    }
    const auto age = s::days_until(ctx.now, uploaded);
    f.details["uploaded_at"] = inventory::format_iso8601(uploaded);
    f.details["upload_age_days"] = std::to_string(age);
    f.details["max_upload_age_days"] = std::to_string(ctx.max_upload_age_days);
    if (ctx.now - uploaded >
        static_cast<inventory::EpochSeconds>(ctx.max_upload_age_days) * s::kSecondsPerDay) {
      problems.push_back(fmt::format(
          "was imported {} day(s) ago (more than {}): imported certificates are not renewed by "
          "ACM",
          age, ctx.max_upload_age_days));
    }
  }
  if (problems.empty()) {
    f.status = Status::kPass;
    f.message = fmt::format("the domain's certificate is valid for {} more day(s)", days);
  } else {
    f.status = Status::kFail;
    f.message = fmt::format("the domain's ACM certificate {}", s::join(problems, "; and "));
  }
}

std::vector<Finding> evaluate_cg006(const inventory::Estate& estate, const RuleContext& ctx) {
  return s::evaluate_domain_certificates(
      estate, [&ctx](const inventory::DomainName& domain, const s::AcmLookup& found, Finding& f) {
        if (found.kind == s::AcmLookup::Kind::kNotFound) {
          f.status = Status::kNotApplicable;
          f.message =
              fmt::format("the domain's ACM certificate was not found ({}; see CG-005)", found.why);
        } else {
          judge(*found.certificate, domain, ctx, f);
        }
      });
}

}  // namespace

Rule cg006_domain_certificate_expiring_or_stale() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-006",
      .title =
          "Custom domain's certificate expires within the threshold, or an imported one was "
          "uploaded more than 395 days ago",
      .severity = Severity::kMedium,
      .resource_type = std::string(kDomainNameType),
      .rationale =
          "ACM renews the certificates it issues, but not imported ones, and renewal can fail "
          "(validation records removed). A certificate close to expiry, or an imported one "
          "older than a public certificate's maximum lifetime (398 days), will break callers' "
          "TLS to the custom domain.",
      .remediation =
          "Renew or re-import the certificate, or replace it with an ACM-issued one that ACM "
          "renews, and point the domain at it:\n"
          "  aws acm describe-certificate --certificate-arn {certificate_arn} --query "
          "'Certificate.[Status,NotAfter,RenewalSummary]'\n"
          "  aws acm import-certificate --certificate-arn {certificate_arn} --certificate "
          "fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem\n"
          "  aws apigateway update-domain-name --domain-name {domain_name} --patch-operations "
          "op=replace,path=/regionalCertificateArn,value=NEW_CERTIFICATE_ARN",
      .references = {"NIST 800-53 SC-8(1)", "NIST 800-53 SC-13", "NIST 800-53 AC-17(2)"},
      .parameters = {"expiry_days", "max_upload_age_days"},
  };
  rule.evaluate = &evaluate_cg006;
  return rule;
}

}  // namespace certguard::rules
