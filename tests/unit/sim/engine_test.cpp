// The engine's pipeline: authentication failures in AWS's terms, regional state,
// quotas, faults, latency, the virtual clock and the admin API.

#include "sim/core/engine.h"

#include <gtest/gtest.h>

#include "certguard/inventory/estate/estate_json.h"
#include "sim_test_util.h"

namespace certguard::sim {
namespace {

using testing::error_code;
using testing::Harness;
using testing::kTestNow;
using testing::Signer;

RawRequest admin(const std::string& method, const std::string& path, const std::string& body = "") {
  RawRequest raw;
  raw.method = method;
  raw.target = path;
  raw.body = body;
  return raw;
}

nlohmann::json body_of(const SimResponse& r) {
  return nlohmann::json::parse(r.body);
}

TEST(Engine, MissingAuthorizationIsMissingAuthenticationToken) {
  Harness h;
  RawRequest raw = admin("GET", "/restapis");
  SimResponse r = h.engine->handle(raw);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "MissingAuthenticationTokenException");
  EXPECT_FALSE(r.header("x-amzn-RequestId").empty());
}

TEST(Engine, RequestIdsAreUuidShapedWithTheSeedAndTheRequestNumber) {
  EngineOptions options = Harness::default_options();
  options.seed = 0xC0FFEE42;
  Harness h(options);
  SimResponse first = h.engine->handle(admin("GET", "/restapis"));
  SimResponse second = h.engine->handle(admin("GET", "/restapis"));
  EXPECT_EQ(first.header("x-amzn-RequestId"), "c0ffee42-0000-4000-8000-000000000001");
  EXPECT_EQ(second.header("x-amzn-RequestId"), "c0ffee42-0000-4000-8000-000000000002");
}

TEST(Engine, UnknownKeyIsUnrecognizedClient) {
  Harness h;
  Signer stranger;
  stranger.access_key_id = "AKIAUNKNOWN";
  SimResponse r = h.call_as(stranger, "GET", "/restapis");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "UnrecognizedClientException");
  EXPECT_EQ(body_of(r)["message"], "The security token included in the request is invalid.");
}

TEST(Engine, WrongSecretIsInvalidSignature) {
  Harness h;
  Signer wrong;
  wrong.secret = "not-the-secret";
  SimResponse r = h.call_as(wrong, "GET", "/restapis");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "InvalidSignatureException");
  EXPECT_EQ(h.engine->stats().rejected_auth, 1U);
}

TEST(Engine, QueryProtocolErrorsUseXml) {
  Harness h;
  Signer wrong;
  wrong.secret = "nope";
  wrong.service = "sts";
  auto raw = testing::signed_request(h.clock, wrong, "POST", "/",
                                     "Action=GetCallerIdentity&Version=2011-06-15",
                                     "application/x-www-form-urlencoded; charset=utf-8");
  SimResponse r = h.engine->handle(raw);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("<Code>SignatureDoesNotMatch</Code>"), std::string::npos) << r.body;
}

TEST(Engine, MalformedAuthorizationIsIncompleteSignature) {
  Harness h;
  RawRequest raw = admin("GET", "/restapis");
  raw.headers.emplace_back(
      "Authorization",
      "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/apigateway/aws4_request");
  SimResponse r = h.engine->handle(raw);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "IncompleteSignatureException");
}

TEST(Engine, SignatureOlderThan15MinutesOfRealTimeIsRejected) {
  Harness h;
  auto raw = testing::signed_request(h.clock, h.signer, "GET", "/restapis");
  h.clock.advance(std::chrono::minutes(16));
  SimResponse r = h.engine->handle(raw);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "InvalidSignatureException");
  EXPECT_NE(body_of(r)["message"].get<std::string>().find("Signature expired"), std::string::npos);
}

TEST(Engine, VirtualClockDoesNotAffectSignatureChecks) {
  EngineOptions options = Harness::default_options();
  options.now = 1000000000;  // 2001: far from the real (test) time the client signs with
  Harness h(options);
  SimResponse r = h.call("POST", "/restapis", R"({"name":"a"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body_of(r)["createdDate"], 1000000000);
  // --now freezes the virtual clock: real time passing does not move it.
  h.clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(h.json("POST", "/restapis", R"({"name":"b"})")["createdDate"], 1000000000);
}

TEST(Engine, CredentialScopeRegionSelectsState) {
  Harness h;
  ASSERT_EQ(h.call("POST", "/restapis", R"({"name":"east"})").status, 201);
  Signer west = h.signer;
  west.region = "eu-west-1";
  auto r = h.call_as(west, "GET", "/restapis");
  EXPECT_EQ(body_of(r)["item"].size(), 0U);
  EXPECT_EQ(h.json("GET", "/restapis")["item"].size(), 1U);
  Signer bogus = h.signer;
  bogus.region = "nowhere";
  EXPECT_EQ(error_code(h.call_as(bogus, "GET", "/restapis")), "InvalidSignatureException");
}

TEST(Engine, DisabledRegionOfAnAccountIsRejected) {
  inventory::Estate estate = SimWorld::default_estate();
  estate.accounts[0].enabled_regions = {"us-east-1"};
  Harness h(Harness::default_options(), estate);
  Signer west = h.signer;
  west.region = "eu-west-1";
  EXPECT_EQ(error_code(h.call_as(west, "GET", "/restapis")), "UnrecognizedClientException");
  EXPECT_EQ(h.call("GET", "/restapis").status, 200);
}

TEST(Engine, TemporaryKeysNeedTheirTokenAndExpire) {
  Harness h;
  {
    auto guard = h.engine->world().lock();
    TemporaryKey key{"ASIATEMP",
                     "tempsecret",
                     "token-1",
                     "123456789012",
                     "Audit",
                     "s1",
                     h.engine->world().now() + 3600};
    h.engine->world().register_temporary_key(key);
  }
  Signer temp;
  temp.access_key_id = "ASIATEMP";
  temp.secret = "tempsecret";
  temp.session_token = "token-1";
  EXPECT_EQ(h.call_as(temp, "GET", "/restapis").status, 200);
  Signer no_token = temp;
  no_token.session_token.clear();
  EXPECT_EQ(error_code(h.call_as(no_token, "GET", "/restapis")), "UnrecognizedClientException");
  {
    auto guard = h.engine->world().lock();
    h.engine->world().advance(3601);  // the virtual clock decides expiry
  }
  EXPECT_EQ(error_code(h.call_as(temp, "GET", "/restapis")), "ExpiredTokenException");
}

TEST(Engine, QuotaBurstThen429AndStatsCountIt) {
  EngineOptions options = Harness::default_options();
  options.quotas.enabled = true;
  Harness h(options);
  auto api = h.json("POST", "/restapis", R"({"name":"q"})");
  std::string target = "/restapis/" + api["id"].get<std::string>() + "/stages";
  int ok = 0;
  int throttled = 0;
  for (int i = 0; i < 45; ++i) {
    SimResponse r = h.call("GET", target);
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++throttled;
      EXPECT_EQ(error_code(r), "TooManyRequestsException");
    }
  }
  EXPECT_EQ(ok, 39);  // 40 burst, one spent on CreateRestApi
  EXPECT_EQ(throttled, 6);
  StatsSnapshot stats = h.engine->stats();
  EXPECT_EQ(stats.throttled, 6U);
  EXPECT_EQ(stats.total, 46U);
  EXPECT_EQ(stats.by_operation["apigateway:GetStages"], 45U);
  EXPECT_EQ(stats.by_account_region["123456789012/us-east-1"], 46U);
  h.clock.advance(std::chrono::seconds(1));  // refills 10 tokens
  EXPECT_EQ(h.call("GET", target).status, 200);
}

TEST(Engine, FaultsAndLatencyApply) {
  EngineOptions options = Harness::default_options();
  options.faults = {1.0, 0.0, 0.0, 3};
  options.latency = {std::chrono::milliseconds(25), std::chrono::milliseconds(0)};
  Harness h(options);
  SimResponse r = h.call("GET", "/restapis");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(error_code(r), "ServiceUnavailableException");
  EXPECT_EQ(r.delay.count(), 25);
  // Switch to resets through the admin API.
  SimResponse set = h.engine->handle(admin("POST", "/_sim/faults", R"({"5xx":0,"reset":1})"));
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(h.call("GET", "/restapis").fault, FaultAction::kReset);
  h.engine->handle(admin("POST", "/_sim/faults", R"({"spec":"stall=1"})"));
  EXPECT_EQ(h.call("GET", "/restapis").fault, FaultAction::kStall);
  h.engine->handle(admin("POST", "/_sim/faults", R"({"spec":"none"})"));
  EXPECT_EQ(h.call("GET", "/restapis").status, 200);
  auto stats = body_of(h.engine->handle(admin("GET", "/_sim/stats")));
  EXPECT_EQ(stats["faults_injected"], 3);
}

TEST(Engine, AdminClockResetEstateAndLoopbackOnly) {
  Harness h;
  auto clock = body_of(h.engine->handle(admin("POST", "/_sim/clock", R"({"now":1500000000})")));
  EXPECT_EQ(clock["now"], 1500000000);
  clock = body_of(h.engine->handle(admin("POST", "/_sim/clock", R"({"advance_seconds":86400})")));
  EXPECT_EQ(clock["now"], 1500086400);
  EXPECT_EQ(h.engine->handle(admin("POST", "/_sim/clock", R"({"bogus":1})")).status, 400);
  EXPECT_EQ(h.json("POST", "/restapis", R"({"name":"x"})")["createdDate"], 1500086400);

  // The estate dump is the shared estate format and loads back.
  SimResponse dump = h.engine->handle(admin("GET", "/_sim/estate"));
  ASSERT_EQ(dump.status, 200);
  auto estate = inventory::parse_estate(dump.body, "dump");
  ASSERT_TRUE(estate.ok()) << estate.error().describe();
  ASSERT_EQ(estate->accounts.size(), 1U);
  ASSERT_EQ(estate->accounts[0].regions.size(), 1U);
  EXPECT_EQ(estate->accounts[0].regions[0].rest_apis.size(), 1U);

  EXPECT_EQ(h.engine->handle(admin("POST", "/_sim/reset")).status, 200);
  EXPECT_EQ(h.json("GET", "/restapis")["item"].size(), 0U);
  EXPECT_EQ(h.engine->handle(admin("PUT", "/_sim/estate", dump.body)).status, 200);
  EXPECT_EQ(h.json("GET", "/restapis")["item"].size(), 1U);
  EXPECT_EQ(h.engine->handle(admin("PUT", "/_sim/estate", "{not json")).status, 400);

  RawRequest remote = admin("GET", "/_sim/stats");
  remote.from_loopback = false;
  EXPECT_EQ(h.engine->handle(remote).status, 403);
  EXPECT_EQ(h.engine->handle(admin("GET", "/_sim/nothing")).status, 404);
}

}  // namespace
}  // namespace certguard::sim
