#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

Estate with_api(RestApi api) {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("cert1", kNow + 200 * kDay));
  region(e).rest_apis.push_back(std::move(api));
  return e;
}

TEST(Cg001, FailsForHttpStageWithoutCertificate) {
  RestApi api = http_api("abc123");
  api.stages.push_back(stage("prod"));
  const Finding f = only(run("CG-001", with_api(api)));
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_EQ(f.resource_type, kStageType);
  EXPECT_EQ(f.resource_arn, "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/prod");
  EXPECT_EQ(f.resource_name, "abc123-name/prod");
  EXPECT_EQ(f.account, kAccount);
  EXPECT_EQ(f.details.at("rest_api_id"), "abc123");
  EXPECT_NE(f.message.find("backend"), std::string::npos);
  EXPECT_EQ(f.message.find("mutual TLS"), std::string::npos);
}

TEST(Cg001, PlainHttpIntegrationCountsToo) {
  RestApi api = api_with("a", "HTTP");
  api.stages.push_back(stage("prod"));
  EXPECT_EQ(only(run("CG-001", with_api(api))).status, Status::kFail);
}

TEST(Cg001, PassesWithExistingCertificate) {
  RestApi api = http_api("abc123");
  api.stages.push_back(stage("prod", "cert1"));
  const Finding f = only(run("CG-001", with_api(api)));
  EXPECT_EQ(f.status, Status::kPass);
  EXPECT_EQ(f.details.at("certificate_id"), "cert1");
}

TEST(Cg001, DanglingIdIsLeftToCg002) {
  RestApi api = http_api("abc123");
  api.stages.push_back(stage("prod", "gone"));
  const Finding f = only(run("CG-001", with_api(api)));
  EXPECT_EQ(f.status, Status::kNotApplicable);
  EXPECT_NE(f.message.find("CG-002"), std::string::npos);
}

TEST(Cg001, NonHttpApiIsNotApplicableUnlessStrict) {
  RestApi api = lambda_api("lam");
  api.stages.push_back(stage("v1"));
  EXPECT_EQ(only(run("CG-001", with_api(api))).status, Status::kNotApplicable);
  EXPECT_EQ(only(run("CG-001", with_api(api), context(true))).status, Status::kFail);
  RestApi empty;  // no resources at all (read fine): no HTTP backend
  empty.id = "empty";
  empty.stages.push_back(stage("v1"));
  EXPECT_EQ(only(run("CG-001", with_api(empty))).status, Status::kNotApplicable);
}

TEST(Cg001, UnknownIntegrationsAreErrorNeverPass) {
  RestApi api = http_api("abc");
  api.resources_known = false;
  api.stages.push_back(stage("prod"));
  api.stages.push_back(stage("cert", "cert1"));
  auto findings = run("CG-001", with_api(api));
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].status, Status::kError);
  EXPECT_NE(findings[0].message.find("GetResources"), std::string::npos);
  EXPECT_EQ(findings[1].status, Status::kPass);  // a certificate is attached either way
  // strict does not need the integrations
  EXPECT_EQ(run("CG-001", with_api(api), context(true))[0].status, Status::kFail);
}

TEST(Cg001, UnknownStagesAreOneErrorForTheApi) {
  RestApi api = http_api("abc");
  api.stages_known = false;
  const Finding f = only(run("CG-001", with_api(api)));
  EXPECT_EQ(f.status, Status::kError);
  EXPECT_EQ(f.resource_type, kRestApiType);
  EXPECT_EQ(f.resource_arn, "arn:aws:apigateway:us-east-1::/restapis/abc");
}

TEST(Cg001, UnreadableRegionIsError) {
  expect_region_error("CG-001", "restapis");
}

TEST(Cg001, PartitionShapesTheArn) {
  Estate e = one_region();
  e.partition = "aws-cn";
  region(e).name = "cn-north-1";
  RestApi api = http_api("x");
  api.stages.push_back(stage("s"));
  region(e).rest_apis.push_back(api);
  EXPECT_EQ(only(run("CG-001", e)).resource_arn,
            "arn:aws-cn:apigateway:cn-north-1::/restapis/x/stages/s");
}

}  // namespace
}  // namespace certguard::rules::testing
