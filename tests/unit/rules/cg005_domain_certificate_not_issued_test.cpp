#include <gtest/gtest.h>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

constexpr const char* kAcmArn = "arn:aws:acm:us-east-1:111111111111:certificate/0000-1111";

Estate domain_with(const std::string& acm_status, bool add_cert = true) {
  Estate e = one_region();
  DomainName d;
  d.domain_name = "api.example.com";
  d.endpoint_types = {"REGIONAL"};
  d.regional_certificate_arn = kAcmArn;
  region(e).domain_names.push_back(d);
  if (add_cert) {
    AcmCertificate c;
    c.arn = kAcmArn;
    c.status = acm_status;
    c.type = "AMAZON_ISSUED";
    c.not_after = kNow + 200 * kDay;
    region(e).acm_certificates.push_back(c);
  }
  return e;
}

TEST(Cg005, IssuedPasses) {
  const Finding f = only(run("CG-005", domain_with("ISSUED")));
  EXPECT_EQ(f.status, Status::kPass);
  EXPECT_EQ(f.resource_type, kDomainNameType);
  EXPECT_EQ(f.resource_arn, "arn:aws:apigateway:us-east-1::/domainnames/api.example.com");
  EXPECT_EQ(f.details.at("certificate_arn"), kAcmArn);
}

TEST(Cg005, EveryOtherStatusFails) {
  for (const char* s :
       {"PENDING_VALIDATION", "EXPIRED", "REVOKED", "INACTIVE", "FAILED", "VALIDATION_TIMED_OUT"}) {
    const Finding f = only(run("CG-005", domain_with(s)));
    EXPECT_EQ(f.status, Status::kFail) << s;
    EXPECT_EQ(f.details.at("acm_status"), s);
    EXPECT_NE(f.message.find(s), std::string::npos);
  }
}

TEST(Cg005, MissingCertificateFailsAndSaysSo) {
  const Finding f = only(run("CG-005", domain_with("", false)));
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_NE(f.message.find("not found"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("us-east-1"), std::string::npos) << f.message;
}

TEST(Cg005, EdgeCertificateIsLookedUpInUsEast1) {
  Estate e = one_region();  // us-east-1, holding the ACM certificate
  AcmCertificate c;
  c.arn = kAcmArn;
  c.status = "ISSUED";
  region(e).acm_certificates.push_back(c);
  Region eu;
  eu.name = "eu-west-1";
  DomainName d;
  d.domain_name = "edge.example.com";
  d.endpoint_types = {"EDGE"};
  d.certificate_arn = kAcmArn;
  eu.domain_names.push_back(d);
  e.accounts[0].regions.push_back(eu);
  EXPECT_EQ(only(run("CG-005", e)).status, Status::kPass);
  // us-east-1 not collected: cannot tell -> ERROR
  e.accounts[0].regions.erase(e.accounts[0].regions.begin());
  const Finding f = only(run("CG-005", e));
  EXPECT_EQ(f.status, Status::kError);
  EXPECT_NE(f.message.find("not collected"), std::string::npos) << f.message;
}

TEST(Cg005, NoCertificateArnIsError) {
  Estate e = domain_with("ISSUED");
  region(e).domain_names[0].regional_certificate_arn.clear();
  EXPECT_EQ(only(run("CG-005", e)).status, Status::kError);
}

TEST(Cg005, NotApplicableWithoutDomains) {
  EXPECT_TRUE(run("CG-005", one_region()).empty());
}

TEST(Cg005, UnreadableRegionIsError) {
  expect_region_error("CG-005", "domainnames");
}

}  // namespace
}  // namespace certguard::rules::testing
