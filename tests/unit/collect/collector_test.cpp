#include "certguard/inventory/collect/collector.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "certguard/rules/evaluate.h"
#include "fake_aws.h"

namespace certguard::inventory {
namespace {

using testing::ClockSleeper;
using testing::error_response;
using testing::FakeRequest;
using testing::FakeTransport;
using testing::json_response;
using testing::NullSigner;
using testing::StaticCredentials;
using Json = nlohmann::json;

// The fake's world: per region, `apis` REST APIs with two stages each (even APIs have an
// HTTP integration), `certs` client certificates, two domain names, three ACM certs.
struct World {
  int apis = 2;
  int certs = 1;
  int acm = 3;
  int page = 500;                  // page size the fake uses for API Gateway lists
  int acm_page = 1000;             // page size for ACM
  std::string failing_stages_api;  // GetStages for this id answers 500
  std::set<std::string> denied_regions;
  std::map<std::string, std::vector<std::string>> org;  // unused
};

Json page_of(const std::vector<Json>& all, const std::string& query, int page_size) {
  std::size_t start = 0;
  auto pos = query.find("position=");
  if (pos != std::string::npos) {
    std::string p = query.substr(pos + 9);
    p = p.substr(0, p.find('&'));
    start = std::stoul(p);
  }
  Json out = Json::object();
  out["item"] = Json::array();
  std::size_t end = std::min(all.size(), start + static_cast<std::size_t>(page_size));
  for (std::size_t i = start; i < end; ++i) out["item"].push_back(all[i]);
  if (end < all.size()) out["position"] = std::to_string(end);
  return out;
}

aws::HttpResponse answer(const World& w, const FakeRequest& r) {
  if (r.service == "apigateway") {
    if (w.denied_regions.contains(r.region)) {
      return error_response(403, "AccessDeniedException", "not authorized");
    }
    if (r.path == "/restapis") {
      std::vector<Json> apis;
      for (int i = 0; i < w.apis; ++i) {
        apis.push_back(Json{{"id", "api" + std::to_string(i)},
                            {"name", "n" + std::to_string(i)},
                            {"endpointConfiguration", {{"types", {"REGIONAL"}}}}});
      }
      return json_response(page_of(apis, r.query, w.page));
    }
    if (r.path.ends_with("/stages")) {
      std::string id = r.path.substr(10, r.path.size() - 10 - 7);
      if (id == w.failing_stages_api) return error_response(500, "InternalFailure", "boom");
      return json_response(Json{{"item",
                                 {Json{{"stageName", "prod"}, {"clientCertificateId", "c0"}},
                                  Json{{"stageName", "dev"}}}}});
    }
    if (r.path.ends_with("/resources")) {
      std::string id = r.path.substr(10, r.path.size() - 10 - 10);
      std::string type = (std::stoi(id.substr(3)) % 2 == 0) ? "HTTP" : "MOCK";
      Json methods = {{"GET", {{"httpMethod", "GET"}, {"methodIntegration", {{"type", type}}}}}};
      return json_response(
          Json{{"item", {Json{{"id", "r"}, {"path", "/"}, {"resourceMethods", methods}}}}});
    }
    if (r.path == "/clientcertificates") {
      std::vector<Json> certs;
      for (int i = 0; i < w.certs; ++i) {
        certs.push_back(
            Json{{"clientCertificateId", "c" + std::to_string(i)}, {"expirationDate", 1900000000}});
      }
      return json_response(page_of(certs, r.query, w.page));
    }
    if (r.path == "/domainnames") {
      return json_response(
          Json{{"item",
                {Json{{"domainName", "a.example.com"}, {"regionalCertificateArn", "arn:acm:1"}},
                 Json{{"domainName", "b.example.com"}, {"certificateArn", "arn:acm:2"}}}}});
    }
  }
  if (r.service == "acm" && r.target == "CertificateManager.ListCertificates") {
    Json body = Json::parse(r.body);
    std::size_t start =
        body.contains("NextToken") ? std::stoul(body["NextToken"].get<std::string>()) : 0;
    Json out = {{"CertificateSummaryList", Json::array()}};
    std::size_t end = std::min<std::size_t>(static_cast<std::size_t>(w.acm),
                                            start + static_cast<std::size_t>(w.acm_page));
    for (std::size_t i = start; i < end; ++i) {
      out["CertificateSummaryList"].push_back(
          Json{{"CertificateArn", "arn:acm:" + std::to_string(i)},
               {"Status", "ISSUED"},
               {"Type", "AMAZON_ISSUED"},
               {"NotAfter", 1900000000.5},
               {"InUse", true}});
    }
    if (end < static_cast<std::size_t>(w.acm)) out["NextToken"] = std::to_string(end);
    return json_response(out);
  }
  if (r.service == "sts") {
    aws::HttpResponse resp;
    resp.status = 200;
    resp.body =
        "<GetCallerIdentityResponse><GetCallerIdentityResult><UserId>AIDAEXAMPLE</UserId>"
        "<Account>111111111111</Account><Arn>arn:aws:iam::111111111111:user/audit</Arn>"
        "</GetCallerIdentityResult></GetCallerIdentityResponse>";
    return resp;
  }
  if (r.service == "organizations") {
    return json_response(
        Json{{"Accounts",
              {Json{{"Id", "111111111111"}, {"Name", "mgmt"}, {"State", "ACTIVE"}},
               Json{{"Id", "222222222222"}, {"Name", "gone"}, {"State", "SUSPENDED"}},
               Json{{"Id", "333333333333"}, {"Name", "dev"}, {"Status", "ACTIVE"}}}}});
  }
  if (r.service == "ec2") {
    aws::HttpResponse resp;
    resp.status = 200;
    resp.body =
        "<DescribeRegionsResponse><regionInfo>"
        "<item><regionName>us-east-1</regionName><optInStatus>opt-in-not-required</optInStatus></"
        "item>"
        "<item><regionName>eu-west-1</regionName><optInStatus>opt-in-not-required</optInStatus></"
        "item>"
        "<item><regionName>xx-nowhere-1</regionName><optInStatus>opted-in</optInStatus></item>"
        "</regionInfo></DescribeRegionsResponse>";
    return resp;
  }
  return error_response(404, "UnknownOperationException", "no route " + r.path);
}

class CollectorTest : public ::testing::Test {
 protected:
  CollectResult run(const TargetSpec& targets, CollectOptions options = fast_options()) {
    Result<CollectResult> r = try_run(targets, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
    return std::move(r).value();
  }
  Result<CollectResult> try_run(const TargetSpec& targets, CollectOptions options) {
    CollectorDeps deps;
    deps.transport = &transport;
    deps.sleeper = &sleeper;
    deps.clock = &clock;
    deps.signer = &signer;
    deps.endpoint = testing::fake_endpoints();
    deps.credentials =
        [this](const std::string& account) -> Result<std::shared_ptr<aws::CredentialsProvider>> {
      if (account == unassumable) {
        return std::shared_ptr<aws::CredentialsProvider>(std::make_shared<StaticCredentials>(
            "x", make_error(ErrorKind::kAccessDenied, "AssumeRole denied for role/audit")));
      }
      return std::shared_ptr<aws::CredentialsProvider>(
          std::make_shared<StaticCredentials>("key-" + account));
    };
    deps.debug = debug;
    Collector collector(std::move(deps), options);
    return run_sync(collector.collect(targets));
  }
  static CollectOptions fast_options() {
    CollectOptions o;
    o.pacing = PacingOptions{0, 1, 0, 1};  // unlimited: the clock stays put
    return o;
  }
  static TargetSpec one(const std::string& region = "us-east-1") {
    TargetSpec t;
    t.accounts = {"111111111111"};
    t.regions = {region};
    t.home_region = region;
    return t;
  }

  World world;
  FakeTransport transport{[this](const FakeRequest& r) {
    clock.advance(per_request);
    return answer(world, r);
  }};
  ManualClock clock{WallTime{std::chrono::seconds{1800000000}}};
  ClockSleeper sleeper{clock};
  NullSigner signer;
  std::string unassumable = "none";
  std::chrono::milliseconds per_request{0};  // how far each request moves the clock
  aws::DebugSink debug;
};

TEST_F(CollectorTest, MakesExactlyTheFewestCalls) {
  CollectResult r = run(one());
  ASSERT_EQ(r.estate.accounts.size(), 1u);
  const Region& region = r.estate.accounts[0].regions.at(0);
  EXPECT_EQ(region.scan.state, ScanState::kOk);
  std::map<std::string, int> expected = {{"GetRestApis", 1},    {"GetStages", 2},
                                         {"GetResources", 2},   {"GetClientCertificates", 1},
                                         {"GetDomainNames", 1}, {"ListCertificates", 1}};
  EXPECT_EQ(region.scan.calls, expected);
  EXPECT_EQ(transport.requests.size(), 8u);
  EXPECT_EQ(transport.count("apigateway", "/clientcertificates/"), 0);  // never a GET per cert

  ASSERT_EQ(region.rest_apis.size(), 2u);
  EXPECT_EQ(region.rest_apis[0].stages.size(), 2u);
  EXPECT_EQ(region.rest_apis[0].stages[0].client_certificate_id, "c0");
  EXPECT_EQ(region.rest_apis[0].endpoint_types, std::vector<std::string>{"REGIONAL"});
  ASSERT_EQ(region.rest_apis[0].resources.size(), 1u);
  EXPECT_EQ(region.rest_apis[0].resources[0].methods.at(0).integration_type, "HTTP");
  EXPECT_EQ(region.client_certificates.at(0).expiration_date, 1900000000);
  EXPECT_EQ(region.domain_names.size(), 2u);
  ASSERT_EQ(region.acm_certificates.size(), 3u);
  EXPECT_EQ(region.acm_certificates[0].not_after, 1900000000);
  EXPECT_EQ(region.acm_certificates[0].status, "ISSUED");
  EXPECT_TRUE(region.acm_certificates[0].in_use);
  EXPECT_EQ(r.estate.partition, "aws");
}

TEST_F(CollectorTest, AcmRequestsEveryKeyTypeAndGetResourcesEmbedsMethods) {
  (void)run(one());
  bool saw_acm = false;
  for (const auto& req : transport.requests) {
    if (req.service == "acm") {
      saw_acm = true;
      Json body = Json::parse(req.body);
      EXPECT_EQ(body["Includes"]["keyTypes"].size(), 7u);
      EXPECT_FALSE(body.contains("CertificateStatuses"));  // every status
    }
    if (req.path.ends_with("/resources")) {
      EXPECT_NE(req.query.find("embed=methods"), std::string::npos);
      EXPECT_NE(req.query.find("limit=500"), std::string::npos);
    }
    if (req.path == "/restapis") {
      EXPECT_NE(req.query.find("limit=500"), std::string::npos);
    }
  }
  EXPECT_TRUE(saw_acm);
}

TEST_F(CollectorTest, FollowsEveryPage) {
  world.apis = 501;
  world.certs = 7;
  world.page = 250;
  world.acm = 5;
  world.acm_page = 2;
  CollectResult r = run(one());
  const Region& region = r.estate.accounts[0].regions.at(0);
  EXPECT_EQ(region.rest_apis.size(), 501u);
  EXPECT_EQ(region.rest_apis.back().id, "api500");
  EXPECT_EQ(region.scan.calls.at("GetRestApis"), 3);
  EXPECT_EQ(region.scan.calls.at("GetStages"), 501);
  EXPECT_EQ(region.client_certificates.size(), 7u);
  EXPECT_EQ(region.scan.calls.at("GetClientCertificates"), 1);
  EXPECT_EQ(region.acm_certificates.size(), 5u);
  EXPECT_EQ(region.scan.calls.at("ListCertificates"), 3);
}

TEST_F(CollectorTest, FailedGetStagesMarksOnlyThatApi) {
  world.failing_stages_api = "api1";
  CollectResult r = run(one());
  const Region& region = r.estate.accounts[0].regions.at(0);
  EXPECT_EQ(region.scan.state, ScanState::kOk);
  EXPECT_TRUE(region.rest_apis[0].stages_known);
  EXPECT_FALSE(region.rest_apis[1].stages_known);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("GetStages"), std::string::npos);

  rules::RuleContext ctx;
  ctx.now = 1800000000;
  auto findings = rules::evaluate(r.estate, ctx);
  bool api1_error = false;
  for (const auto& f : findings) {
    if (f.resource_arn.find("/restapis/api1") != std::string::npos && f.rule_id == "CG-001") {
      EXPECT_EQ(f.status, rules::Status::kError) << f.resource_arn;
      api1_error = true;
    }
    if (f.resource_arn.find("/restapis/api0/") != std::string::npos) {
      EXPECT_NE(f.status, rules::Status::kError) << f.rule_id << " " << f.resource_arn;
    }
  }
  EXPECT_TRUE(api1_error);
}

TEST_F(CollectorTest, AccessDeniedRegionIsErrorOthersOk) {
  world.denied_regions = {"eu-west-1"};
  TargetSpec t = one();
  t.regions = {"us-east-1", "eu-west-1"};
  CollectResult r = run(t);
  const auto& regions = r.estate.accounts[0].regions;
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_EQ(regions[0].scan.state, ScanState::kOk);
  EXPECT_EQ(regions[1].scan.state, ScanState::kError);
  EXPECT_EQ(regions[1].scan.error_kind, to_string(ErrorKind::kAccessDenied));
  EXPECT_NE(regions[1].scan.error_message.find("AccessDeniedException"), std::string::npos);
  EXPECT_EQ(regions[1].scan.calls.at("GetRestApis"), 1);

  rules::RuleContext ctx;
  ctx.now = 1800000000;
  for (const auto& f : rules::evaluate(r.estate, ctx)) {
    if (f.region == "eu-west-1") {
      EXPECT_EQ(f.status, rules::Status::kError) << f.rule_id;
    }
  }
}

TEST_F(CollectorTest, UnassumableRoleMakesEveryRegionOfTheAccountError) {
  unassumable = "222222222222";
  TargetSpec t;
  t.accounts = {"111111111111", "222222222222"};
  t.regions = {"us-east-1", "us-west-2"};
  t.home_region = "us-east-1";
  CollectResult r = run(t);
  ASSERT_EQ(r.estate.accounts.size(), 2u);
  for (const auto& region : r.estate.accounts[0].regions) {
    EXPECT_EQ(region.scan.state, ScanState::kOk);
  }
  ASSERT_EQ(r.estate.accounts[1].regions.size(), 2u);
  for (const auto& region : r.estate.accounts[1].regions) {
    EXPECT_EQ(region.scan.state, ScanState::kError);
    EXPECT_NE(region.scan.error_message.find("AssumeRole"), std::string::npos);
  }
  for (const auto& req : transport.requests) EXPECT_EQ(req.access_key, "key-111111111111");
}

TEST_F(CollectorTest, OrganizationSkipsSuspendedAndAllRegionsIntersectsApiGateway) {
  TargetSpec t;
  t.organization = true;
  t.all_regions = true;
  t.home_region = "us-east-1";
  CollectResult r = run(t);
  ASSERT_EQ(r.estate.accounts.size(), 2u);
  EXPECT_EQ(r.estate.accounts[0].id, "111111111111");
  EXPECT_EQ(r.estate.accounts[0].name, "mgmt");
  EXPECT_EQ(r.estate.accounts[1].id, "333333333333");
  for (const auto& account : r.estate.accounts) {
    ASSERT_EQ(account.regions.size(), 2u);
    EXPECT_EQ(account.regions[0].name, "us-east-1");
    EXPECT_EQ(account.regions[1].name, "eu-west-1");
  }
  EXPECT_EQ(transport.count("organizations", "/"), 1);
  EXPECT_EQ(transport.count("ec2", "/"), 2);
}

TEST_F(CollectorTest, CallerAccountFromSts) {
  TargetSpec t;
  t.regions = {"us-east-1"};
  t.home_region = "us-east-1";
  CollectResult r = run(t);
  ASSERT_EQ(r.estate.accounts.size(), 1u);
  EXPECT_EQ(r.estate.accounts[0].id, "111111111111");
}

TEST_F(CollectorTest, StrictWithoutSnapshotSkipsGetResources) {
  CollectOptions o = fast_options();
  o.read_integrations = false;
  CollectResult r = run(one(), o);
  const Region& region = r.estate.accounts[0].regions.at(0);
  EXPECT_FALSE(region.scan.calls.contains("GetResources"));
  EXPECT_FALSE(region.rest_apis[0].resources_known);
}

TEST_F(CollectorTest, ProgressReportsEveryRegion) {
  std::vector<CollectProgress> seen;
  CollectorDeps deps;
  deps.transport = &transport;
  deps.sleeper = &sleeper;
  deps.clock = &clock;
  deps.signer = &signer;
  deps.endpoint = testing::fake_endpoints();
  deps.credentials = [](const std::string&) -> Result<std::shared_ptr<aws::CredentialsProvider>> {
    return std::shared_ptr<aws::CredentialsProvider>(std::make_shared<StaticCredentials>("k"));
  };
  deps.progress = [&seen](const CollectProgress& p) { seen.push_back(p); };
  TargetSpec t = one();
  t.regions = {"us-east-1", "us-east-2", "us-west-2"};
  Collector collector(std::move(deps), fast_options());
  Result<CollectResult> r = run_sync(collector.collect(t));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.back().done, 3u);
  EXPECT_EQ(seen.back().total, 3u);
  EXPECT_EQ(seen.back().calls, 24u);
}

// --debug is a timeline: each phase and each account-region's start and end, with how
// long it took, what it read and how it ended (a denied region says "failed").
TEST_F(CollectorTest, DebugLogIsATimelineOfEveryRegion) {
  std::vector<std::string> lines;
  debug = [&lines](std::string_view message) {
    if (message.find("scan") != std::string_view::npos &&
        message.find("request") == std::string_view::npos &&
        message.find("response") == std::string_view::npos) {
      lines.emplace_back(message);
    }
  };
  per_request = std::chrono::milliseconds{100};
  world.denied_regions = {"eu-west-1"};
  TargetSpec t = one();
  t.regions = {"us-east-1", "eu-west-1"};
  run(t);
  ASSERT_EQ(lines.size(), 7u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], "certguard debug: scan: 1 accounts to scan (0.000 s)\n");
  EXPECT_EQ(lines[1],
            "certguard debug: scan: credentials and regions ready for every account (0.000 s)\n");
  // The fake answers at once, so the regions run one after the other; each request moves
  // the clock 100 ms: us-east-1 makes 8 calls, eu-west-1 is denied on its first.
  EXPECT_EQ(lines[2], "certguard debug: 111111111111 us-east-1: region scan started (1 of 2)\n");
  EXPECT_EQ(
      lines[3],
      "certguard debug: 111111111111 us-east-1: region scan finished in 0.800 s: 2 REST APIs, "
      "8 calls, 0 throttled (1 of 2 regions done)\n");
  EXPECT_EQ(lines[4], "certguard debug: 111111111111 eu-west-1: region scan started (2 of 2)\n");
  EXPECT_EQ(lines[5],
            "certguard debug: 111111111111 eu-west-1: region scan failed in 0.100 s: 0 REST APIs, "
            "1 calls, 0 throttled (2 of 2 regions done)\n");
  EXPECT_EQ(lines[6], "certguard debug: scan: 2 account-regions scanned (0.900 s)\n");
}

}  // namespace
}  // namespace certguard::inventory
