// CG-008: a client certificate no stage uses.
#include <fmt/format.h>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

std::vector<Finding> evaluate_cg008(const inventory::Estate& estate, const RuleContext& /*ctx*/) {
  std::vector<Finding> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      if (!s::region_readable(estate, account, region, "clientcertificates", out)) continue;
      const auto users = s::certificate_users(region);
      const auto unknown = s::apis_with_unknown_stages(region);
      for (const auto& cert : region.client_certificates) {
        Finding f =
            s::make(Status::kPass, account, region, kClientCertificateType,
                    s::client_certificate_arn(estate.partition, region.name, cert.id), cert.id, "");
        f.details["certificate_id"] = cert.id;
        auto it = users.find(cert.id);
        if (it != users.end()) {
          f.details["used_by"] = s::join(it->second);
          f.message = fmt::format("used by {}", f.details["used_by"]);
        } else if (!unknown.empty()) {
          f.status = Status::kError;
          f.message = fmt::format(
              "no readable stage uses this client certificate, but the stages of API(s) {} could "
              "not be read, so it may be in use: scan again",
              s::join(unknown));
        } else {
          f.status = Status::kFail;
          f.message =
              "no stage uses this client certificate: it authenticates nothing and is clutter "
              "that makes rotation and audits harder";
        }
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace

Rule cg008_unused_client_certificate() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-008",
      .title = "Client certificate is not used by any stage",
      .severity = Severity::kLow,
      .resource_type = std::string(kClientCertificateType),
      .rationale =
          "Unused client certificates count against the quota of 60 per region, confuse "
          "audits (which one does the backend trust?) and are often left over from a "
          "rotation that never finished, or from a stage that was meant to use them.",
      .remediation =
          "If the certificate should be attached, attach it; otherwise delete it (certguard "
          "never deletes a certificate any stage references):\n"
          "  aws apigateway update-stage --rest-api-id REST_API_ID --stage-name STAGE "
          "--patch-operations op=replace,path=/clientCertificateId,value={certificate_id}\n"
          "  aws apigateway delete-client-certificate --client-certificate-id {certificate_id}",
      .references = {"NIST 800-53 IA-5(1)"},
      .parameters = {},
  };
  rule.evaluate = &evaluate_cg008;
  return rule;
}

}  // namespace certguard::rules
