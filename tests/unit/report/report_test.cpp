#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "certguard/inventory/estate/estate_json.h"
#include "certguard/report/asff_writer.h"
#include "certguard/report/catalog_writer.h"
#include "certguard/report/csv_writer.h"
#include "certguard/report/json_writer.h"
#include "certguard/report/scan_report.h"
#include "certguard/report/table_writer.h"
#include "certguard/report/writer.h"
#include "certguard/rules/catalog.h"
#include "certguard/rules/evaluate.h"
#include "sample_report.h"

namespace certguard::report {
namespace {

using testing::kNow;
using testing::sample_report;

using rules::Finding;
using rules::Severity;
using rules::Status;

int count(const ScanReport& r, Status s) {
  return static_cast<int>(std::count_if(r.findings.begin(), r.findings.end(),
                                        [&](const Finding& f) { return f.status == s; }));
}

TEST(ScanReport, SampleCoversEveryStatus) {
  const ScanReport r = sample_report();
  for (Status s : {Status::kFail, Status::kPass, Status::kNotApplicable, Status::kError,
                   Status::kSuppressed}) {
    EXPECT_GT(count(r, s), 0) << rules::to_string(s);
  }
  EXPECT_EQ(r.targets, (std::vector<std::string>{"111111111111", "222222222222"}));
  ASSERT_EQ(r.regions.size(), 2U);
  EXPECT_EQ(r.regions[1].state, inventory::ScanState::kError);
  const Summary s = summarize(r);
  EXPECT_EQ(s.accounts, 2);
  EXPECT_EQ(s.regions, 2);
  EXPECT_EQ(s.regions_not_read, 1);
  EXPECT_EQ(s.calls, 4);
}

TEST(ScanReport, ExitCodes) {
  ScanReport r;
  EXPECT_EQ(exit_code(r, Severity::kLow), 0);
  Finding f;
  f.status = Status::kFail;
  f.severity = Severity::kMedium;
  r.findings.push_back(f);
  EXPECT_EQ(exit_code(r, Severity::kLow), 1);
  EXPECT_EQ(exit_code(r, Severity::kMedium), 1);
  EXPECT_EQ(exit_code(r, Severity::kHigh), 0);
  r.findings[0].status = Status::kSuppressed;
  EXPECT_EQ(exit_code(r, Severity::kLow), 0);
  r.findings[0].status = Status::kError;
  EXPECT_EQ(exit_code(r, Severity::kCritical), 3);
  r.findings.clear();
  r.regions.push_back(
      {"111111111111", "us-east-1", inventory::ScanState::kNotScanned, "", "", {}, 0, {}});
  EXPECT_EQ(exit_code(r, Severity::kLow), 3);
}

TEST(ScanReport, FilterByStatus) {
  const ScanReport r = sample_report();
  const auto only = filter_by_status(r.findings, {Status::kFail, Status::kError});
  EXPECT_EQ(static_cast<int>(only.size()), count(r, Status::kFail) + count(r, Status::kError));
  EXPECT_EQ(filter_by_status(r.findings, {}).size(), r.findings.size());
}

TEST(JsonReport, SchemaVersionScanAndFindings) {
  const ScanReport r = sample_report();
  const auto j = nlohmann::json::parse(write_json(r));
  EXPECT_EQ(j.at("schema_version"), 1);
  const auto& scan = j.at("scan");
  EXPECT_EQ(scan.at("started_at"), "2026-11-22T23:59:55Z");
  EXPECT_EQ(scan.at("finished_at"), "2026-11-23T00:00:00Z");
  EXPECT_EQ(scan.at("duration_seconds"), 5);
  EXPECT_EQ(scan.at("targets").size(), 2U);
  EXPECT_EQ(scan.at("settings").at("expiry_days"), 30);
  EXPECT_EQ(scan.at("regions").at(0).at("calls").at("GetStages"), 2);
  EXPECT_EQ(scan.at("regions").at(0).at("calls_total"), 3);
  EXPECT_EQ(scan.at("regions").at(1).at("state"), "error");
  EXPECT_EQ(scan.at("summary").at("by_status").at("FAIL"), count(r, Status::kFail));
  ASSERT_EQ(j.at("findings").size(), r.findings.size());
  for (const auto& f : j.at("findings")) {
    for (const char* key : {"rule_id", "status", "severity", "account", "region", "resource_type",
                            "resource_arn", "resource_name", "message", "details", "remediation",
                            "references", "suppression_reason"}) {
      EXPECT_TRUE(f.contains(key)) << key;
    }
  }
  const auto& first = j.at("findings").at(0);
  EXPECT_EQ(first.at("rule_id"), r.findings[0].rule_id);
  EXPECT_EQ(first.at("status"), std::string(rules::to_string(r.findings[0].status)));
}

TEST(CsvReport, Rfc4180Quoting) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field(""), "");

  ScanReport r;
  Finding f;
  f.rule_id = "CG-001";
  f.status = Status::kFail;
  f.severity = Severity::kMedium;
  f.account = "111111111111";
  f.region = "us-east-1";
  f.resource_type = "AwsApiGatewayStage";
  f.resource_arn = "arn:aws:apigateway:us-east-1::/restapis/a/stages/p";
  f.resource_name = "a/p";
  f.message = "no \"cert\", at all";
  f.details = {{"rest_api_id", "a"}, {"stage_name", "p"}};
  f.remediation = "line1\nline2";
  f.references = {"A", "B"};
  r.findings.push_back(f);
  EXPECT_EQ(write_csv(r),
            "account,region,rule_id,status,severity,resource_type,resource_arn,resource_name,"
            "message,details,remediation,references,suppression_reason\r\n"
            "111111111111,us-east-1,CG-001,FAIL,medium,AwsApiGatewayStage,"
            "arn:aws:apigateway:us-east-1::/restapis/a/stages/p,a/p,\"no \"\"cert\"\", at all\","
            "rest_api_id=a; stage_name=p,\"line1\nline2\",A; B,\r\n");
}

TEST(CsvReport, OneRowPerFinding) {
  const ScanReport r = sample_report();
  const std::string csv = write_csv(r);
  // Count record ends outside quoted fields.
  std::size_t records = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '"') quoted = !quoted;
    if (!quoted && csv[i] == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++records;
  }
  EXPECT_FALSE(quoted);
  EXPECT_EQ(records, r.findings.size() + 1);
}

TEST(TableReport, GroupsAndSummary) {
  const ScanReport r = sample_report();
  const std::string plain = write_table(r);
  EXPECT_EQ(plain.find("\x1b["), std::string::npos);
  const auto a = plain.find("Account 111111111111 / eu-west-1");
  const auto b = plain.find("Account 111111111111 / us-east-1");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_LT(a, b);  // sorted by region within an account
  EXPECT_NE(plain.find("AccessDeniedException"), std::string::npos);
  EXPECT_NE(plain.find("[suppressed: backend is a mock]"), std::string::npos);
  EXPECT_NE(plain.find("Summary: " + std::to_string(count(r, Status::kFail)) + " FAIL"),
            std::string::npos)
      << plain;
  EXPECT_NE(plain.find("2 region(s) (1 not read)"), std::string::npos) << plain;
  const std::string colored = write_table(r, {.color = true});
  EXPECT_NE(colored.find("\x1b[1;31mFAIL\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;31mcritical\x1b[0m"), std::string::npos);
}

TEST(AsffReport, MappingAndExclusions) {
  const ScanReport r = sample_report();
  const auto j = nlohmann::json::parse(write_asff(r));
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(static_cast<int>(j.size()),
            static_cast<int>(r.findings.size()) - count(r, Status::kNotApplicable));
  int failed = 0;
  int suppressed = 0;
  for (const auto& f : j) {
    EXPECT_EQ(f.at("SchemaVersion"), "2018-10-08");
    EXPECT_EQ(f.at("ProductArn").get<std::string>(),
              "arn:aws:securityhub:" + f.at("Resources")[0].at("Region").get<std::string>() +
                  ":111111111111:product/111111111111/default");
    EXPECT_EQ(f.at("CreatedAt"), "2026-11-23T00:00:00Z");
    const std::string status = f.at("ProductFields").at("certguard/Status");
    const std::string compliance = f.at("Compliance").at("Status");
    if (status == "FAIL") {
      EXPECT_EQ(compliance, "FAILED");
      ++failed;
    } else if (status == "PASS") {
      EXPECT_EQ(compliance, "PASSED");
      EXPECT_EQ(f.at("Severity").at("Label"), "INFORMATIONAL");
    } else if (status == "ERROR") {
      EXPECT_EQ(compliance, "NOT_AVAILABLE");
    } else if (status == "SUPPRESSED") {
      EXPECT_EQ(f.at("Workflow").at("Status"), "SUPPRESSED");
      ++suppressed;
    }
  }
  EXPECT_EQ(failed, count(r, Status::kFail));
  EXPECT_EQ(suppressed, count(r, Status::kSuppressed));
}

class AsffBotocore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("cg_asff_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int validate(const std::string& content) {
    const auto path = dir_ / "asff.json";
    std::ofstream(path) << content;
    const std::string cmd =
        "python3 validate_asff.py " + path.string() + " > " + (dir_ / "out.txt").string() + " 2>&1";
    const int rc = std::system(cmd.c_str());  // NOLINT(cert-env33-c): test helper
    std::ifstream in(dir_ / "out.txt");
    output_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return rc;
  }
  std::filesystem::path dir_;
  std::string output_;
};

TEST_F(AsffBotocore, OutputMatchesSecurityHubModel) {
  ScanReport r = sample_report();
  // A very long message and remediation must be clipped to ASFF's limits.
  ASSERT_FALSE(r.findings.empty());
  r.findings[0].message = std::string(3000, 'm');
  r.findings[0].remediation = std::string(3000, 'r');
  EXPECT_EQ(validate(write_asff(r)), 0) << output_;
  EXPECT_NE(output_.find("0 problem(s)"), std::string::npos) << output_;
}

TEST_F(AsffBotocore, ValidatorRejectsBadFindings) {
  const std::string bad = R"([{"SchemaVersion": "2018-10-08", "Id": "x",
    "ProductArn": "arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default",
    "GeneratorId": "g", "AwsAccountId": "111111111111", "CreatedAt": "2026-11-23T00:00:00Z",
    "UpdatedAt": "2026-11-23T00:00:00Z", "Title": "t", "Description": "d",
    "Severity": {"Label": "SEVERE"}, "Compliance": {"Status": "OK"}, "Bogus": 1,
    "Resources": [{"Type": "Other"}]}])";
  EXPECT_NE(validate(bad), 0);
  EXPECT_NE(output_.find("SEVERE"), std::string::npos) << output_;
  EXPECT_NE(output_.find("'OK'"), std::string::npos) << output_;
  EXPECT_NE(output_.find("Bogus: not a member"), std::string::npos) << output_;
  EXPECT_NE(output_.find("missing required member Id"), std::string::npos) << output_;
}

TEST(Writer, DispatchesByFormat) {
  EXPECT_EQ(parse_format("JSON"), Format::kJson);
  EXPECT_EQ(parse_format("asff"), Format::kAsff);
  EXPECT_FALSE(parse_format("xml").has_value());
  const ScanReport r = sample_report();
  EXPECT_EQ(write_report(r, Format::kCsv), write_csv(r));
  EXPECT_EQ(write_report(r, Format::kJson), write_json(r));
  EXPECT_EQ(write_report(r, Format::kAsff), write_asff(r));
  EXPECT_EQ(write_report(r, Format::kTable, {.color = true}), write_table(r, {.color = true}));
}

TEST(CatalogWriter, JsonAndTable) {
  const auto j = nlohmann::json::parse(catalog_to_json(rules::catalog()));
  EXPECT_EQ(j.at("schema_version"), 1);
  ASSERT_EQ(j.at("rules").size(), 8U);
  EXPECT_EQ(j.at("rules")[0].at("id"), "CG-001");
  EXPECT_EQ(j.at("rules")[0].at("severity"), "medium");
  EXPECT_FALSE(j.at("rules")[0].at("references").empty());
  EXPECT_EQ(j.at("rules")[2].at("parameters")[0], "expiry_days");
  const std::string table = catalog_to_table(rules::catalog());
  EXPECT_EQ(table.rfind("ID ", 0), 0U);
  EXPECT_NE(table.find("CG-008"), std::string::npos);
  EXPECT_NE(table.find("critical"), std::string::npos);
}

}  // namespace
}  // namespace certguard::report
