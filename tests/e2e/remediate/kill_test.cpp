// The kill test: `certguard fix --apply`, `certguard rotate cutover --apply` and
// `certguard rollback --apply`, crashed by
// CERTGUARD_TEST_CRASH_AFTER=n after the n-th journaled step for every n, then resumed;
// the final state must equal an uninterrupted run's, with no orphaned certificates and no
// journal entry left pending.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "certguard/remediate/journal.h"
#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"
#include "certguard/store/store.h"
#include "certguard_process.h"
#include "sim_fixture.h"

namespace certguard::remediate {
namespace {

using testing::fixture_estate;
using testing::kRegion;
using testing::orphans;
using testing::run_certguard;
using testing::shape;
using testing::SimFixture;

// Quotas stay on at 100 times AWS's: one crash-and-resume cycle runs certguard three times
// within a second against one account-region, and the test's own reads do not retry.
// Throttling is the faults test's subject.
sim::SimServerOptions kill_test_options() {
  sim::SimServerOptions options;
  options.engine.quotas.scale = 100.0;
  return options;
}

class KillTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::fresh_test_dir("kill"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  inventory::Region read(SimFixture& sim) {
    auto r = sim.loop().run(read_region(sim.client(), kRegion, false));
    EXPECT_TRUE(r.ok()) << r.error().describe();
    return r.ok() ? *r : inventory::Region{};
  }
  std::string db(int n) const { return (dir_ / fmt::format("j{}.db", n)).string(); }
  int certguard(const std::vector<std::string>& args, SimFixture& sim, int crash_after = 0) {
    return run_certguard(args, sim.url(), dir_.string(), crash_after);
  }
  std::vector<store::RunRecord> runs(int n) {
    auto s = store::Store::open(db(n));
    EXPECT_TRUE(s.ok());
    auto r = (*s)->list_runs();
    EXPECT_TRUE(r.ok());
    return *r;
  }
  void expect_no_pending(int n, const std::string& run) {
    auto s = store::Store::open(db(n));
    ASSERT_TRUE(s.ok());
    auto entries = (*s)->entries(run);
    ASSERT_TRUE(entries.ok());
    for (const auto& e : *entries) {
      EXPECT_FALSE(e.pending()) << run << " #" << e.seq << " " << e.operation;
    }
  }

  std::filesystem::path dir_;
};

TEST_F(KillTest, FixCrashedAfterEveryStepResumesToTheUninterruptedResult) {
  std::map<std::string, std::string> expected;
  int steps = 0;
  {
    SimFixture sim(fixture_estate(), kill_test_options());
    ASSERT_EQ(certguard({"fix", "--strict", "--apply", "--db", db(0)}, sim), 0);
    expected = shape(read(sim));
    auto all = runs(0);
    ASSERT_EQ(all.size(), 1u);
    auto s = store::Store::open(db(0));
    steps = static_cast<int>((*s)->entries(all[0].id)->size()) * 2;  // intent + result each
    EXPECT_TRUE(orphans(read(sim)).empty());
    // The plan is now empty: nothing else to do.
    ASSERT_EQ(certguard({"fix", "--strict", "--apply", "--db", db(0)}, sim), 0);
    EXPECT_EQ(runs(0).size(), 1u);
  }
  ASSERT_EQ(steps, 12);  // 3 stages x (generate, update) x (intent, result)
  for (int n = 1; n <= steps; ++n) {
    SCOPED_TRACE(fmt::format("crash after step {}", n));
    SimFixture sim(fixture_estate(), kill_test_options());
    ASSERT_EQ(certguard({"fix", "--strict", "--apply", "--db", db(n)}, sim, n), kCrashExitCode);
    auto all = runs(n);
    ASSERT_EQ(all.size(), 1u);
    ASSERT_EQ(certguard({"fix", "--resume", all[0].id, "--apply", "--db", db(n)}, sim), 0);
    inventory::Region after = read(sim);
    EXPECT_EQ(shape(after), expected);
    EXPECT_TRUE(orphans(after).empty());
    expect_no_pending(n, all[0].id);
  }
}

TEST_F(KillTest, RollbackCrashedAfterEveryStepResumesToTheOriginalState) {
  std::map<std::string, std::string> original;
  {
    SimFixture sim(fixture_estate(), kill_test_options());
    original = shape(read(sim));
  }
  for (int n = 1; n <= 8; ++n) {
    SCOPED_TRACE(fmt::format("crash after step {}", n));
    SimFixture sim(fixture_estate(), kill_test_options());
    ASSERT_EQ(certguard({"fix", "--strict", "--apply", "--db", db(n)}, sim), 0);
    auto all = runs(n);
    ASSERT_EQ(all.size(), 1u);
    const std::string run = all[0].id;
    // 2 restores + 2 deletes, each intent + result: 8 steps.
    ASSERT_EQ(certguard({"rollback", run, "--apply", "--db", db(n)}, sim, n), kCrashExitCode);
    ASSERT_EQ(certguard({"rollback", run, "--apply", "--db", db(n)}, sim), 0);
    inventory::Region after = read(sim);
    auto got = shape(after);
    // a2users/prod pointed at a dangling id before the fix; it cannot be restored to it.
    auto want = original;
    want["a2users/prod"] = got["a2users/prod"];
    want["#certificates"] = std::to_string(std::stoi(original["#certificates"]) + 1);
    EXPECT_EQ(got, want);
    EXPECT_TRUE(orphans(after).empty());
    expect_no_pending(n, "rollback-" + run);
  }
}

// The rotation case, prepared (replacements generated) but not cut over.
inventory::Estate rotate_estate() {
  inventory::Estate estate = sim::SimWorld::default_estate();
  estate.accounts[0].regions.push_back(testing::rotate_region());
  return estate;
}

// Every stage that had a certificate still has one that exists.
void expect_every_stage_certified(const inventory::Region& region) {
  for (const auto& api : region.rest_apis) {
    for (const auto& s : api.stages) {
      EXPECT_NE(find_certificate(region, s.client_certificate_id), nullptr)
          << api.id << "/" << s.stage_name << " on '" << s.client_certificate_id << "'";
    }
  }
}

TEST_F(KillTest, RotateCutoverCrashedAfterEveryStepResumesToTheUninterruptedResult) {
  std::map<std::string, std::string> expected;
  int steps = 0;
  {
    SimFixture sim(rotate_estate(), kill_test_options());
    ASSERT_EQ(certguard({"rotate", "prepare", "--apply", "--db", db(0)}, sim), 0);
    ASSERT_EQ(certguard({"rotate", "cutover", "--apply", "--db", db(0)}, sim), 0);
    expected = shape(read(sim));
    for (const auto& run : runs(0)) {
      if (run.kind != "rotate-cutover") continue;
      auto s = store::Store::open(db(0));
      steps = static_cast<int>((*s)->entries(run.id)->size()) * 2;  // intent + result each
    }
  }
  ASSERT_EQ(steps, 6);  // 3 stages x UpdateStage x (intent, result)
  EXPECT_EQ(expected.at("a1orders/prod"), "replacement-of:oldsoon");
  EXPECT_EQ(expected.at("a2users/beta"), "existing:okcert");
  for (int n = 1; n <= steps; ++n) {
    SCOPED_TRACE(fmt::format("crash after step {}", n));
    SimFixture sim(rotate_estate(), kill_test_options());
    ASSERT_EQ(certguard({"rotate", "prepare", "--apply", "--db", db(n)}, sim), 0);
    ASSERT_EQ(certguard({"rotate", "cutover", "--apply", "--db", db(n)}, sim, n), kCrashExitCode);
    expect_every_stage_certified(read(sim));
    ASSERT_EQ(certguard({"rotate", "cutover", "--apply", "--db", db(n)}, sim), 0);
    inventory::Region after = read(sim);
    EXPECT_EQ(shape(after), expected);
    EXPECT_TRUE(orphans(after).empty());
    expect_every_stage_certified(after);
    for (const auto& run : runs(n)) expect_no_pending(n, run.id);
  }
}

}  // namespace
}  // namespace certguard::remediate
