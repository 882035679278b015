// The issue's remaining gaps: PutMethod's authorization settings kept and returned,
// CreateDomainName's ACM status check, and presigned URLs (query-string SigV4).

#include <gtest/gtest.h>

#include "certguard/aws/sigv4/signer.h"
#include "certguard/inventory/estate/estate_json.h"
#include "sim_test_util.h"

namespace certguard::sim {
namespace {

using testing::error_code;
using testing::Harness;

std::string message_of(const SimResponse& r) {
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  return body.is_object() && body.contains("message") ? body["message"].get<std::string>() : "";
}

struct ApiWithRoot {
  std::string id;
  std::string root;
};

ApiWithRoot new_api(Harness& h) {
  auto r = h.call("POST", "/restapis", R"({"name":"gaps"})");
  EXPECT_EQ(r.status, 201) << r.body;
  ApiWithRoot out;
  out.id = nlohmann::json::parse(r.body)["id"];
  out.root = h.json("GET", "/restapis/" + out.id)["rootResourceId"];
  return out;
}

TEST(SimGaps, PutMethodKeepsAuthorizationTypeAndApiKeyRequired) {
  Harness h;
  ApiWithRoot api = new_api(h);
  const std::string base = "/restapis/" + api.id + "/resources/" + api.root + "/methods/";
  auto put =
      h.call("PUT", base + "POST", R"({"authorizationType":"AWS_IAM","apiKeyRequired":true})");
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(nlohmann::json::parse(put.body)["authorizationType"], "AWS_IAM");
  ASSERT_EQ(h.call("PUT", base + "GET", R"({"authorizationType":"NONE"})").status, 201);

  auto resources = h.json("GET", "/restapis/" + api.id + "/resources?embed=methods");
  ASSERT_EQ(resources["item"].size(), 1U);
  const auto& methods = resources["item"][0]["resourceMethods"];
  EXPECT_EQ(methods["POST"]["authorizationType"], "AWS_IAM");
  EXPECT_EQ(methods["POST"]["apiKeyRequired"], true);
  EXPECT_EQ(methods["GET"]["authorizationType"], "NONE");
  EXPECT_EQ(methods["GET"]["apiKeyRequired"], false);

  auto get = h.call("GET", base + "POST");
  ASSERT_EQ(get.status, 200) << get.body;
  auto method = nlohmann::json::parse(get.body);
  EXPECT_EQ(method["httpMethod"], "POST");
  EXPECT_EQ(method["authorizationType"], "AWS_IAM");
  EXPECT_EQ(method["apiKeyRequired"], true);
  EXPECT_EQ(error_code(h.call("GET", base + "PATCH")), "NotFoundException");
}

RawRequest admin_request(const std::string& method, const std::string& path,
                         const std::string& body = "") {
  RawRequest raw;
  raw.method = method;
  raw.target = path;
  raw.body = body;
  return raw;
}

// The settings live in the estate: a dump keeps them and a fresh sim loaded from it answers
// them, as a real estate replayed here must.
TEST(SimGaps, MethodAuthorizationSurvivesEstateDumpAndLoad) {
  Harness h;
  ApiWithRoot api = new_api(h);
  const std::string base = "/restapis/" + api.id + "/resources/" + api.root + "/methods/";
  ASSERT_EQ(h.call("PUT", base + "POST", R"({"authorizationType":"AWS_IAM","apiKeyRequired":true})")
                .status,
            201);
  ASSERT_EQ(h.call("PUT", base + "GET", R"({"authorizationType":"CUSTOM","authorizerId":"au7h01"})")
                .status,
            201);

  SimResponse dump = h.engine->handle(admin_request("GET", "/_sim/estate"));
  ASSERT_EQ(dump.status, 200) << dump.body;
  auto estate = inventory::parse_estate(dump.body, "dump");
  ASSERT_TRUE(estate.ok()) << estate.error().describe();
  const auto& methods = estate->accounts[0].regions[0].rest_apis[0].resources[0].methods;
  ASSERT_EQ(methods.size(), 2U);
  for (const auto& m : methods) {
    if (m.http_method == "POST") {
      EXPECT_EQ(m.authorization_type, "AWS_IAM");
      EXPECT_TRUE(m.api_key_required);
    } else {
      EXPECT_EQ(m.authorization_type, "CUSTOM");
      EXPECT_EQ(m.authorizer_id, "au7h01");
      EXPECT_FALSE(m.api_key_required);
    }
  }

  Harness fresh;
  ASSERT_EQ(fresh.engine->handle(admin_request("PUT", "/_sim/estate", dump.body)).status, 200);
  auto resources = fresh.json("GET", "/restapis/" + api.id + "/resources?embed=methods");
  ASSERT_EQ(resources["item"].size(), 1U) << resources.dump();
  const auto& wire = resources["item"][0]["resourceMethods"];
  EXPECT_EQ(wire["POST"]["authorizationType"], "AWS_IAM");
  EXPECT_EQ(wire["POST"]["apiKeyRequired"], true);
  EXPECT_FALSE(wire["POST"].contains("authorizerId"));
  EXPECT_EQ(wire["GET"]["authorizationType"], "CUSTOM");
  EXPECT_EQ(wire["GET"]["authorizerId"], "au7h01");
  EXPECT_EQ(wire["GET"]["apiKeyRequired"], false);
  auto get = fresh.json("GET", base + "POST");
  EXPECT_EQ(get["authorizationType"], "AWS_IAM");
  EXPECT_EQ(get["apiKeyRequired"], true);
}

// A method from an estate that does not record its settings answers NONE (AWS always sends
// authorizationType), and GetMethod agrees with GetResources.
TEST(SimGaps, MethodWithUnknownAuthorizationAnswersNone) {
  inventory::Estate estate = SimWorld::default_estate();
  inventory::Region region;
  region.name = "us-east-1";
  inventory::RestApi rest_api;
  rest_api.id = "oldapi0001";
  rest_api.name = "old";
  rest_api.resources.push_back({"root01", "", "/", {{"GET", "HTTP", "https://b.example/", ""}}});
  region.rest_apis.push_back(rest_api);
  estate.accounts[0].regions.push_back(region);
  Harness h(Harness::default_options(), estate);
  auto resources = h.json("GET", "/restapis/oldapi0001/resources?embed=methods");
  ASSERT_EQ(resources["item"].size(), 1U) << resources.dump();
  const auto& get = resources["item"][0]["resourceMethods"]["GET"];
  EXPECT_EQ(get["authorizationType"], "NONE");
  EXPECT_EQ(get["apiKeyRequired"], false);
  EXPECT_EQ(h.json("GET", "/restapis/oldapi0001/resources/root01/methods/GET")["authorizationType"],
            "NONE");
}

TEST(SimGaps, PutMethodRejectsBadAuthorizationSettings) {
  Harness h;
  ApiWithRoot api = new_api(h);
  const std::string base = "/restapis/" + api.id + "/resources/" + api.root + "/methods/";
  auto bad = h.call("PUT", base + "GET", R"({"authorizationType":"MAGIC"})");
  EXPECT_EQ(error_code(bad), "BadRequestException");
  EXPECT_NE(message_of(bad).find("Invalid authorization type"), std::string::npos);
  EXPECT_EQ(error_code(h.call("PUT", base + "GET", R"({"authorizationType":"CUSTOM"})")),
            "BadRequestException");
  auto custom =
      h.call("PUT", base + "GET", R"({"authorizationType":"CUSTOM","authorizerId":"abc123"})");
  ASSERT_EQ(custom.status, 201) << custom.body;
  EXPECT_EQ(h.json("GET", base + "GET")["authorizerId"], "abc123");
}

// An ACM certificate in eu-west-1 of the default account, in `status`.
std::string add_acm(Harness& h, const std::string& id, const std::string& status) {
  std::string arn = "arn:aws:acm:eu-west-1:123456789012:certificate/" + id;
  auto guard = h.engine->world().lock();
  inventory::AcmCertificate cert;
  cert.arn = arn;
  cert.domain_name = "api.example.com";
  cert.status = status;
  cert.type = "AMAZON_ISSUED";
  h.engine->world().region("123456789012", "eu-west-1")->acm_certificates.push_back(cert);
  return arn;
}

SimResponse create_regional_domain(Harness& h, const std::string& name, const std::string& arn) {
  testing::Signer west = h.signer;
  west.region = "eu-west-1";
  return h.call_as(west, "POST", "/domainnames",
                   R"({"domainName":")" + name + R"(","regionalCertificateArn":")" + arn +
                       R"(","endpointConfiguration":{"types":["REGIONAL"]}})");
}

TEST(SimGaps, CreateDomainNameNeedsAnIssuedCertificate) {
  Harness h;
  const std::string pending = add_acm(h, "pending-1", "PENDING_VALIDATION");
  const std::string expired = add_acm(h, "expired-1", "EXPIRED");
  const std::string issued = add_acm(h, "issued-1", "ISSUED");

  auto unknown = create_regional_domain(
      h, "a.example.com", "arn:aws:acm:eu-west-1:123456789012:certificate/does-not-exist");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(error_code(unknown), "BadRequestException");
  EXPECT_NE(message_of(unknown).find("Invalid certificate ARN"), std::string::npos);

  auto not_issued = create_regional_domain(h, "b.example.com", pending);
  EXPECT_EQ(not_issued.status, 400);
  EXPECT_EQ(error_code(not_issued), "BadRequestException");
  EXPECT_EQ(message_of(not_issued),
            "Certificate " + pending + " in account 123456789012 not yet issued");
  EXPECT_EQ(error_code(create_regional_domain(h, "c.example.com", expired)), "BadRequestException");

  EXPECT_EQ(create_regional_domain(h, "d.example.com", issued).status, 201);
}

// A GET presigned with certguard's own signer (aws/sigv4 presign_query), as a RawRequest.
RawRequest presigned_get(const Harness& h, const std::string& path, std::chrono::seconds expires,
                         const std::string& secret = "testing") {
  aws::sigv4::SignableRequest req;
  req.method = "GET";
  req.path = path;
  req.headers.emplace_back("Host", "127.0.0.1:4566");
  aws::sigv4::SigningParams params;
  params.access_key_id = "testing";
  params.secret_access_key = secret;
  params.region = "us-east-1";
  params.service = "apigateway";
  params.time = h.clock.now();
  aws::sigv4::presign_query(req, params, expires);
  RawRequest raw;
  raw.method = "GET";
  raw.target = path + "?" + req.query;
  raw.headers = req.headers;
  return raw;
}

TEST(SimGaps, PresignedUrlIsAccepted) {
  Harness h;
  new_api(h);
  RawRequest raw = presigned_get(h, "/restapis", std::chrono::seconds(300));
  EXPECT_NE(raw.target.find("X-Amz-Signature="), std::string::npos);
  SimResponse r = h.engine->handle(raw);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["item"].size(), 1U);
}

TEST(SimGaps, PresignedUrlExpiresOnTheRealClock) {
  Harness h;
  RawRequest raw = presigned_get(h, "/restapis", std::chrono::seconds(60));
  h.clock.advance(std::chrono::seconds(59));
  EXPECT_EQ(h.engine->handle(raw).status, 200);
  h.clock.advance(std::chrono::seconds(2));
  SimResponse late = h.engine->handle(raw);
  EXPECT_EQ(late.status, 403);
  EXPECT_EQ(error_code(late), "InvalidSignatureException");
  EXPECT_NE(message_of(late).find("Signature expired"), std::string::npos);
}

TEST(SimGaps, PresignedUrlRejectsTamperingAndWrongSecrets) {
  Harness h;
  RawRequest wrong = presigned_get(h, "/restapis", std::chrono::seconds(60), "not-the-secret");
  EXPECT_EQ(error_code(h.engine->handle(wrong)), "InvalidSignatureException");

  RawRequest tampered = presigned_get(h, "/restapis", std::chrono::seconds(60));
  tampered.target.replace(tampered.target.find("X-Amz-Expires=60"), 16, "X-Amz-Expires=99");
  EXPECT_EQ(error_code(h.engine->handle(tampered)), "InvalidSignatureException");

  RawRequest week = presigned_get(h, "/restapis", std::chrono::seconds(604801));
  SimResponse too_long = h.engine->handle(week);
  EXPECT_EQ(error_code(too_long), "IncompleteSignatureException");
  EXPECT_NE(message_of(too_long).find("604800"), std::string::npos);

  RawRequest missing = presigned_get(h, "/restapis", std::chrono::seconds(60));
  std::size_t at = missing.target.find("&X-Amz-Credential=");
  std::size_t end = missing.target.find('&', at + 1);
  missing.target.erase(at, end - at);
  EXPECT_EQ(error_code(h.engine->handle(missing)), "IncompleteSignatureException");
}

}  // namespace
}  // namespace certguard::sim
