// fix --apply against certguard-sim with faults (5xx, connection resets) and AWS's quotas
// on: every attempt either converges or stops with a clear error (exit 1, never a crash)
// and, once a run exists, a journal that `fix --resume RUN --apply` finishes. The final
// state is the fault-free run's: every failing stage fixed, no orphaned certificate, no
// journal entry left pending.

#include "sim/core/faults.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "certguard/remediate/journal.h"
#include "certguard/store/store.h"
#include "certguard_process.h"
#include "sim_fixture.h"

namespace certguard::remediate {
namespace {

using testing::fixture_estate;
using testing::orphans;
using testing::run_certguard;
using testing::shape;
using testing::SimFixture;

// The fault-free result for fixture_estate() with `fix --strict`.
std::map<std::string, std::string> expected_shape() {
  return {{"a1orders/prod", "managed:a1orders/prod"},
          {"a1orders/dev", "existing:okcert"},
          {"a2users/prod", "managed:a2users/prod"},
          {"a2users/beta", "managed:a2users/beta"},
          {"#certificates", "5"}};
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class FaultsTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::fresh_test_dir("faults"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs fix under `spec` up to `attempts` times (resuming once a run exists), then with
  // faults off to the end. Returns how many attempts failed.
  int converge(const std::string& spec, int attempts) {
    sim::SimServerOptions options;
    auto faults = sim::parse_faults(spec, 7);
    EXPECT_TRUE(faults.ok());
    options.engine.faults = *faults;  // quotas stay on (AWS's)
    SimFixture sim(fixture_estate(), options);
    const std::string db = (dir_ / "j.db").string();
    const std::string err = (dir_ / "stderr").string();
    std::string run;
    int failures = 0;
    bool done = false;
    for (int i = 0; i <= attempts && !done; ++i) {
      if (i == attempts) {
        EXPECT_TRUE(sim.set_faults("none"));
      }
      std::vector<std::string> args = {"fix", "--strict", "--apply", "--db", db};
      if (!run.empty()) args = {"fix", "--resume", run, "--apply", "--db", db};
      int rc = run_certguard(args, sim.url(), dir_.string(), 0, err);
      std::string text = slurp(err);
      if (run.empty()) {
        auto at = text.find("certguard: run ");
        if (at != std::string::npos) {
          run = text.substr(at + 15, text.find('\n', at) - at - 15);
        }
      }
      if (rc == 0) {
        done = true;
        continue;
      }
      ++failures;
      EXPECT_EQ(rc, 1) << text;  // an AWS error: not a usage error, not a crash
      EXPECT_NE(text.find("certguard: "), std::string::npos) << text;
      if (!run.empty()) {
        EXPECT_NE(text.find("certguard fix --resume " + run + " --apply"), std::string::npos)
            << text;
      }
    }
    EXPECT_TRUE(done) << slurp(err);
    EXPECT_TRUE(sim.set_faults("none"));
    auto region = sim.loop().run(read_region(sim.client(), testing::kRegion, false));
    EXPECT_TRUE(region.ok());
    if (!region.ok()) return failures;
    EXPECT_EQ(shape(*region), expected_shape());
    EXPECT_TRUE(orphans(*region).empty());
    if (!run.empty()) {
      auto store = store::Store::open(db);
      EXPECT_TRUE(store.ok());
      auto entries = (*store)->entries(run);
      EXPECT_TRUE(entries.ok());
      for (const auto& e : *entries) EXPECT_FALSE(e.pending()) << e.seq << " " << e.operation;
      auto record = (*store)->find_run(run);
      EXPECT_TRUE(record.ok() && record->has_value() && (*record)->status == "done");
    }
    return failures;
  }

  std::filesystem::path dir_;
};

TEST_F(FaultsTest, ConvergesUnderTheBriefsFaultRate) {
  converge("5xx=0.05,reset=0.02", 4);
}

TEST_F(FaultsTest, HeavyFaultsStopWithAClearErrorAndTheRunResumes) {
  // Half the requests fail: attempts stop (retries exhausted) and are resumed.
  int failures = converge("5xx=0.5,reset=0.1", 4);
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace certguard::remediate
