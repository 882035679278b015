#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

constexpr const char* kDomainCertArn = "arn:aws:acm:us-east-1:111111111111:certificate/abcd";

Estate domain_cert(const std::string& type, EpochSeconds not_after, EpochSeconds imported_at) {
  Estate e = one_region();
  DomainName d;
  d.domain_name = "api.example.com";
  d.regional_certificate_arn = kDomainCertArn;
  region(e).domain_names.push_back(d);
  AcmCertificate c;
  c.arn = kDomainCertArn;
  c.status = "ISSUED";
  c.type = type;
  c.not_after = not_after;
  c.imported_at = imported_at;
  region(e).acm_certificates.push_back(c);
  return e;
}

Status amazon(EpochSeconds not_after) {
  return only(run("CG-006", domain_cert("AMAZON_ISSUED", not_after, 0))).status;
}
Status imported_days_ago(EpochSeconds age) {
  return only(run("CG-006", domain_cert("IMPORTED", kNow + 300 * kDay, kNow - age))).status;
}

TEST(Cg006, ExpiryBoundaries) {
  EXPECT_EQ(amazon(kNow + 29 * kDay), Status::kFail);
  EXPECT_EQ(amazon(kNow + 30 * kDay), Status::kFail);
  EXPECT_EQ(amazon(kNow + 31 * kDay), Status::kPass);
  EXPECT_EQ(amazon(kNow - kDay), Status::kFail);  // expired yesterday
}

TEST(Cg006, ImportedUploadAgeBoundaries) {
  EXPECT_EQ(imported_days_ago(396 * kDay), Status::kFail);
  EXPECT_EQ(imported_days_ago(395 * kDay + 1), Status::kFail);
  EXPECT_EQ(imported_days_ago(395 * kDay), Status::kPass);  // "more than 395 days"
  EXPECT_EQ(imported_days_ago(10 * kDay), Status::kPass);
  // Amazon-issued certificates are renewed by ACM: their age does not matter.
  EXPECT_EQ(only(run("CG-006", domain_cert("AMAZON_ISSUED", kNow + 300 * kDay, kNow - 500 * kDay)))
                .status,
            Status::kPass);
}

TEST(Cg006, FindingDetailsAndThresholds) {
  const Finding f =
      only(run("CG-006", domain_cert("IMPORTED", kNow + 300 * kDay, kNow - 396 * kDay)));
  EXPECT_EQ(f.details.at("upload_age_days"), "396");
  EXPECT_NE(f.message.find("396 day(s) ago"), std::string::npos) << f.message;
  RuleContext ctx = context();
  ctx.max_upload_age_days = 400;
  ctx.expiry_days = 301;
  const Finding g =
      only(run("CG-006", domain_cert("IMPORTED", kNow + 300 * kDay, kNow - 396 * kDay), ctx));
  EXPECT_EQ(g.status, Status::kFail);  // now it is the expiry that fails
  EXPECT_NE(g.message.find("expires in 300 day(s)"), std::string::npos) << g.message;
}

TEST(Cg006, UploadDateFallsBackToTheDomain) {
  Estate e = domain_cert("IMPORTED", kNow + 300 * kDay, 0);
  region(e).domain_names[0].certificate_upload_date = kNow - 400 * kDay;
  EXPECT_EQ(only(run("CG-006", e)).status, Status::kFail);
  region(e).domain_names[0].certificate_upload_date = 0;
  EXPECT_EQ(only(run("CG-006", e)).status, Status::kError);  // age unknown
}

TEST(Cg006, MissingCertificateIsLeftToCg005) {
  Estate e = domain_cert("IMPORTED", kNow, kNow);
  region(e).acm_certificates.clear();
  EXPECT_EQ(only(run("CG-006", e)).status, Status::kNotApplicable);
}

TEST(Cg006, UnknownExpiryIsError) {
  EXPECT_EQ(amazon(0), Status::kError);
}

// A certificate ACM has not issued has no NotAfter: nothing expires, CG-005 FAILs it.
TEST(Cg006, NeverIssuedCertificateIsNotApplicable) {
  for (const char* status : {"PENDING_VALIDATION", "FAILED", "VALIDATION_TIMED_OUT"}) {
    Estate e = domain_cert("AMAZON_ISSUED", 0, 0);
    region(e).acm_certificates[0].status = status;
    const Finding f = only(run("CG-006", e));
    EXPECT_EQ(f.status, Status::kNotApplicable) << status;
    EXPECT_NE(f.message.find("see CG-005"), std::string::npos) << f.message;
    EXPECT_EQ(only(run("CG-005", e)).status, Status::kFail) << status;
    // Even with a (placeholder) validity period reported: never PASS.
    region(e).acm_certificates[0].not_after = kNow + 300 * kDay;
    EXPECT_EQ(only(run("CG-006", e)).status, Status::kNotApplicable) << status;
  }
  // Issued (or expired, revoked) without NotAfter is missing data, not "not applicable".
  for (const char* status : {"ISSUED", "EXPIRED", "REVOKED"}) {
    Estate e = domain_cert("AMAZON_ISSUED", 0, 0);
    region(e).acm_certificates[0].status = status;
    EXPECT_EQ(only(run("CG-006", e)).status, Status::kError) << status;
  }
}

TEST(Cg006, UnreadableRegionIsError) {
  expect_region_error("CG-006", "domainnames");
}

}  // namespace
}  // namespace certguard::rules::testing
