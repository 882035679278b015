// The JSON report written one finding at a time is the same text one nlohmann document
// would give, and the collector's warnings land under their account-region.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "certguard/inventory/estate/estate_json.h"
#include "certguard/report/json_writer.h"
#include "certguard/report/scan_report.h"
#include "certguard/rules/evaluate.h"
#include "sample_report.h"

namespace certguard::report {
namespace {

using testing::kNow;
using testing::sample_report;

// What the writer produced before it streamed: the whole document, dumped at once.
std::string as_one_document(const std::string& streamed) {
  return nlohmann::ordered_json::parse(streamed).dump(2) + "\n";
}

TEST(JsonStream, SameTextAsOneDocument) {
  ScanReport r = sample_report();
  ASSERT_GT(r.findings.size(), 3U);
  attach_warnings(r, {"111111111111 us-east-1: GetStages on abc: throttled", "other"});
  std::ostringstream out;
  write_json(r, out);
  EXPECT_EQ(out.str(), as_one_document(out.str()));
  EXPECT_EQ(out.str(), write_json(r));
}

TEST(JsonStream, NoFindingsIsAnEmptyArray) {
  ScanReport r = sample_report();
  r.findings.clear();
  std::string text = write_json(r);
  EXPECT_EQ(text, as_one_document(text));
  EXPECT_NE(text.find("\"findings\": []\n}\n"), std::string::npos);
}

TEST(JsonStream, OneFinding) {
  ScanReport r = sample_report();
  r.findings.resize(1);
  std::string text = write_json(r);
  EXPECT_EQ(text, as_one_document(text));
  EXPECT_EQ(nlohmann::json::parse(text).at("findings").size(), 1U);
}

TEST(JsonStream, WarningsFiledUnderTheirAccountRegion) {
  ScanReport r = sample_report();
  ASSERT_EQ(r.regions.size(), 2U);
  const std::string first = r.regions[0].account + " " + r.regions[0].region + ": ";
  attach_warnings(r, {first + "GetResources on api1: AccessDenied: not authorized",
                      "skipped account 333333333333 (old): SUSPENDED",
                      first + "GetStages on api2: timeout", "999999999999 us-east-1: elsewhere"});
  EXPECT_EQ(r.regions[0].warnings,
            (std::vector<std::string>{"GetResources on api1: AccessDenied: not authorized",
                                      "GetStages on api2: timeout"}));
  EXPECT_TRUE(r.regions[1].warnings.empty());
  EXPECT_EQ(r.warnings, (std::vector<std::string>{"skipped account 333333333333 (old): SUSPENDED",
                                                  "999999999999 us-east-1: elsewhere"}));
  auto j = nlohmann::json::parse(write_json(r));
  EXPECT_EQ(j["scan"]["regions"][0]["warnings"].size(), 2U);
  EXPECT_EQ(j["scan"]["regions"][1]["warnings"], nlohmann::json::array());
  EXPECT_EQ(j["scan"]["warnings"].size(), 2U);
  EXPECT_EQ(j["scan"]["summary"]["warnings"], 4);
}

}  // namespace
}  // namespace certguard::report
