#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

Estate cert_used_by_one_stage(EpochSeconds expires) {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("cert1", expires));
  RestApi api = lambda_api("api1");
  api.stages.push_back(stage("prod", "cert1"));
  region(e).rest_apis.push_back(api);
  return e;
}

TEST(Cg004, ExpiredYesterdayFails) {
  const Finding f = only(run("CG-004", cert_used_by_one_stage(kNow - kDay)));
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_EQ(f.details.at("days_left"), "-1");
  EXPECT_NE(f.message.find("1 day(s) ago"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("to the backend"), std::string::npos);
}

TEST(Cg004, Boundaries) {
  EXPECT_EQ(only(run("CG-004", cert_used_by_one_stage(kNow))).status,
            Status::kFail);  // not valid at notAfter
  EXPECT_EQ(only(run("CG-004", cert_used_by_one_stage(kNow + 1))).status, Status::kPass);
  EXPECT_EQ(only(run("CG-004", cert_used_by_one_stage(kNow + 29 * kDay))).status, Status::kPass);
  EXPECT_EQ(only(run("CG-004", cert_used_by_one_stage(kNow - 400 * kDay))).status, Status::kFail);
}

TEST(Cg004, UnusedExpiredCertificateIsNotApplicable) {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("old", kNow - 10 * kDay));
  EXPECT_EQ(only(run("CG-004", e)).status, Status::kNotApplicable);
}

TEST(Cg004, UnknownExpiryIsError) {
  EXPECT_EQ(only(run("CG-004", cert_used_by_one_stage(0))).status, Status::kError);
}

TEST(Cg004, UnreadableRegionIsError) {
  expect_region_error("CG-004", "clientcertificates");
}

}  // namespace
}  // namespace certguard::rules::testing
