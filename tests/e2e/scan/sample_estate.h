#pragma once

// The shipped sample estate (examples/sample-estate.json) and the scan options that match
// it: the management account's key, assume-role into both member accounts, three regions,
// the estate's own "now".

#include <string>

#include "certguard/inventory/estate/estate_json.h"
#include "sim_scan_fixture.h"

namespace certguard::testing {

constexpr inventory::EpochSeconds kSampleNow = 1767225600;

inline SimScanOptions sample_options(bool strict) {
  SimScanOptions o;
  o.access_key = "AKIASAMPLEMGMT000001";
  o.secret_key = "sample/management/secretxxxxxxxxxxxxxxxx";
  o.accounts = {"222222222222", "333333333333"};
  o.regions = {"us-east-1", "eu-west-1", "ap-southeast-2"};
  o.now = kSampleNow;
  o.engine.now = kSampleNow;
  o.strict = strict;
  return o;
}

inline inventory::Estate sample_estate() {
  auto estate =
      inventory::load_estate_file(std::string(CG_SOURCE_DIR) + "/examples/sample-estate.json");
  EXPECT_TRUE(estate.ok()) << (estate.ok() ? "" : estate.error().describe());
  return *estate;
}

}  // namespace certguard::testing
