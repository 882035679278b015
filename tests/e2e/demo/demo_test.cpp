// Runs `certguard demo` as a user would (the built executable, from a fresh directory that
// has no examples/ next to it) and checks what it printed, wrote and returned.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

namespace {

using Json = nlohmann::json;
using Key = std::tuple<std::string, std::string>;  // rule id, resource ARN

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cg-demo-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs certguard with `args` in dir_; no AWS variables reach it (env -i) but the ones that
  // keep the instance metadata service off and on a closed loopback port.
  Outcome run(const std::string& args) {
    std::string cmd = "cd '" + dir_.string() +
                      "' && env -i PATH=/usr/bin:/bin AWS_EC2_METADATA_DISABLED=true "
                      "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9 '" +
                      std::string(CG_BIN_DIR) + "/certguard' " + args + " >out.txt 2>err.txt";
    int status = std::system(cmd.c_str());
    Outcome r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read(dir_ / "out.txt");
    r.err = read(dir_ / "err.txt");
    return r;
  }

  std::filesystem::path dir_;
};

Json expected() {
  return Json::parse(read(std::string(CG_SOURCE_DIR) + "/examples/sample-estate.expected.json"));
}

// Every hand-written finding with its status, and no FAIL that is not listed or tolerated.
void check_findings(const Json& report, bool strict) {
  Json want = expected();
  std::map<Key, std::string> got;
  for (const auto& f : report["findings"]) {
    got[{f["rule_id"].get<std::string>(), f["resource_arn"].get<std::string>()}] =
        f["status"].get<std::string>();
  }
  auto keys = [&](const char* name) {
    std::set<Key> out;
    for (const auto& f : want[name]) {
      out.insert({f["rule_id"].get<std::string>(), f["resource_arn"].get<std::string>()});
    }
    return out;
  };
  std::set<Key> strict_fail = keys("strict_additional_fail");
  std::set<Key> tolerated = keys("tolerated");
  std::set<Key> listed = keys("findings");
  ASSERT_FALSE(listed.empty());
  for (const auto& f : want["findings"]) {
    Key key{f["rule_id"].get<std::string>(), f["resource_arn"].get<std::string>()};
    auto it = got.find(key);
    ASSERT_NE(it, got.end()) << std::get<0>(key) << " " << std::get<1>(key) << " not reported";
    std::string status = f["status"].get<std::string>();
    if (strict && strict_fail.contains(key)) status = "FAIL";
    EXPECT_EQ(it->second, status) << std::get<0>(key) << " " << std::get<1>(key);
  }
  for (const auto& [key, status] : got) {
    if (status != "FAIL") continue;
    EXPECT_TRUE(listed.contains(key) || tolerated.contains(key) ||
                (strict && strict_fail.contains(key)))
        << "unexpected FAIL " << std::get<0>(key) << " " << std::get<1>(key);
  }
  for (const auto& region : report["scan"]["regions"]) {
    EXPECT_EQ(region["state"], "ok") << region.dump();
  }
}

TEST_F(DemoTest, DefaultRunPrintsTheTableAndWritesTheExpectedFindings) {
  Outcome r = run("demo");
  // The sample holds a FAIL for every rule and every region reads: scan's exit code 1.
  EXPECT_EQ(r.code, 1) << r.err;
  ASSERT_TRUE(std::filesystem::exists(dir_ / "certguard-demo-report.json")) << r.err;
  Json report = Json::parse(read(dir_ / "certguard-demo-report.json"));
  EXPECT_EQ(report["schema_version"], 1);
  EXPECT_EQ(report["scan"]["targets"], Json::array({"222222222222", "333333333333"}));
  EXPECT_EQ(report["scan"]["regions"].size(), 6U);
  check_findings(report, false);
  // A table, not JSON, on stdout, naming both accounts and a failing rule.
  EXPECT_NE(r.out.find("222222222222"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("333333333333"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CG-004"), std::string::npos) << r.out;
  EXPECT_NE(r.out.front(), '{');
  EXPECT_NE(r.err.find("http://127.0.0.1:"), std::string::npos) << r.err;  // the sim's address
  EXPECT_NE(r.err.find("certguard-demo-report.json"), std::string::npos) << r.err;
  // Nothing else left behind in the working directory (the snapshot was a temp file).
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 3);  // out.txt, err.txt, the report
}

TEST_F(DemoTest, StrictJsonOnStdoutAndReportWhereAsked) {
  Outcome r = run("demo --strict --output json --out sub-report.json --quiet");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.err, "");
  Json printed = Json::parse(r.out);
  Json written = Json::parse(read(dir_ / "sub-report.json"));
  EXPECT_EQ(printed["findings"], written["findings"]);
  EXPECT_TRUE(written["scan"]["settings"]["strict"].get<bool>());
  check_findings(written, true);
  EXPECT_GT(written["scan"]["summary"]["calls"].get<long>(), 0);
}

TEST_F(DemoTest, UnwritableOutIsAUsageError) {
  Outcome r = run("demo --out /nonexistent-dir/report.json");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("/nonexistent-dir/report.json"), std::string::npos) << r.err;
}

}  // namespace
