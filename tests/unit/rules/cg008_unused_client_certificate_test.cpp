#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

Estate two_certs() {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("used", kNow + 100 * kDay));
  region(e).client_certificates.push_back(client_cert("unused", kNow + 100 * kDay));
  RestApi api = http_api("api1");
  api.stages.push_back(stage("prod", "used"));
  region(e).rest_apis.push_back(api);
  return e;
}

TEST(Cg008, UnusedFailsUsedPasses) {
  auto findings = run("CG-008", two_certs());
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].resource_name, "used");
  EXPECT_EQ(findings[0].status, Status::kPass);
  EXPECT_EQ(findings[0].details.at("used_by"), "api1/prod");
  EXPECT_EQ(findings[1].resource_name, "unused");
  EXPECT_EQ(findings[1].status, Status::kFail);
  EXPECT_EQ(findings[1].resource_arn, "arn:aws:apigateway:us-east-1::/clientcertificates/unused");
}

TEST(Cg008, UnknownStagesMakeUnusedAnError) {
  Estate e = two_certs();
  RestApi hidden = lambda_api("hidden");
  hidden.stages_known = false;
  region(e).rest_apis.push_back(hidden);
  auto findings = run("CG-008", e);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].status, Status::kPass);
  EXPECT_EQ(findings[1].status, Status::kError);
}

TEST(Cg008, NotApplicableWithoutCertificates) {
  EXPECT_TRUE(run("CG-008", one_region()).empty());
}

TEST(Cg008, UnreadableRegionIsError) {
  expect_region_error("CG-008", "clientcertificates");
}

}  // namespace
}  // namespace certguard::rules::testing
