// A hand-built estate with every boundary the rules care about, served by certguard-sim
// and scanned through assume-role: certificates expiring in 29, 30 and 31 days, expired
// yesterday, a dangling certificate id, ACM PENDING_VALIDATION / EXPIRED / REVOKED /
// ISSUED, an imported certificate uploaded 396 days ago, and 600 REST APIs in one region.

#include <gtest/gtest.h>

#include <map>

#include "sim_scan_fixture.h"

namespace certguard::testing {
namespace {

using inventory::EpochSeconds;
constexpr EpochSeconds kNow = 1767225600;
constexpr EpochSeconds kDay = 86400;
const std::string kAcm = "arn:aws:acm:us-east-1:222222222222:certificate/";

inventory::Estate boundary_estate() {
  inventory::Estate e;
  e.management_account_id = "111111111111";
  e.captured_at = kNow;
  inventory::Account mgmt;
  mgmt.id = "111111111111";
  mgmt.access_keys.push_back({"AKIABOUNDARYMGMT0001", "boundary/secret"});
  inventory::Account target;
  target.id = "222222222222";
  target.roles.push_back(
      {.name = "CertguardAudit", .trusted_accounts = {"111111111111"}, .external_id = ""});

  inventory::Region east;
  east.name = "us-east-1";
  inventory::RestApi api;
  api.id = "httpapi001";
  api.name = "http";
  api.endpoint_types = {"PRIVATE"};
  inventory::Resource root;
  root.id = "root000001";
  root.path = "/";
  root.methods.push_back({.http_method = "ANY",
                          .integration_type = "HTTP_PROXY",
                          .uri = "https://backend.example.com",
                          .connection_type = "INTERNET"});
  api.resources.push_back(root);
  for (const auto& [stage, cert] :
       std::vector<std::pair<std::string, std::string>>{{"s29", "cert29"},
                                                        {"s30", "cert30"},
                                                        {"s31", "cert31"},
                                                        {"sexp", "certexp"},
                                                        {"sdangle", "nosuchcert"}}) {
    inventory::Stage s;
    s.stage_name = stage;
    s.deployment_id = "dep1";
    s.client_certificate_id = cert;
    api.stages.push_back(s);
  }
  api.deployments.push_back({.id = "dep1", .description = "", .created_date = kNow - 10 * kDay});
  east.rest_apis.push_back(api);
  for (const auto& [id, expires] :
       std::vector<std::pair<std::string, EpochSeconds>>{{"cert29", kNow + 29 * kDay},
                                                         {"cert30", kNow + 30 * kDay},
                                                         {"cert31", kNow + 31 * kDay},
                                                         {"certexp", kNow - kDay},
                                                         {"certunused", kNow + 200 * kDay}}) {
    inventory::ClientCertificate c;
    c.id = id;
    c.created_date = expires - 365 * kDay;
    c.expiration_date = expires;
    east.client_certificates.push_back(c);
  }
  struct Acm {
    std::string name;
    std::string status;
    std::string type;
    EpochSeconds imported_at;
  };
  for (const Acm& a : std::vector<Acm>{{"pending", "PENDING_VALIDATION", "AMAZON_ISSUED", 0},
                                       {"expired", "EXPIRED", "AMAZON_ISSUED", 0},
                                       {"revoked", "REVOKED", "AMAZON_ISSUED", 0},
                                       {"issued", "ISSUED", "AMAZON_ISSUED", 0},
                                       {"imported", "ISSUED", "IMPORTED", kNow - 396 * kDay}}) {
    inventory::AcmCertificate c;
    c.arn = kAcm + a.name;
    c.domain_name = a.name + ".example.com";
    c.status = a.status;
    c.type = a.type;
    c.key_algorithm = a.name == "issued" ? "EC_prime256v1" : "RSA_2048";
    c.not_before = kNow - 100 * kDay;
    // ACM reports no validity period for a certificate it has not issued yet.
    c.not_after = a.status == "PENDING_VALIDATION" ? 0
                  : a.status == "EXPIRED"          ? kNow - kDay
                                                   : kNow + 300 * kDay;
    c.created_at = kNow - 400 * kDay;
    c.imported_at = a.imported_at;
    c.in_use = true;
    east.acm_certificates.push_back(c);
    inventory::DomainName d;
    d.domain_name = a.name + ".example.com";
    d.endpoint_types = {"REGIONAL"};
    d.regional_certificate_arn = c.arn;
    d.status = "AVAILABLE";
    east.domain_names.push_back(d);
  }
  target.regions.push_back(east);

  inventory::Region west;
  west.name = "eu-west-1";
  for (int i = 0; i < 600; ++i) {
    inventory::RestApi a;
    a.id = fmt::format("bulk{:06d}", i);
    a.name = a.id;
    a.endpoint_types = {"REGIONAL"};
    inventory::Stage s;
    s.stage_name = "prod";
    s.deployment_id = "d";
    a.stages.push_back(s);
    a.deployments.push_back({.id = "d", .description = "", .created_date = kNow - kDay});
    west.rest_apis.push_back(a);
  }
  target.regions.push_back(west);
  e.accounts = {mgmt, target};
  return e;
}

TEST(BoundaryScan, EveryBoundaryAsWritten) {
  SimScanOptions o;
  o.access_key = "AKIABOUNDARYMGMT0001";
  o.secret_key = "boundary/secret";
  o.accounts = {"222222222222"};
  o.regions = {"us-east-1", "eu-west-1"};
  o.now = kNow;
  o.engine.now = kNow;
  o.engine.quotas.enabled = false;
  o.collect.pacing = inventory::PacingOptions{0, 1, 0, 1};
  SimScan scan = run_sim_scan(boundary_estate(), o);

  const auto& regions = scan.result.estate.accounts.at(0).regions;
  ASSERT_EQ(regions.size(), 2u);
  for (const auto& r : regions) {
    ASSERT_EQ(r.scan.state, inventory::ScanState::kOk) << r.scan.error_message;
  }
  EXPECT_EQ(regions[1].rest_apis.size(), 600u);
  EXPECT_EQ(regions[1].scan.calls.at("GetRestApis"), 2);  // 500 + 100

  std::map<std::pair<std::string, std::string>, rules::Status> got;
  for (const auto& f : scan.findings) got[{f.rule_id, f.resource_arn}] = f.status;
  auto status = [&](const std::string& rule, const std::string& arn) {
    auto it = got.find({rule, arn});
    return it == got.end() ? std::string("MISSING") : std::string(rules::to_string(it->second));
  };
  const std::string cc = "arn:aws:apigateway:us-east-1::/clientcertificates/";
  EXPECT_EQ(status("CG-003", cc + "cert29"), "FAIL");
  EXPECT_EQ(status("CG-003", cc + "cert30"), "FAIL");
  EXPECT_EQ(status("CG-003", cc + "cert31"), "PASS");
  EXPECT_EQ(status("CG-004", cc + "certexp"), "FAIL");
  EXPECT_EQ(status("CG-004", cc + "cert29"), "PASS");
  const std::string stages = "arn:aws:apigateway:us-east-1::/restapis/httpapi001/stages/";
  EXPECT_EQ(status("CG-002", stages + "sdangle"), "FAIL");
  EXPECT_EQ(status("CG-002", stages + "s31"), "PASS");
  EXPECT_EQ(status("CG-001", stages + "s31"), "PASS");
  const std::string dn = "arn:aws:apigateway:us-east-1::/domainnames/";
  EXPECT_EQ(status("CG-005", dn + "pending.example.com"), "FAIL");
  EXPECT_EQ(status("CG-005", dn + "expired.example.com"), "FAIL");
  EXPECT_EQ(status("CG-005", dn + "revoked.example.com"), "FAIL");
  EXPECT_EQ(status("CG-005", dn + "issued.example.com"), "PASS");
  EXPECT_EQ(status("CG-005", dn + "imported.example.com"), "PASS");
  EXPECT_EQ(status("CG-006", dn + "imported.example.com"), "FAIL");  // uploaded 396 days ago
  EXPECT_EQ(status("CG-006", dn + "issued.example.com"), "PASS");
  EXPECT_EQ(status("CG-006", dn + "expired.example.com"), "FAIL");
  EXPECT_EQ(status("CG-006", dn + "revoked.example.com"), "PASS");  // CG-005 covers it
  // Never issued: no NotAfter, nothing to expire; CG-005 FAILs it (was ERROR before).
  EXPECT_EQ(status("CG-006", dn + "pending.example.com"), "NOT_APPLICABLE");
  EXPECT_EQ(status("CG-008", cc + "certunused"), "FAIL");
  EXPECT_EQ(status("CG-008", cc + "cert29"), "PASS");
  EXPECT_EQ(status("CG-001", "arn:aws:apigateway:eu-west-1::/restapis/bulk000599/stages/prod"),
            "NOT_APPLICABLE");  // no HTTP integration, not --strict
  for (const auto& f : scan.findings) {
    EXPECT_NE(f.status, rules::Status::kError)
        << f.rule_id << " " << f.resource_arn << ": " << f.message;
  }
  EXPECT_EQ(status("CG-007", "arn:aws:apigateway:us-east-1::/restapis/httpapi001"), "PASS");
  int bulk_fail = 0;
  for (const auto& f : scan.findings) {
    if (f.rule_id == "CG-007" && f.region == "eu-west-1" && f.status == rules::Status::kFail) {
      ++bulk_fail;
    }
  }
  EXPECT_EQ(bulk_fail, 600);
}

}  // namespace
}  // namespace certguard::testing
