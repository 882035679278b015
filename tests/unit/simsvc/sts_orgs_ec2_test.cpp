#include <gtest/gtest.h>

#include <set>
#include <string>

#include "handler_fixture.h"
#include "sim/services/services.h"

namespace certguard::sim {
namespace {

using nlohmann::json;
using testing::body_json;
using testing::HandlerFixture;

constexpr const char* kMgmt = "111111111111";
constexpr const char* kMember = "222222222222";
constexpr const char* kOther = "333333333333";

inventory::Account account(std::string id, std::vector<inventory::Role> roles) {
  inventory::Account a;
  a.id = std::move(id);
  a.name = "acct-" + a.id;
  a.access_keys.push_back({"AKIA" + a.id, "secret"});
  a.roles = std::move(roles);
  inventory::Region r;
  r.name = "eu-west-1";
  a.regions.push_back(r);
  return a;
}

inventory::Estate org_estate() {
  inventory::Estate e;
  e.management_account_id = kMgmt;
  e.accounts.push_back(account(kMgmt, {}));
  e.accounts.push_back(account(kMember, {{"CertguardAudit", {kMgmt}, ""},
                                         {"WithExternalId", {kMgmt}, "s3cret"},
                                         {"AnyoneInEstate", {}, ""}}));
  e.accounts.push_back(account(kOther, {}));
  for (int i = 0; i < 4; ++i) e.accounts.push_back(account("44444444444" + std::to_string(i), {}));
  e.accounts.back().suspended = true;
  return e;
}

SimRequest query(std::string op, std::string account,
                 std::initializer_list<std::pair<const char*, std::string>> params) {
  SimRequest r = HandlerFixture::request(std::move(op), std::move(account), "us-east-1");
  for (const auto& [k, v] : params) r.query.emplace(k, v);
  return r;
}

// --- STS -------------------------------------------------------------------------
TEST(Sts, GetCallerIdentityOfAnEstateKey) {
  HandlerFixture f(org_estate());
  auto r = handle_sts(query("GetCallerIdentity", kMember, {}), *f.world);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<Account>222222222222</Account>"), std::string::npos);
  EXPECT_NE(r.body.find("<Arn>arn:aws:iam::222222222222:root</Arn>"), std::string::npos);
  EXPECT_NE(r.body.find("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/"
                        "2011-06-15/\">"),
            std::string::npos);
}

std::string between(const std::string& s, const std::string& open, const std::string& close) {
  const auto a = s.find(open);
  if (a == std::string::npos) return "";
  const auto b = s.find(close, a);
  return s.substr(a + open.size(), b - a - open.size());
}

TEST(Sts, AssumeRoleIssuesKeysTheWorldAccepts) {
  HandlerFixture f(org_estate());
  auto r = handle_sts(query("AssumeRole", kMgmt,
                            {{"RoleArn", "arn:aws:iam::222222222222:role/CertguardAudit"},
                             {"RoleSessionName", "audit"}}),
                      *f.world);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto key_id = between(r.body, "<AccessKeyId>", "</AccessKeyId>");
  EXPECT_EQ(key_id.rfind("ASIA", 0), 0U);
  EXPECT_EQ(between(r.body, "<Expiration>", "</Expiration>"), "2026-01-01T01:00:00Z");
  EXPECT_NE(r.body.find("arn:aws:sts::222222222222:assumed-role/CertguardAudit/audit"),
            std::string::npos);
  auto key = f.world->find_key(key_id);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->account_id, kMember);
  EXPECT_EQ(key->secret_access_key, between(r.body, "<SecretAccessKey>", "</SecretAccessKey>"));
  EXPECT_EQ(key->session_token, between(r.body, "<SessionToken>", "</SessionToken>"));
  EXPECT_EQ(key->expiration, testing::kNow + 3600);

  // As the assumed role, GetCallerIdentity names the role session.
  SimRequest who = query("GetCallerIdentity", kMember, {});
  who.access_key_id = key_id;
  who.principal_arn = key->principal_arn;
  auto w = handle_sts(who, *f.world);
  EXPECT_NE(w.body.find("<Arn>arn:aws:sts::222222222222:assumed-role/CertguardAudit/audit</Arn>"),
            std::string::npos);
  EXPECT_NE(w.body.find(":audit</UserId>"), std::string::npos);
}

TEST(Sts, AssumeRoleDenials) {
  HandlerFixture f(org_estate());
  auto denied = [&](const char* caller, const char* arn, const std::string& external = "") {
    SimRequest r = query("AssumeRole", caller, {{"RoleArn", arn}, {"RoleSessionName", "s1"}});
    if (!external.empty()) r.query.emplace("ExternalId", external);
    auto resp = handle_sts(r, *f.world);
    return resp.status == 403 && resp.body.find("<Code>AccessDenied</Code>") != std::string::npos;
  };
  EXPECT_TRUE(denied(kMgmt, "arn:aws:iam::222222222222:role/NoSuchRole"));
  EXPECT_TRUE(denied(kOther, "arn:aws:iam::222222222222:role/CertguardAudit"));  // not trusted
  EXPECT_TRUE(denied(kMgmt, "arn:aws:iam::999999999999:role/CertguardAudit"));   // no account
  EXPECT_TRUE(denied(kMgmt, "arn:aws:iam::222222222222:role/WithExternalId"));
  EXPECT_TRUE(denied(kMgmt, "arn:aws:iam::222222222222:role/WithExternalId", "wrong"));
  EXPECT_FALSE(denied(kMgmt, "arn:aws:iam::222222222222:role/WithExternalId", "s3cret"));
  EXPECT_FALSE(denied(kOther, "arn:aws:iam::222222222222:role/AnyoneInEstate"));
}

TEST(Sts, AssumeRoleValidation) {
  HandlerFixture f(org_estate());
  auto code = [&](std::initializer_list<std::pair<const char*, std::string>> params) {
    auto r = handle_sts(query("AssumeRole", kMgmt, params), *f.world);
    return between(r.body, "<Code>", "</Code>");
  };
  EXPECT_EQ(code({{"RoleArn", "bogus"}, {"RoleSessionName", "s1"}}), "ValidationError");
  EXPECT_EQ(code({{"RoleArn", "arn:aws:iam::222222222222:role/CertguardAudit"},
                  {"RoleSessionName", "x"}}),
            "ValidationError");
  EXPECT_EQ(code({{"RoleArn", "arn:aws:iam::222222222222:role/CertguardAudit"},
                  {"RoleSessionName", "s1"},
                  {"DurationSeconds", "7200"}}),
            "ValidationError");
  EXPECT_EQ(code({{"RoleArn", "arn:aws:iam::222222222222:role/CertguardAudit"},
                  {"RoleSessionName", "s1"},
                  {"DurationSeconds", "900"}}),
            "");
}

TEST(Sts, WebIdentityAcceptsAnyToken) {
  HandlerFixture f(org_estate());
  SimRequest r = query("AssumeRoleWithWebIdentity", "",
                       {{"RoleArn", "arn:aws:iam::222222222222:role/CertguardAudit"},
                        {"RoleSessionName", "ci"},
                        {"WebIdentityToken", "any.jwt.token"}});
  r.principal_arn.clear();
  auto resp = handle_sts(r, *f.world);
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_NE(resp.body.find("<AssumeRoleWithWebIdentityResult>"), std::string::npos);
  EXPECT_TRUE(f.world->find_key(between(resp.body, "<AccessKeyId>", "</AccessKeyId>")));
}

// --- Organizations ---------------------------------------------------------------
SimResponse list_accounts(HandlerFixture& f, const char* caller, const json& body) {
  return handle_organizations(
      HandlerFixture::json_request("ListAccounts", caller, "us-east-1", body), *f.world);
}

TEST(Organizations, ManagementPagesThroughEveryAccountOnce) {
  HandlerFixture f(org_estate());
  std::set<std::string> ids;
  json body = {{"MaxResults", 2}};
  int pages = 0;
  for (;; ++pages) {
    auto r = list_accounts(f, kMgmt, body);
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = body_json(r);
    for (const auto& a : j["Accounts"]) EXPECT_TRUE(ids.insert(a["Id"]).second);
    if (!j.contains("NextToken")) break;
    body["NextToken"] = j["NextToken"];
  }
  EXPECT_EQ(ids.size(), 7U);
  EXPECT_EQ(pages + 1, 4);
  auto all = body_json(list_accounts(f, kMgmt, json::object()));
  EXPECT_EQ(all["Accounts"].back()["Status"], "SUSPENDED");
  EXPECT_EQ(all["Accounts"][0]["Arn"].get<std::string>().rfind(
                "arn:aws:organizations::111111111111:account/o-", 0),
            0U);
}

TEST(Organizations, OnlyTheManagementAccount) {
  HandlerFixture f(org_estate());
  auto member = list_accounts(f, kMember, json::object());
  EXPECT_EQ(member.status, 400);
  EXPECT_EQ(body_json(member)["__type"], "AccessDeniedException");
  auto bad = list_accounts(f, kMgmt, {{"MaxResults", 21}});
  EXPECT_EQ(body_json(bad)["__type"], "InvalidInputException");
  inventory::Estate no_org = org_estate();
  no_org.management_account_id.clear();
  HandlerFixture g(no_org);
  EXPECT_EQ(body_json(list_accounts(g, kMgmt, json::object()))["__type"],
            "AWSOrganizationsNotInUseException");
}

// --- EC2 -------------------------------------------------------------------------
std::set<std::string> region_names(const std::string& xml) {
  std::set<std::string> out;
  for (std::size_t at = xml.find("<regionName>"); at != std::string::npos;
       at = xml.find("<regionName>", at + 1)) {
    out.insert(between(xml.substr(at), "<regionName>", "</regionName>"));
  }
  return out;
}

TEST(Ec2, DescribeRegionsListsEnabledRegions) {
  inventory::Estate e = org_estate();
  e.accounts[1].enabled_regions = {"us-east-1", "eu-west-1", "af-south-1"};
  HandlerFixture f(e);
  auto estate_regions = handle_ec2(query("DescribeRegions", kMgmt, {}), *f.world);
  ASSERT_EQ(estate_regions.status, 200) << estate_regions.body;
  EXPECT_EQ(region_names(estate_regions.body), (std::set<std::string>{"eu-west-1"}));
  auto explicit_list = handle_ec2(query("DescribeRegions", kMember, {}), *f.world);
  EXPECT_EQ(region_names(explicit_list.body),
            (std::set<std::string>{"us-east-1", "eu-west-1", "af-south-1"}));
  EXPECT_NE(explicit_list.body.find("<optInStatus>opted-in</optInStatus>"), std::string::npos);
}

TEST(Ec2, AllRegionsWithOptInStatusAndFilters) {
  HandlerFixture f(org_estate());
  auto all = handle_ec2(query("DescribeRegions", kMgmt, {{"AllRegions", "true"}}), *f.world);
  EXPECT_EQ(region_names(all.body).size(), 34U);
  EXPECT_NE(all.body.find("<optInStatus>not-opted-in</optInStatus>"), std::string::npos);
  auto filtered = handle_ec2(query("DescribeRegions", kMgmt,
                                   {{"AllRegions", "true"},
                                    {"Filter.1.Name", "opt-in-status"},
                                    {"Filter.1.Value.1", "opt-in-not-required"}}),
                             *f.world);
  EXPECT_EQ(region_names(filtered.body).size(), 17U);
  auto named = handle_ec2(
      query("DescribeRegions", kMgmt, {{"AllRegions", "true"}, {"RegionName.1", "us-west-2"}}),
      *f.world);
  EXPECT_EQ(region_names(named.body), (std::set<std::string>{"us-west-2"}));
  auto bad =
      handle_ec2(query("DescribeRegions", kMgmt, {{"RegionName.1", "xx-nowhere-9"}}), *f.world);
  EXPECT_EQ(bad.status, 400);
}

}  // namespace
}  // namespace certguard::sim
