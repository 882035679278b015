#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

Status endpoint(std::vector<std::string> types) {
  Estate e = one_region();
  RestApi api = http_api("api1");
  api.endpoint_types = std::move(types);
  region(e).rest_apis.push_back(api);
  return only(run("CG-007", e)).status;
}

TEST(Cg007, FollowsEndpointTypes) {
  EXPECT_EQ(endpoint({"EDGE"}), Status::kFail);
  EXPECT_EQ(endpoint({"REGIONAL"}), Status::kFail);
  EXPECT_EQ(endpoint({"PRIVATE"}), Status::kPass);
  EXPECT_EQ(endpoint({}), Status::kError);
}

TEST(Cg007, FindingNamesTheApi) {
  Estate e = one_region();
  region(e).rest_apis.push_back(http_api("api1"));
  const Finding f = only(run("CG-007", e));
  EXPECT_EQ(f.resource_type, kRestApiType);
  EXPECT_EQ(f.resource_arn, "arn:aws:apigateway:us-east-1::/restapis/api1");
  EXPECT_EQ(f.details.at("endpoint_types"), "REGIONAL");
  EXPECT_NE(f.message.find("REGIONAL"), std::string::npos);
}

TEST(Cg007, NotApplicableWithoutApis) {
  EXPECT_TRUE(run("CG-007", one_region()).empty());
}

TEST(Cg007, UnreadableRegionIsError) {
  expect_region_error("CG-007", "restapis");
}

}  // namespace
}  // namespace certguard::rules::testing
