#pragma once

// Small estate builders shared by the rule tests.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "certguard/inventory/estate/estate.h"
#include "certguard/rules/catalog.h"
#include "certguard/rules/rule.h"

namespace certguard::rules::testing {

using namespace certguard::inventory;  // NOLINT(google-build-using-namespace): test brevity

inline constexpr EpochSeconds kNow = 1795392000;  // 2026-11-23T00:00:00Z
inline constexpr EpochSeconds kDay = 86400;
inline constexpr const char* kAccount = "111111111111";
inline constexpr const char* kRegion = "us-east-1";

inline Estate one_region() {
  Estate e;
  Account a;
  a.id = kAccount;
  Region r;
  r.name = kRegion;
  a.regions.push_back(r);
  e.accounts.push_back(a);
  return e;
}

inline Region& region(Estate& e) {
  return e.accounts.at(0).regions.at(0);
}

inline RestApi api_with(const std::string& id, const std::string& integration_type) {
  RestApi api;
  api.id = id;
  api.name = id + "-name";
  api.endpoint_types = {"REGIONAL"};
  Resource root;
  root.id = "root";
  root.path = "/";
  root.methods.push_back({"GET", integration_type, "https://backend.example.com/", "INTERNET"});
  api.resources.push_back(root);
  return api;
}
inline RestApi http_api(const std::string& id) {
  return api_with(id, "HTTP_PROXY");
}
inline RestApi lambda_api(const std::string& id) {
  return api_with(id, "AWS_PROXY");
}

inline Stage stage(const std::string& name, const std::string& cert_id = "") {
  Stage s;
  s.stage_name = name;
  s.deployment_id = "dep1";
  s.client_certificate_id = cert_id;
  return s;
}

inline ClientCertificate client_cert(const std::string& id, EpochSeconds expires) {
  ClientCertificate c;
  c.id = id;
  c.created_date = expires - 365 * kDay;
  c.expiration_date = expires;
  return c;
}

inline RuleContext context(bool strict = false) {
  RuleContext ctx;
  ctx.now = kNow;
  ctx.strict = strict;
  return ctx;
}

inline std::vector<Finding> run(const std::string& id, const Estate& e,
                                const RuleContext& ctx = context()) {
  auto rule = find_rule(id);
  EXPECT_TRUE(rule.has_value()) << id;
  if (!rule) return {};
  return rule->evaluate(e, ctx);
}

// The single finding a run produced (fails the test if there is not exactly one).
inline Finding only(const std::vector<Finding>& findings) {
  EXPECT_EQ(findings.size(), 1U);
  return findings.empty() ? Finding{} : findings.front();
}

// An estate whose only region could not be read.
inline Estate unreadable_region(ScanState state = ScanState::kError) {
  Estate e = one_region();
  region(e).scan.state = state;
  region(e).scan.error_kind = "access denied";
  region(e).scan.error_message = "GetRestApis: AccessDeniedException (HTTP 403): not authorized";
  return e;
}

// Checks the fail-closed contract for an unreadable region: one ERROR naming the cause.
inline void expect_region_error(const std::string& rule_id, const std::string& collection) {
  for (ScanState state : {ScanState::kError, ScanState::kNotScanned}) {
    Estate e = unreadable_region(state);
    // Resources present in the unreadable region must not produce PASS either.
    region(e).rest_apis.push_back(http_api("a1"));
    region(e).rest_apis[0].stages.push_back(stage("prod", "c1"));
    region(e).client_certificates.push_back(client_cert("c1", kNow + 300 * kDay));
    const Finding f = only(run(rule_id, e));
    EXPECT_EQ(f.status, Status::kError) << rule_id;
    EXPECT_EQ(f.resource_type, kRegionType);
    EXPECT_EQ(f.account, kAccount);
    EXPECT_EQ(f.region, kRegion);
    EXPECT_EQ(f.resource_arn, "arn:aws:apigateway:us-east-1::/" + collection);
    if (state == ScanState::kError) {
      EXPECT_NE(f.message.find("AccessDeniedException"), std::string::npos) << f.message;
    } else {
      EXPECT_NE(f.message.find("not scanned"), std::string::npos) << f.message;
    }
  }
}

}  // namespace certguard::rules::testing
