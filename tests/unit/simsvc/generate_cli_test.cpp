#include "sim/generate/generate_cli.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "certguard/inventory/estate/estate_json.h"
#include "sim/generate/generate.h"

namespace certguard::sim {
namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run(std::vector<std::string> args) {
  args.insert(args.begin(), "generate");
  std::vector<char*> argv;
  argv.reserve(args.size());
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out;
  std::ostringstream err;
  const int code = run_generate(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(GenerateCli, PrintsTheEstateForTheOptions) {
  const auto r = run({"--accounts", "2", "--regions", "us-east-1,eu-central-1", "--apis-per-region",
                      "3", "--stages-per-api", "2", "--seed", "7", "--now", "1700000000"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto parsed = inventory::parse_estate(r.out, "stdout");
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
  GenerateOptions o;
  o.accounts = 2;
  o.regions = {"us-east-1", "eu-central-1"};
  o.apis_per_region = 3;
  o.stages_per_api = 2;
  o.seed = 7;
  o.now = 1700000000;
  EXPECT_EQ(inventory::to_json(*parsed), inventory::to_json(generate_estate(o)));
  EXPECT_EQ(parsed->accounts.size(), 2U);
  EXPECT_EQ(parsed->captured_at, 1700000000);
}

TEST(GenerateCli, SameSeedSameBytes) {
  EXPECT_EQ(run({"--seed", "3"}).out, run({"--seed", "3"}).out);
  EXPECT_NE(run({"--seed", "3"}).out, run({"--seed", "4"}).out);
}

TEST(GenerateCli, RejectsBadOptionsWithUsageExit) {
  const auto unknown = run({"--bogus"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_FALSE(unknown.err.empty());
  const auto range = run({"--stages-per-api", "11"});
  EXPECT_EQ(range.code, 2);
  EXPECT_NE(range.err.find("--stages-per-api"), std::string::npos);
  EXPECT_EQ(run({"--regions", "nowhere"}).code, 2);
}

TEST(GenerateCli, WritesToOutFile) {
  const std::string path = ::testing::TempDir() + "simsvc_generate_cli_test.json";
  const auto r = run({"--accounts", "1", "--out", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto loaded = inventory::load_estate_file(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  EXPECT_EQ(loaded->accounts.size(), 1U);
}

}  // namespace
}  // namespace certguard::sim
