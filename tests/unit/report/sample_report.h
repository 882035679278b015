#pragma once

// The realistic estate of the estate tests, evaluated at a fixed time: every status appears.

#include <gtest/gtest.h>

#include <string>

#include "certguard/inventory/estate/estate_json.h"
#include "certguard/report/scan_report.h"
#include "certguard/rules/evaluate.h"

namespace certguard::report::testing {

constexpr EpochSeconds kNow = 1795392000;  // 2026-11-23T00:00:00Z

inline ScanReport sample_report() {
  auto estate = inventory::load_estate_file(std::string(CG_SOURCE_DIR) +
                                            "/tests/unit/estate/fixtures/example.json");
  EXPECT_TRUE(estate.ok()) << estate.error().describe();
  rules::RuleContext ctx;
  ctx.now = kNow;
  auto findings = rules::evaluate(*estate, ctx);
  return make_report(*estate, std::move(findings), ctx, kNow - 5, kNow);
}

}  // namespace certguard::report::testing
