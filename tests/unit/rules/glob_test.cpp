#include "certguard/rules/glob.h"

#include <gtest/gtest.h>

namespace certguard::rules {
namespace {

TEST(Glob, Matches) {
  EXPECT_TRUE(glob_match("arn:aws:apigateway:*::/restapis/abc123/stages/*",
                         "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/prod"));
  EXPECT_FALSE(glob_match("arn:aws:apigateway:*::/restapis/abc123/stages/*",
                          "arn:aws:apigateway:us-east-1::/restapis/abc1234/stages/prod"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "a"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("*/prod", "x/y/prod"));
  EXPECT_FALSE(glob_match("*/prod", "x/y/prod2"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYbZc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYY"));
  EXPECT_TRUE(glob_match("**", "anything"));
}

}  // namespace
}  // namespace certguard::rules
