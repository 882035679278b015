// The shipped sample estate (examples/) served by certguard-sim and scanned through
// assume-role: every hand-written expected finding is reported, and nothing else FAILs.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "certguard/inventory/estate/estate_json.h"
#include "sim_scan_fixture.h"

namespace certguard::testing {
namespace {

using Json = nlohmann::json;
using Key = std::tuple<std::string, std::string>;  // rule id, resource ARN

Json expected() {
  std::ifstream in(std::string(CG_SOURCE_DIR) + "/examples/sample-estate.expected.json");
  return Json::parse(in);
}

SimScanOptions sample_options(bool strict) {
  SimScanOptions o;
  o.access_key = "AKIASAMPLEMGMT000001";
  o.secret_key = "sample/management/secretxxxxxxxxxxxxxxxx";
  o.accounts = {"222222222222", "333333333333"};
  o.regions = {"us-east-1", "eu-west-1", "ap-southeast-2"};
  o.now = 1767225600;
  o.engine.now = 1767225600;
  o.strict = strict;
  return o;
}

inventory::Estate sample() {
  auto estate =
      inventory::load_estate_file(std::string(CG_SOURCE_DIR) + "/examples/sample-estate.json");
  EXPECT_TRUE(estate.ok()) << (estate.ok() ? "" : estate.error().describe());
  return *estate;
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
  for (const auto& f : scan.findings) got[{f.rule_id, f.resource_arn}] = f.status;
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
  SimScan scan = run_sim_scan(sample(), sample_options(false));
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
  SimScan scan = run_sim_scan(sample(), o);
  check_against_expected(scan, true);
}

TEST(SampleEstateScan, UnassumableRoleIsErrorNotPass) {
  SimScanOptions o = sample_options(false);
  o.role_name = "NoSuchRole";
  SimScan scan = run_sim_scan(sample(), o);
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

TEST(SampleEstateScan, FaultsGiveTheSameFindingsOrError) {
  SimScan clean = run_sim_scan(sample(), sample_options(false));
  SimScanOptions o = sample_options(false);
  o.engine.faults.error_5xx = 0.05;
  o.engine.faults.reset = 0.02;
  o.engine.faults.seed = 7;
  o.engine.quotas.enabled = true;
  SimScan faulty = run_sim_scan(sample(), o);
  std::map<Key, rules::Status> before;
  for (const auto& f : clean.findings) before[{f.rule_id, f.resource_arn}] = f.status;
  for (const auto& f : faulty.findings) {
    if (f.status == rules::Status::kError) continue;
    auto it = before.find({f.rule_id, f.resource_arn});
    ASSERT_NE(it, before.end()) << "new finding " << f.rule_id << " " << f.resource_arn;
    EXPECT_EQ(f.status, it->second) << f.rule_id << " " << f.resource_arn;
  }
  // Every fault-free FAIL is still FAIL or ERROR (a region ERROR covers its resources).
  std::set<Key> faulty_keys;
  for (const auto& f : faulty.findings) faulty_keys.insert({f.rule_id, f.resource_arn});
  for (const auto& f : clean.findings) {
    if (f.status != rules::Status::kFail) continue;
    bool covered = faulty_keys.contains({f.rule_id, f.resource_arn});
    if (!covered) {
      for (const auto& g : faulty.findings) {
        covered = covered || (g.status == rules::Status::kError && g.rule_id == f.rule_id &&
                              g.account == f.account && g.region == f.region);
      }
    }
    EXPECT_TRUE(covered) << "FAIL lost under faults: " << f.rule_id << " " << f.resource_arn;
  }
}

}  // namespace
}  // namespace certguard::testing
