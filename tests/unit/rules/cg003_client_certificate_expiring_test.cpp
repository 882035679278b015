#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

Estate cert_used_by_two_stages(EpochSeconds expires) {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("cert1", expires));
  RestApi api = http_api("api1");
  api.stages.push_back(stage("prod", "cert1"));
  api.stages.push_back(stage("beta", "cert1"));
  region(e).rest_apis.push_back(api);
  return e;
}

Status status_at(EpochSeconds expires, int threshold = kDefaultExpiryDays) {
  RuleContext ctx = context();
  ctx.expiry_days = threshold;
  return only(run("CG-003", cert_used_by_two_stages(expires), ctx)).status;
}

TEST(Cg003, Boundaries) {
  EXPECT_EQ(status_at(kNow + 29 * kDay), Status::kFail);
  EXPECT_EQ(status_at(kNow + 30 * kDay), Status::kFail);  // exactly 30 days left: flagged
  EXPECT_EQ(status_at(kNow + 30 * kDay + 1), Status::kPass);
  EXPECT_EQ(status_at(kNow + 31 * kDay), Status::kPass);
  EXPECT_EQ(status_at(kNow + 1), Status::kFail);
  EXPECT_EQ(status_at(kNow - kDay), Status::kNotApplicable);  // expired yesterday: CG-004
  EXPECT_EQ(status_at(kNow), Status::kNotApplicable);         // expires this second
}

TEST(Cg003, ThresholdIsAParameter) {
  EXPECT_EQ(status_at(kNow + 40 * kDay, 45), Status::kFail);
  EXPECT_EQ(status_at(kNow + 29 * kDay, 10), Status::kPass);
}

TEST(Cg003, FindingDetails) {
  const Finding f = only(run("CG-003", cert_used_by_two_stages(kNow + 29 * kDay + 3600)));
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_EQ(f.resource_type, kClientCertificateType);
  EXPECT_EQ(f.resource_arn, "arn:aws:apigateway:us-east-1::/clientcertificates/cert1");
  EXPECT_EQ(f.details.at("days_left"), "29");
  EXPECT_EQ(f.details.at("expiration_date"), "2026-12-22T01:00:00Z");
  EXPECT_EQ(f.details.at("used_by"), "api1/prod, api1/beta");
  EXPECT_NE(f.message.find("29 day(s)"), std::string::npos);
}

TEST(Cg003, UnusedCertificateIsNotApplicable) {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("cert1", kNow + kDay));
  EXPECT_EQ(only(run("CG-003", e)).status, Status::kNotApplicable);
  // ...unless some API's stages are unknown: then it may be in use.
  RestApi hidden = http_api("hidden");
  hidden.stages_known = false;
  region(e).rest_apis.push_back(hidden);
  const Finding f = only(run("CG-003", e));
  EXPECT_EQ(f.status, Status::kError);
  EXPECT_NE(f.message.find("hidden"), std::string::npos);
}

TEST(Cg003, UnknownExpiryIsError) {
  EXPECT_EQ(only(run("CG-003", cert_used_by_two_stages(0))).status, Status::kError);
}

TEST(Cg003, UnreadableRegionIsError) {
  expect_region_error("CG-003", "clientcertificates");
}

}  // namespace
}  // namespace certguard::rules::testing
