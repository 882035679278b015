// Faults: certguard-sim with `--faults 5xx=0.05,reset=0.02` and AWS's quotas on, fixed
// `--fault-seed`s. The scan's findings must equal the fault-free run's or be ERROR: a
// fault may make a resource unknown, never compliant. A heavy fault rate checks that
// this is not vacuous: ERRORs appear and still no FAIL turns into PASS.
//
// The sim draws faults in request order and the collector's requests interleave, so a
// seed fixes the fault sequence, not which request gets each fault; the assertions hold
// for any assignment.

#include "sim/core/faults.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>

#include "sample_estate.h"

namespace certguard::testing {
namespace {

using Key = std::tuple<std::string, std::string>;  // rule id, resource ARN

struct Comparison {
  int same = 0;
  int error = 0;  // clean findings the faulty run reports as ERROR (itself or a parent)
};

// True when `error_arn` (a region's collection or an API) contains `arn`.
bool covers(const std::string& error_arn, const std::string& arn) {
  return arn == error_arn || arn.starts_with(error_arn + "/");
}

Comparison compare(const SimScan& clean, const SimScan& faulty) {
  Comparison c;
  std::map<Key, rules::Status> before;
  for (const auto& f : clean.findings) before[{f.rule_id, f.resource_arn}] = f.status;
  std::map<Key, const rules::Finding*> after;
  for (const auto& f : faulty.findings) after[{f.rule_id, f.resource_arn}] = &f;
  // Nothing the faulty run asserts (PASS, FAIL, N/A) differs from the fault-free run.
  for (const auto& f : faulty.findings) {
    if (f.status == rules::Status::kError) continue;
    auto it = before.find({f.rule_id, f.resource_arn});
    EXPECT_NE(it, before.end()) << "new finding " << f.rule_id << " " << f.resource_arn;
    if (it != before.end()) {
      EXPECT_EQ(rules::to_string(f.status), rules::to_string(it->second))
          << f.rule_id << " " << f.resource_arn << ": " << f.message;
    }
  }
  // Every fault-free finding is there with the same status, or is ERROR (itself, or its
  // region or API is ERROR for that rule).
  for (const auto& f : clean.findings) {
    auto it = after.find({f.rule_id, f.resource_arn});
    if (it != after.end() && it->second->status == f.status) {
      ++c.same;
      continue;
    }
    bool error = it != after.end() && it->second->status == rules::Status::kError;
    for (const auto& g : faulty.findings) {
      error = error || (g.status == rules::Status::kError && g.rule_id == f.rule_id &&
                        g.account == f.account && g.region == f.region &&
                        covers(g.resource_arn, f.resource_arn));
    }
    EXPECT_TRUE(error) << rules::to_string(f.status) << " lost under faults: " << f.rule_id << " "
                       << f.resource_arn;
    if (error) ++c.error;
  }
  return c;
}

SimScanOptions faulty_options(bool strict, const std::string& spec, std::uint64_t seed) {
  SimScanOptions o = sample_options(strict);
  auto faults = sim::parse_faults(spec, seed);
  EXPECT_TRUE(faults.ok()) << spec;
  o.engine.faults = *faults;
  o.engine.quotas.enabled = true;
  return o;
}

TEST(FaultScan, IssueFaultRatesGiveTheSameFindingsOrError) {
  for (bool strict : {false, true}) {
    SimScan clean = run_sim_scan(sample_estate(), sample_options(strict));
    ASSERT_FALSE(clean.findings.empty());
    for (std::uint64_t seed : {7U, 2026U}) {
      SCOPED_TRACE(fmt::format("strict={} --fault-seed {}", strict, seed));
      SimScan faulty =
          run_sim_scan(sample_estate(), faulty_options(strict, "5xx=0.05,reset=0.02", seed));
      EXPECT_GT(faulty.server->engine().stats().faults_injected, 0U);
      const Comparison c = compare(clean, faulty);
      // The retry layer absorbs most faults: the bulk of the findings are unchanged.
      EXPECT_GT(c.same, static_cast<int>(clean.findings.size()) / 2);
    }
  }
}

TEST(FaultScan, HeavyFaultsGiveErrorsNeverPass) {
  SimScan clean = run_sim_scan(sample_estate(), sample_options(false));
  SimScan faulty = run_sim_scan(sample_estate(), faulty_options(false, "5xx=0.5,reset=0.2", 11));
  const Comparison c = compare(clean, faulty);
  EXPECT_GT(c.error, 0) << "a 70% fault rate left every finding intact";
  int error_regions = 0;
  for (const auto& account : faulty.result.estate.accounts) {
    for (const auto& region : account.regions) {
      if (region.scan.state == inventory::ScanState::kError) {
        ++error_regions;
        EXPECT_FALSE(region.scan.error_message.empty()) << account.id << " " << region.name;
      }
    }
  }
  EXPECT_GT(error_regions, 0);
}

}  // namespace
}  // namespace certguard::testing
