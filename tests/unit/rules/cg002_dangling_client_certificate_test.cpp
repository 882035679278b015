#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

Estate estate_with_stage(const std::string& cert_id) {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("cert1", kNow + 200 * kDay));
  RestApi api = lambda_api("api1");  // integration type does not matter to CG-002
  api.stages.push_back(stage("prod", cert_id));
  region(e).rest_apis.push_back(api);
  return e;
}

TEST(Cg002, DanglingIdFails) {
  const Finding f = only(run("CG-002", estate_with_stage("deleted9")));
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_EQ(f.details.at("certificate_id"), "deleted9");
  EXPECT_NE(f.message.find("does not exist"), std::string::npos);
  EXPECT_EQ(f.resource_arn, "arn:aws:apigateway:us-east-1::/restapis/api1/stages/prod");
}

TEST(Cg002, ExistingCertificatePasses) {
  EXPECT_EQ(only(run("CG-002", estate_with_stage("cert1"))).status, Status::kPass);
}

TEST(Cg002, NoCertificateIsNotApplicable) {
  EXPECT_EQ(only(run("CG-002", estate_with_stage(""))).status, Status::kNotApplicable);
}

TEST(Cg002, CertificateInAnotherRegionDoesNotCount) {
  Estate e = estate_with_stage("other");
  Region west;
  west.name = "us-west-2";
  west.client_certificates.push_back(client_cert("other", kNow + 100 * kDay));
  e.accounts[0].regions.push_back(west);
  auto findings = run("CG-002", e);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].status, Status::kFail);
}

TEST(Cg002, UnknownStagesAreError) {
  Estate e = estate_with_stage("cert1");
  region(e).rest_apis[0].stages_known = false;
  EXPECT_EQ(only(run("CG-002", e)).status, Status::kError);
}

TEST(Cg002, UnreadableRegionIsError) {
  expect_region_error("CG-002", "restapis");
}

}  // namespace
}  // namespace certguard::rules::testing
