#include <gtest/gtest.h>

#include "certguard/aws/config/aws_config.h"

namespace certguard::aws {
namespace {

struct RegionCase {
  const char* name;
  std::optional<std::string> cli;
  std::map<std::string, std::string, std::less<>> env;
  std::optional<std::string> profile_region;
  std::optional<std::string> expected;  // nullopt: error
};

class RegionPrecedence : public ::testing::TestWithParam<RegionCase> {};

TEST_P(RegionPrecedence, Resolves) {
  const RegionCase& c = GetParam();
  Profile p;
  p.name = "p";
  if (c.profile_region) p.values["region"] = *c.profile_region;
  auto r = resolve_region(c.cli, Environment(c.env), &p, "p", "/h/.aws/config");
  if (c.expected) {
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(*r, *c.expected);
  } else {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, RegionPrecedence,
    ::testing::Values(
        RegionCase{"cli_wins",
                   "eu-west-1",
                   {{"AWS_REGION", "us-east-2"}, {"AWS_DEFAULT_REGION", "us-west-1"}},
                   "ap-south-1",
                   "eu-west-1"},
        RegionCase{"aws_region_over_default",
                   std::nullopt,
                   {{"AWS_REGION", "us-east-2"}, {"AWS_DEFAULT_REGION", "us-west-1"}},
                   "ap-south-1",
                   "us-east-2"},
        RegionCase{"default_region_over_profile",
                   std::nullopt,
                   {{"AWS_DEFAULT_REGION", "us-west-1"}},
                   "ap-south-1",
                   "us-west-1"},
        RegionCase{"profile", std::nullopt, {}, "ap-south-1", "ap-south-1"},
        RegionCase{
            "empty_env_ignored", std::nullopt, {{"AWS_REGION", ""}}, "ap-south-1", "ap-south-1"},
        RegionCase{"none", std::nullopt, {}, std::nullopt, std::nullopt},
        RegionCase{"invalid", "us-east-1/../x", {}, std::nullopt, std::nullopt}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(Region, MissingRegionSaysHowToSetIt) {
  auto r = resolve_region(std::nullopt, Environment{}, nullptr, "dev", "/h/.aws/config");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("--region"), std::string::npos);
  EXPECT_NE(r.error().message.find("AWS_REGION"), std::string::npos);
  EXPECT_NE(r.error().message.find("'dev' in /h/.aws/config"), std::string::npos);
}

}  // namespace
}  // namespace certguard::aws
