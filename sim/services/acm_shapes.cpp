#include "sim/services/acm_shapes.h"

#include "sim/services/common.h"

namespace certguard::sim::svc {
namespace {

using nlohmann::json;

void put_time(json& out, const char* key, inventory::EpochSeconds t) {
  if (t != 0) out[key] = t;
}

bool issued_once(const inventory::AcmCertificate& c) {
  return c.status == "ISSUED" || c.status == "EXPIRED" || c.status == "REVOKED" ||
         c.status == "INACTIVE";
}

std::string renewal_eligibility(const inventory::AcmCertificate& c) {
  return c.type == "AMAZON_ISSUED" && c.in_use && c.status == "ISSUED" ? "ELIGIBLE" : "INELIGIBLE";
}

// Times AWS reports per status: IssuedAt for issued Amazon certificates, ImportedAt
// for imported ones, RevokedAt for revoked ones (the estate has no revocation time, so
// the sim reports the start of validity).
void put_times(json& out, const inventory::AcmCertificate& c) {
  put_time(out, "CreatedAt", c.created_at);
  if (issued_once(c)) {
    put_time(out, "NotBefore", c.not_before);
    put_time(out, "NotAfter", c.not_after);
    if (c.type != "IMPORTED") put_time(out, "IssuedAt", c.not_before);
  }
  if (c.type == "IMPORTED") put_time(out, "ImportedAt", c.imported_at);
  if (c.status == "REVOKED") put_time(out, "RevokedAt", c.not_before);
}

json key_usages() {
  return json::array({"DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT"});
}
json extended_key_usages() {
  return json::array({"TLS_WEB_SERVER_AUTHENTICATION", "TLS_WEB_CLIENT_AUTHENTICATION"});
}

}  // namespace

std::string_view key_algorithm(const inventory::AcmCertificate& cert) {
  return cert.key_algorithm.empty() ? std::string_view("RSA_2048")
                                    : std::string_view(cert.key_algorithm);
}

json certificate_summary(const inventory::AcmCertificate& c) {
  json out = {{"CertificateArn", c.arn},
              {"DomainName", c.domain_name},
              {"SubjectAlternativeNameSummaries", json::array({c.domain_name})},
              {"HasAdditionalSubjectAlternativeNames", false},
              {"Status", c.status},
              {"Type", c.type.empty() ? "AMAZON_ISSUED" : c.type},
              {"KeyAlgorithm", key_algorithm(c)},
              {"InUse", c.in_use},
              {"Exported", false},
              {"RenewalEligibility", renewal_eligibility(c)}};
  if (issued_once(c)) {
    out["KeyUsages"] = key_usages();
    out["ExtendedKeyUsages"] = extended_key_usages();
  }
  put_times(out, c);
  return out;
}

json certificate_detail(const inventory::AcmCertificate& c, const inventory::Region& region,
                        std::string_view partition) {
  json in_use_by = json::array();
  for (const auto& d : region.domain_names) {
    if (d.certificate_arn == c.arn || d.regional_certificate_arn == c.arn) {
      in_use_by.push_back("arn:" + std::string(partition) + ":apigateway:" + region.name +
                          "::/domainnames/" + d.domain_name);
    }
  }
  const std::string type = c.type.empty() ? "AMAZON_ISSUED" : c.type;
  json out = {{"CertificateArn", c.arn},
              {"DomainName", c.domain_name},
              {"SubjectAlternativeNames", json::array({c.domain_name})},
              {"Subject", "CN=" + c.domain_name},
              {"Status", c.status},
              {"Type", type},
              {"KeyAlgorithm", key_algorithm(c)},
              {"SignatureAlgorithm", "SHA256WITHRSA"},
              {"InUseBy", in_use_by},
              {"RenewalEligibility", renewal_eligibility(c)},
              {"Options", {{"CertificateTransparencyLoggingPreference", "ENABLED"}}}};
  if (issued_once(c)) {
    out["Serial"] = derived_id(c.arn, 16, "0123456789abcdef");
    out["Issuer"] = type == "IMPORTED" ? "Imported CA" : "Amazon";
    out["KeyUsages"] =
        json::array({{{"Name", "DIGITAL_SIGNATURE"}}, {{"Name", "KEY_ENCIPHERMENT"}}});
    out["ExtendedKeyUsages"] =
        json::array({{{"Name", "TLS_WEB_SERVER_AUTHENTICATION"}, {"OID", "1.3.6.1.5.5.7.3.1"}},
                     {{"Name", "TLS_WEB_CLIENT_AUTHENTICATION"}, {"OID", "1.3.6.1.5.5.7.3.2"}}});
  }
  if (type == "AMAZON_ISSUED") {
    const std::string validation = c.status == "PENDING_VALIDATION"     ? "PENDING_VALIDATION"
                                   : c.status == "FAILED"               ? "FAILED"
                                   : c.status == "VALIDATION_TIMED_OUT" ? "FAILED"
                                                                        : "SUCCESS";
    out["DomainValidationOptions"] = json::array({{{"DomainName", c.domain_name},
                                                   {"ValidationDomain", c.domain_name},
                                                   {"ValidationStatus", validation},
                                                   {"ValidationMethod", "DNS"}}});
  }
  if (c.status == "FAILED") out["FailureReason"] = "CAA_ERROR";
  if (c.status == "REVOKED") out["RevocationReason"] = "UNSPECIFIED";
  put_times(out, c);
  return out;
}

}  // namespace certguard::sim::svc
