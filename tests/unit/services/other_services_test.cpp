#include <gtest/gtest.h>

#include "certguard/services/acm/acm_client.h"
#include "certguard/services/ec2/ec2_client.h"
#include "certguard/services/organizations/organizations_client.h"
#include "certguard/services/sts/sts_client.h"
#include "fakes.h"
#include "wire_request.h"

namespace certguard::testing {
namespace {

aws::ClientConfig config_for(std::string name, std::string host, std::string region) {
  aws::ClientConfig c;
  c.endpoint_url = "https://" + host;
  c.signing_region = std::move(region);
  c.signing_name = std::move(name);
  return c;
}

// ---- ACM

TEST(Acm, ListCertificatesMatchesBotocoreVector) {
  ClientRig rig(config_for("acm", "acm.us-east-1.amazonaws.com", "us-east-1"));
  rig.transport.reply(200, R"({"CertificateSummaryList":[]})");
  services::acm::AcmClient acm(*rig.client);
  services::acm::ListCertificatesRequest req;
  req.certificate_statuses = {"ISSUED"};
  req.key_types = {"RSA_2048", "EC_prime256v1"};
  req.max_items = std::nullopt;
  auto r = run_sync(acm.list_certificates(req));
  ASSERT_TRUE(r.ok());
  expect_matches_wire(rig.transport.requests.at(0), "acm-list-certificates-json11",
                      ExtraHeaders::kAllowed);
}

TEST(Acm, DefaultListAsksForEveryKeyType) {
  services::acm::ListCertificatesRequest req;
  auto op = services::acm::to_operation(req, "us-east-1");
  for (const char* type : {"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1",
                           "EC_secp384r1", "EC_secp521r1"}) {
    EXPECT_NE(op.body.find(std::string("\"") + type + "\""), std::string::npos) << type;
  }
  EXPECT_NE(op.body.find(R"("MaxItems": 1000)"), std::string::npos);
}

TEST(Acm, PaginatesThroughEmptyPagesAndRejectsRepeats) {
  ClientRig rig(config_for("acm", "acm.us-east-1.amazonaws.com", "us-east-1"));
  rig.transport.reply(200,
                      R"({"CertificateSummaryList":[{"CertificateArn":"arn:1",)"
                      R"("Status":"ISSUED","NotAfter":1.79E9,"InUse":true}],"NextToken":"n1"})");
  rig.transport.reply(200, R"({"CertificateSummaryList":[],"NextToken":"n2"})");
  rig.transport.reply(200, R"({"CertificateSummaryList":[{"CertificateArn":"arn:2"}]})");
  services::acm::AcmClient acm(*rig.client);
  services::acm::ListCertificatesRequest req;
  auto all = run_sync(acm.list_all_certificates(req));
  ASSERT_TRUE(all.ok()) << all.error().describe();
  ASSERT_EQ(all->size(), 2U);
  EXPECT_TRUE((*all)[0].in_use);
  EXPECT_EQ(
      std::chrono::duration_cast<std::chrono::seconds>((*all)[0].not_after->time_since_epoch())
          .count(),
      1790000000);
  EXPECT_NE(rig.transport.requests[2].body.find(R"("NextToken": "n2")"), std::string::npos);

  rig.transport.requests.clear();
  rig.transport.reply(200, R"({"CertificateSummaryList":[],"NextToken":"same"})");
  rig.transport.reply(200, R"({"CertificateSummaryList":[],"NextToken":"same"})");
  auto looped = run_sync(acm.list_all_certificates(req));
  ASSERT_FALSE(looped.ok());
  EXPECT_EQ(looped.error().kind, ErrorKind::kParse);
}

TEST(Acm, DescribeCertificate) {
  auto d = services::acm::decode_describe_certificate(
      R"({"Certificate":{"CertificateArn":"arn:c","Status":"ISSUED","InUseBy":["arn:d"],)"
      R"("RenewalSummary":{"RenewalStatus":"SUCCESS"},"NotAfter":"2027-01-01T00:00:00Z",)"
      R"("Type":"IMPORTED","ImportedAt":1600000000.25}})");
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d->in_use_by, std::vector<std::string>{"arn:d"});
  EXPECT_EQ(d->renewal_status, "SUCCESS");
  EXPECT_TRUE(d->not_after.has_value());
  EXPECT_FALSE(services::acm::decode_describe_certificate("{}").ok());
  EXPECT_FALSE(
      services::acm::decode_describe_certificate(R"({"Certificate":{"InUseBy":"x"}})").ok());
  auto op = services::acm::to_operation(services::acm::DescribeCertificateRequest{"arn:c"});
  EXPECT_EQ(op.body, R"({"CertificateArn": "arn:c"})");
  EXPECT_EQ(op.headers.at(0).second, "CertificateManager.DescribeCertificate");
}

// ---- Organizations

TEST(Organizations, ListAccountsFromEuWest1GoesToTheGlobalEndpoint) {
  // Endpoint resolution (aws/config) gives the global endpoint and us-east-1 scope.
  ClientRig rig(config_for("organizations", "organizations.us-east-1.amazonaws.com", "us-east-1"));
  rig.transport.reply(200, R"({"Accounts":[]})");
  services::organizations::OrganizationsClient orgs(*rig.client);
  services::organizations::ListAccountsRequest req;
  auto r = run_sync(orgs.list_accounts(req));
  ASSERT_TRUE(r.ok());
  expect_matches_wire(rig.transport.requests.at(0), "organizations-list-accounts-from-eu-west-1",
                      ExtraHeaders::kAllowed);
}

TEST(Organizations, EmptyPageWithTokenContinues) {
  ClientRig rig(config_for("organizations", "organizations.us-east-1.amazonaws.com", "us-east-1"));
  rig.transport.reply(200, R"({"Accounts":[{"Id":"111111111111","Name":"a","State":"ACTIVE",)"
                           R"("JoinedTimestamp":1.6E9}],"NextToken":"t1"})");
  rig.transport.reply(200, R"({"Accounts":[],"NextToken":"t2"})");
  rig.transport.reply(
      200, R"({"Accounts":[{"Id":"222222222222","Status":"SUSPENDED"}],"NextToken":null})");
  services::organizations::OrganizationsClient orgs(*rig.client);
  auto all = run_sync(orgs.list_all_accounts());
  ASSERT_TRUE(all.ok()) << all.error().describe();
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[1].id, "222222222222");
  EXPECT_EQ((*all)[1].status, "SUSPENDED");
  EXPECT_EQ(rig.transport.requests[1].body, R"({"NextToken": "t1"})");
  EXPECT_EQ(rig.transport.requests[2].body, R"({"NextToken": "t2"})");
}

TEST(Organizations, NotInUseIsAccessDenied) {
  ClientRig rig(config_for("organizations", "organizations.us-east-1.amazonaws.com", "us-east-1"));
  rig.transport.reply(400, R"({"__type":"AWSOrganizationsNotInUseException","Message":"no org"})");
  services::organizations::OrganizationsClient orgs(*rig.client);
  auto all = run_sync(orgs.list_all_accounts());
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().aws_code, "AWSOrganizationsNotInUseException");
  EXPECT_EQ(all.error().operation, "ListAccounts");
}

// ---- STS

TEST(Sts, GetCallerIdentityMatchesVectorAndDecodes) {
  ClientRig rig(config_for("sts", "sts.us-east-1.amazonaws.com", "us-east-1"));
  rig.transport.reply(
      200,
      "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
      "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>"
      "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"
      "</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId>"
      "</ResponseMetadata></GetCallerIdentityResponse>");
  services::sts::StsClient sts(*rig.client);
  auto r = run_sync(sts.get_caller_identity());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->account, "123456789012");
  EXPECT_EQ(r->arn, "arn:aws:iam::123456789012:user/alice");
  EXPECT_EQ(r->user_id, "AIDAEXAMPLE");
  EXPECT_EQ(r->request_id, "r-1");
  expect_matches_wire(rig.transport.requests.at(0), "sts-get-caller-identity-query",
                      ExtraHeaders::kAllowed);
}

TEST(Sts, BadBodiesAreParseErrors) {
  EXPECT_EQ(services::sts::decode_get_caller_identity("").error().kind, ErrorKind::kParse);
  EXPECT_EQ(
      services::sts::decode_get_caller_identity("<GetCallerIdentityResponse><Get").error().kind,
      ErrorKind::kParse);
  auto other = services::sts::decode_get_caller_identity("<Other/>");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message.find("GetCallerIdentity"), std::string::npos);
}

// ---- EC2

TEST(Ec2, DescribeRegionsRequestAndResponse) {
  ClientRig rig(config_for("ec2", "ec2.us-east-1.amazonaws.com", "us-east-1"));
  rig.transport.reply(
      200,
      "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      "<requestId>q</requestId><regionInfo><item><regionName>eu-west-1</regionName>"
      "<regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>"
      "opt-in-not-required</optInStatus></item><item><regionName>af-south-1</regionName>"
      "<optInStatus>not-opted-in</optInStatus></item></regionInfo></DescribeRegionsResponse>");
  services::ec2::Ec2Client ec2(*rig.client);
  services::ec2::DescribeRegionsRequest req;
  req.all_regions = true;
  auto r = run_sync(ec2.describe_regions(req));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  ASSERT_EQ(r->size(), 2U);
  EXPECT_EQ((*r)[0].endpoint, "ec2.eu-west-1.amazonaws.com");
  EXPECT_EQ((*r)[1].opt_in_status, "not-opted-in");
  const auto& sent = rig.transport.requests.at(0);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.body, "Action=DescribeRegions&Version=2016-11-15&AllRegions=true");
  EXPECT_EQ(sent.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_NE(sent.header("Authorization").find("/us-east-1/ec2/aws4_request"),
            std::string_view::npos);
  EXPECT_FALSE(services::ec2::decode_describe_regions("<Other/>").ok());
  EXPECT_FALSE(services::ec2::decode_describe_regions("not xml").ok());
}

}  // namespace
}  // namespace certguard::testing
