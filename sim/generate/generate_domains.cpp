// Custom domain names of one generated region and their ACM certificates.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "sim/generate/generate_context.h"

namespace certguard::sim::gen {
namespace {

using inventory::EpochSeconds;

constexpr std::array<std::string_view, 7> kAcmStatuses = {
    "ISSUED", "PENDING_VALIDATION",  "EXPIRED", "REVOKED", "INACTIVE",
    "FAILED", "VALIDATION_TIMED_OUT"};
constexpr std::array<std::string_view, 4> kOtherStatuses = {"PENDING_VALIDATION", "EXPIRED",
                                                            "REVOKED", "INACTIVE"};
// Amazon-issued public certificates are valid 395 days (13 months).
constexpr EpochSeconds kAmazonValidity = 395 * kDay;

std::string acm_arn(Context& ctx, Rng& rng, const inventory::Account& account,
                    const inventory::Region& region) {
  const std::string uuid = ctx.unique_id(rng, 8, kHex) + "-" + rng.text(4, kHex) + "-" +
                           rng.text(4, kHex) + "-" + rng.text(4, kHex) + "-" + rng.text(12, kHex);
  return "arn:aws:acm:" + region.name + ":" + account.id + ":certificate/" + uuid;
}

// The status of the next domain's certificate: the first seven domains of the estate
// go through every status, later ones are 80 % ISSUED.
std::string next_status(Context& ctx, Rng& rng) {
  const int n = ctx.counters.domains++;
  if (n < static_cast<int>(kAcmStatuses.size())) {
    return std::string(kAcmStatuses[static_cast<std::size_t>(n)]);
  }
  if (rng.percent(80)) return "ISSUED";
  return std::string(kOtherStatuses[rng.next() % kOtherStatuses.size()]);
}

// Dates that fit the status: issued ones valid now (the second issued one of the
// estate expires within 30 days), expired ones in the past, pending ones undated.
void set_dates(Context& ctx, Rng& rng, inventory::AcmCertificate& cert) {
  const EpochSeconds now = ctx.options.now;
  const std::string& s = cert.status;
  if (s == "PENDING_VALIDATION" || s == "FAILED") {
    cert.created_at = now - rng.between(0, 2) * kDay - rng.between(60, kDay - 1);
    return;
  }
  if (s == "VALIDATION_TIMED_OUT") {  // AWS gives up after 72 hours
    cert.created_at = now - rng.between(4, 60) * kDay;
    return;
  }
  if (s == "EXPIRED") {
    cert.not_after = now - rng.between(1, 200) * kDay;
  } else if (s == "ISSUED") {
    const int n = ctx.counters.issued_acm++;
    cert.not_after = now + (n == 1 ? rng.between(1, 29) : rng.between(1, 394)) * kDay;
  } else {  // REVOKED, INACTIVE: issued once, still within their dates
    cert.not_after = now + rng.between(30, 300) * kDay;
  }
  if (cert.type == "IMPORTED") {
    // Imported certificates have their own validity; uploads may be years old. The first
    // imported one of the estate was uploaded more than 395 days ago.
    const int n = ctx.counters.imported_acm++;
    cert.imported_at = now - (n == 0 ? rng.between(396, 700) : rng.between(0, 600)) * kDay;
    cert.not_before = std::min(cert.imported_at, cert.not_after - 30 * kDay) - kDay;
    cert.created_at = cert.imported_at;
  } else {
    cert.not_before = cert.not_after - kAmazonValidity;
    cert.created_at = cert.not_before - rng.between(0, 3600);
  }
}

inventory::AcmCertificate make_acm(Context& ctx, Rng& rng, const inventory::Account& account,
                                   const inventory::Region& region, std::string domain,
                                   std::string status) {
  inventory::AcmCertificate cert;
  cert.arn = acm_arn(ctx, rng, account, region);
  cert.domain_name = std::move(domain);
  cert.status = std::move(status);
  const bool can_import = cert.status == "ISSUED" || cert.status == "EXPIRED";
  cert.type = can_import && rng.percent(30) ? "IMPORTED" : "AMAZON_ISSUED";
  // Mostly RSA_2048; imported ones sometimes EC or RSA_4096, which ListCertificates
  // hides unless Includes.keyTypes asks for them.
  cert.key_algorithm = "RSA_2048";
  if (cert.type == "IMPORTED" && rng.percent(40)) {
    cert.key_algorithm = rng.percent(50) ? "EC_prime256v1" : "RSA_4096";
  }
  set_dates(ctx, rng, cert);
  return cert;
}

}  // namespace

void add_domains(Context& ctx, Rng& rng, const inventory::Account& account,
                 inventory::Region& region) {
  const int apis = ctx.options.apis_per_region;
  if (apis <= 0) return;
  const int domains = std::max(2, apis / 4);
  for (int i = 0; i < domains; ++i) {
    inventory::DomainName domain;
    domain.domain_name = "api" + std::to_string(ctx.counters.domains) + "." + account.name + "." +
                         region.name + ".example.com";
    auto cert = make_acm(ctx, rng, account, region, domain.domain_name, next_status(ctx, rng));
    cert.in_use = true;
    // EDGE domains need their certificate in us-east-1; elsewhere they are REGIONAL.
    if (region.name == "us-east-1" && rng.percent(30)) {
      domain.endpoint_types = {"EDGE"};
      domain.certificate_arn = cert.arn;
    } else {
      domain.endpoint_types = {"REGIONAL"};
      domain.regional_certificate_arn = cert.arn;
    }
    domain.certificate_upload_date = cert.type == "IMPORTED" ? cert.imported_at : cert.created_at;
    domain.status = "AVAILABLE";
    region.domain_names.push_back(std::move(domain));
    region.acm_certificates.push_back(std::move(cert));
  }
  // A few certificates nothing uses (requested for a migration that never happened).
  const auto unused = rng.between(0, 2);
  for (std::int64_t i = 0; i < unused; ++i) {
    const std::string name = "unused" + std::to_string(i) + "." + account.name + ".example.com";
    auto cert = make_acm(ctx, rng, account, region, name, "ISSUED");
    region.acm_certificates.push_back(std::move(cert));
  }
}

}  // namespace certguard::sim::gen
