// fix and rotate through the certguard executable across accounts, as scan takes them:
// --accounts with --role-name (AssumeRole into each account of the in-process sim) and
// --org (Organizations ListAccounts from the management account). Also what rotate says
// when there is nothing left to do, and that a finish run's deletes are called final.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "certguard/remediate/region_state.h"
#include "certguard/remediate/rotate_plan.h"
#include "certguard/remediate/tags.h"
#include "certguard/store/store.h"
#include "certguard_process.h"
#include "sim_fixture.h"

namespace certguard::remediate {
namespace {

using testing::kAccount;
using testing::kOtherAccount;
using testing::kRole;
using testing::organization_estate;
using testing::orphans;
using testing::run_certguard;
using testing::SimFixture;

sim::SimServerOptions quick_quotas() {
  sim::SimServerOptions options;
  options.engine.quotas.scale = 100.0;  // several certguard runs within a second
  return options;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class TargetsTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::fresh_test_dir("targets"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string db() const { return (dir_ / "journal.db").string(); }
  // Runs certguard; its stdout and stderr are in out_ and err_ afterwards.
  int certguard(const std::vector<std::string>& args, SimFixture& sim) {
    const auto out = dir_ / "stdout";
    const auto err = dir_ / "stderr";
    int rc = run_certguard(args, sim.url(), dir_.string(), 0, err.string(), out.string());
    out_ = slurp(out);
    err_ = slurp(err);
    return rc;
  }
  std::vector<store::RunRecord> runs() {
    auto s = store::Store::open(db());
    EXPECT_TRUE(s.ok());
    auto r = (*s)->list_runs();
    EXPECT_TRUE(r.ok());
    return *r;
  }

  std::filesystem::path dir_;
  std::string out_;
  std::string err_;
};

std::string tag(const inventory::ClientCertificate& c, std::string_view key) {
  auto it = c.tags.find(std::string(key));
  return it == c.tags.end() ? std::string{} : it->second;
}

TEST_F(TargetsTest, RotateAcrossTwoAccountsThroughAssumeRole) {
  SimFixture sim(organization_estate(testing::rotate_region()), quick_quotas());
  const std::string pem_dir = (dir_ / "pem").string();
  const std::vector<std::string> targets = {
      "--accounts", fmt::format("{},{}", kAccount, kOtherAccount), "--role-name", kRole, "--db",
      db()};
  auto cmd = [&targets](std::vector<std::string> args) {
    std::vector<std::string> all = {"--output", "table", "rotate"};
    all.insert(all.end(), args.begin(), args.end());
    all.insert(all.end(), targets.begin(), targets.end());
    return all;
  };

  ASSERT_EQ(certguard(cmd({"prepare", "--apply", "--pem-dir", pem_dir}), sim), 0) << err_;
  std::map<std::string, std::string> replacement;  // account -> new id
  for (const std::string account : {kAccount, kOtherAccount}) {
    SCOPED_TRACE(account);
    inventory::Region region = sim.region(account);
    const auto* r = replacement_of(region, "oldsoon");
    ASSERT_NE(r, nullptr);
    replacement[account] = r->id;
    const auto bundle = std::filesystem::path(pem_dir) / account / testing::kRegion / "a1orders" /
                        "trust-bundle-oldsoon.pem";
    EXPECT_TRUE(std::filesystem::exists(bundle)) << bundle;
  }
  ASSERT_EQ(runs().size(), 1u);

  // Nothing left to prepare: no second run, and it says so.
  ASSERT_EQ(certguard(cmd({"prepare", "--apply", "--pem-dir", pem_dir}), sim), 0) << err_;
  EXPECT_NE(out_.find("nothing to rotate"), std::string::npos) << out_;
  EXPECT_NE(err_.find("certguard: nothing to rotate; no run recorded"), std::string::npos) << err_;
  EXPECT_EQ(runs().size(), 1u);

  ASSERT_EQ(certguard(cmd({"cutover", "--apply"}), sim), 0) << err_;
  for (const std::string account : {kAccount, kOtherAccount}) {
    SCOPED_TRACE(account);
    inventory::Region region = sim.region(account);
    EXPECT_EQ(find_stage(region, "a1orders", "prod")->client_certificate_id, replacement[account]);
    EXPECT_EQ(find_stage(region, "a1orders", "dev")->client_certificate_id, replacement[account]);
    EXPECT_EQ(find_stage(region, "a2users", "prod")->client_certificate_id, replacement[account]);
    EXPECT_EQ(find_stage(region, "a2users", "beta")->client_certificate_id, "okcert");
  }

  ASSERT_EQ(certguard(cmd({"finish", "--apply", "--grace-hours", "0"}), sim), 0) << err_;
  for (const std::string account : {kAccount, kOtherAccount}) {
    SCOPED_TRACE(account);
    inventory::Region region = sim.region(account);
    EXPECT_EQ(find_certificate(region, "oldsoon"), nullptr);
    EXPECT_NE(find_certificate(region, replacement[account]), nullptr);
  }
  // The finish run's report: its deletes are final, no rollback hint.
  EXPECT_NE(out_.find("deletes are final"), std::string::npos) << out_;
  EXPECT_EQ(out_.find("undo with"), std::string::npos) << out_;
  EXPECT_EQ(runs().size(), 3u);

  // status across every enabled region of both accounts (EC2 DescribeRegions).
  std::vector<std::string> status = {"--output", "json", "rotate", "status", "--regions", "all"};
  status.insert(status.end(), targets.begin(), targets.end());
  ASSERT_EQ(certguard(status, sim), 0) << err_;
  auto doc = nlohmann::json::parse(out_, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out_;
  std::set<std::string> finished;
  for (const auto& r : doc["rotations"]) {
    if (r["phase"] == "finished") finished.insert(r["account"].get<std::string>());
  }
  EXPECT_EQ(finished, (std::set<std::string>{kAccount, kOtherAccount})) << out_;
}

TEST_F(TargetsTest, RotateInAnotherAccountNeedsARole) {
  SimFixture sim(organization_estate(testing::rotate_region()), quick_quotas());
  EXPECT_NE(certguard({"rotate", "prepare", "--accounts", kOtherAccount, "--db", db()}, sim), 0);
  EXPECT_NE(err_.find("--role-name"), std::string::npos) << err_;
  EXPECT_NE(certguard({"rotate", "status", "--org", "--db", db()}, sim), 0);
  EXPECT_NE(err_.find("--role-name"), std::string::npos) << err_;
}

TEST_F(TargetsTest, FixAcrossTheOrganizationThenThePlanIsEmpty) {
  inventory::Region region = testing::fixture_estate().accounts[0].regions[0];
  SimFixture sim(organization_estate(region), quick_quotas());
  const std::vector<std::string> fix = {"fix",      "--org", "--role-name", kRole,
                                        "--strict", "--db",  db()};
  std::vector<std::string> plan = {"--output", "json"};
  plan.insert(plan.end(), fix.begin(), fix.end());

  ASSERT_EQ(certguard(plan, sim), 0) << err_;
  auto before = nlohmann::json::parse(out_, nullptr, false);
  ASSERT_FALSE(before.is_discarded()) << out_;
  std::set<std::string> accounts;
  for (const auto& item : before["plan"]["items"]) accounts.insert(item["account"]);
  EXPECT_EQ(accounts, (std::set<std::string>{kAccount, kOtherAccount}));
  EXPECT_EQ(before["plan"]["items"].size(), 6u);  // 3 failing stages in each account
  EXPECT_TRUE(runs().empty());                    // a plan changes nothing

  auto apply = fix;
  apply.push_back("--apply");
  ASSERT_EQ(certguard(apply, sim), 0) << err_;
  for (const std::string account : {kAccount, kOtherAccount}) {
    SCOPED_TRACE(account);
    inventory::Region after = sim.region(account);
    for (const auto& api : after.rest_apis) {
      for (const auto& s : api.stages) {
        const auto* c = find_certificate(after, s.client_certificate_id);
        ASSERT_NE(c, nullptr) << api.id << "/" << s.stage_name;
        EXPECT_TRUE(s.stage_name == "dev" || tag(*c, kTagManaged) == "true")
            << api.id << "/" << s.stage_name;
      }
    }
    EXPECT_TRUE(orphans(after).empty());
  }
  ASSERT_EQ(runs().size(), 1u);

  ASSERT_EQ(certguard(plan, sim), 0) << err_;
  auto again = nlohmann::json::parse(out_, nullptr, false);
  ASSERT_FALSE(again.is_discarded()) << out_;
  EXPECT_TRUE(again["plan"]["items"].empty()) << out_;
  EXPECT_EQ(runs().size(), 1u);
}

}  // namespace
}  // namespace certguard::remediate
