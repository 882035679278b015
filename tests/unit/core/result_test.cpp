#include "certguard/core/result.h"

#include <gtest/gtest.h>

#include <string>

namespace certguard {
namespace {

Result<int> parse_positive(int x) {
  if (x <= 0) return make_error(ErrorKind::kInvalidInput, "must be positive");
  return x;
}

TEST(Result, HoldsValueOrError) {
  auto good = parse_positive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  auto bad = parse_positive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalidInput);
}

TEST(Result, VoidStatus) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  Status bad = make_error(ErrorKind::kNotFound, "gone");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "gone");
}

TEST(Error, DescribeNamesOperationResourceCodeAndRequestId) {
  Error e = make_error(ErrorKind::kNotFound, "Invalid stage identifier specified");
  e.http_status = 404;
  e.aws_code = "NotFoundException";
  e.request_id = "req-1";
  e = e.with_context("GetStage", "arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod");
  EXPECT_EQ(
      e.describe(),
      "GetStage on arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod: NotFoundException "
      "(HTTP 404): Invalid stage identifier specified [request id req-1]");
}

TEST(Error, DescribeWithoutContextFallsBackToKind) {
  Error e;
  e.kind = ErrorKind::kTimeout;
  EXPECT_EQ(e.describe(), "timeout");
}

}  // namespace
}  // namespace certguard
