// The shipped sample estate (examples/) served by certguard-sim and scanned through
// assume-role: every hand-written expected finding is reported, and nothing else FAILs.

#include "sample_estate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

namespace certguard::testing {
namespace {

using Json = nlohmann::json;
using Key = std::tuple<std::string, std::string>;  // rule id, resource ARN

Json expected() {
  std::ifstream in(std::string(CG_SOURCE_DIR) + "/examples/sample-estate.expected.json");
  return Json::parse(in);
}

void check_against_expected(const SimScan& scan, bool strict) {
  Json want = expected();
  for (const auto& account : scan.result.estate.accounts) {
    for (const auto& region : account.regions) {
      EXPECT_EQ(region.scan.state, inventory::ScanState::kOk)
          << account.id << " " << region.name << ": " << region.scan.error_message;
    }
  }
  std::map<Key, rules::Status> got;
  for (const auto& f : scan.findings) {
    got[{f.rule_id, f.resource_arn}] = f.status;
    // A complete scan of the sample has no ERROR (scripts/demo would exit 3).
    EXPECT_NE(f.status, rules::Status::kError)
        << f.rule_id << " " << f.resource_arn << ": " << f.message;
  }
  std::set<Key> strict_fail;
  for (const auto& f : want["strict_additional_fail"]) {
    strict_fail.insert({f["rule_id"].get<std::string>(), f["resource_arn"].get<std::string>()});
  }
  std::set<Key> listed;
  for (const auto& f : want["findings"]) {
    Key key{f["rule_id"].get<std::string>(), f["resource_arn"].get<std::string>()};
    listed.insert(key);
    auto it = got.find(key);
    ASSERT_NE(it, got.end()) << std::get<0>(key) << " " << std::get<1>(key) << " not reported";
    std::string status = f["status"].get<std::string>();
    if (strict && strict_fail.contains(key)) status = "FAIL";
    EXPECT_EQ(rules::to_string(it->second), status) << std::get<0>(key) << " " << std::get<1>(key);
  }
  std::set<Key> tolerated;
  for (const auto& f : want["tolerated"]) {
    tolerated.insert({f["rule_id"].get<std::string>(), f["resource_arn"].get<std::string>()});
  }
  for (const auto& [key, status] : got) {
    if (status != rules::Status::kFail) continue;
    bool ok =
        listed.contains(key) || tolerated.contains(key) || (strict && strict_fail.contains(key));
    EXPECT_TRUE(ok) << "unexpected FAIL " << std::get<0>(key) << " " << std::get<1>(key);
  }
}

TEST(SampleEstateScan, DefaultOptionsMatchTheHandWrittenFindings) {
  SimScan scan = run_sim_scan(sample_estate(), sample_options(false));
  check_against_expected(scan, false);
  // The fewest calls: no GetClientCertificate, one list of each kind per region.
  for (const auto& account : scan.result.estate.accounts) {
    for (const auto& region : account.regions) {
      EXPECT_FALSE(region.scan.calls.contains("GetClientCertificate"));
      EXPECT_EQ(region.scan.calls.at("GetClientCertificates"), 1);
      EXPECT_EQ(region.scan.calls.at("GetDomainNames"), 1);
      EXPECT_EQ(region.scan.calls.at("ListCertificates"), 1);
      EXPECT_EQ(region.scan.calls.at("GetRestApis"), 1);
    }
  }
}

TEST(SampleEstateScan, StrictFlagsEveryStageWithoutCertificate) {
  SimScanOptions o = sample_options(true);
  o.collect.read_integrations = false;
  SimScan scan = run_sim_scan(sample_estate(), o);
  check_against_expected(scan, true);
}

TEST(SampleEstateScan, UnassumableRoleIsErrorNotPass) {
  SimScanOptions o = sample_options(false);
  o.role_name = "NoSuchRole";
  SimScan scan = run_sim_scan(sample_estate(), o);
  for (const auto& account : scan.result.estate.accounts) {
    for (const auto& region : account.regions) {
      EXPECT_EQ(region.scan.state, inventory::ScanState::kError);
    }
  }
  for (const auto& f : scan.findings) {
    EXPECT_NE(f.status, rules::Status::kPass) << f.rule_id << " " << f.resource_arn;
  }
  EXPECT_FALSE(scan.findings.empty());
}

}  // namespace
}  // namespace certguard::testing
