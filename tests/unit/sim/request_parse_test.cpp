#include "sim/core/request_parse.h"

#include <gtest/gtest.h>

namespace certguard::sim {
namespace {

TEST(RequestParse, DecodesPercentEscapesAndPlus) {
  EXPECT_EQ(*percent_decode("arn%3Aaws%3Aapigateway%2Fx", false), "arn:aws:apigateway/x");
  EXPECT_EQ(*percent_decode("a+b", true), "a b");
  EXPECT_EQ(*percent_decode("a+b", false), "a+b");
  EXPECT_FALSE(percent_decode("bad%2", false).ok());
  EXPECT_FALSE(percent_decode("bad%zz", false).ok());
}

TEST(RequestParse, SplitsPathIntoDecodedSegments) {
  auto segments = split_path("/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fabc");
  ASSERT_TRUE(segments.ok());
  ASSERT_EQ(segments->size(), 2U);
  EXPECT_EQ((*segments)[0], "tags");
  EXPECT_EQ((*segments)[1], "arn:aws:apigateway:us-east-1::/restapis/abc");
  EXPECT_TRUE(split_path("/")->empty());
}

TEST(RequestParse, ParsesRepeatedQueryKeys) {
  auto query = parse_query("tagKeys=a&tagKeys=b%20c&limit=2&flag");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->count("tagKeys"), 2U);
  auto range = query->equal_range("tagKeys");
  EXPECT_EQ(range.first->second, "a");
  EXPECT_EQ(std::next(range.first)->second, "b c");
  EXPECT_EQ(query->find("flag")->second, "");
}

TEST(RequestParse, EncodesLikeSigV4) {
  EXPECT_EQ(percent_encode("a b/c~", false), "a%20b%2Fc~");
  EXPECT_EQ(percent_encode("a b/c~", true), "a%20b/c~");
}

}  // namespace
}  // namespace certguard::sim
