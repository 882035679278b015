#include "certguard/aws/client/aws_client.h"

#include <gtest/gtest.h>

#include "certguard/aws/client/redact.h"
#include "certguard/aws/client/uri_encode.h"
#include "certguard/aws/protocol/error_parse.h"
#include "fakes.h"

namespace certguard::testing {
namespace {

aws::Operation get_op(std::string path = "/restapis") {
  aws::Operation op;
  op.name = "GetRestApis";
  op.path = std::move(path);
  op.resource = "arn:aws:apigateway:us-east-1::/restapis";
  return op;
}

// Retries every retryable failure up to `max` attempts with a fixed delay.
class FixedRetry final : public aws::RetryPolicy {
 public:
  explicit FixedRetry(int max) : max_(max) {}
  std::optional<std::chrono::nanoseconds> on_failure(const Error& e, int attempt) override {
    failures.push_back(e.kind);
    bool retryable = e.kind == ErrorKind::kThrottled || e.kind == ErrorKind::kTransient ||
                     e.kind == ErrorKind::kNetwork;
    if (!retryable || attempt >= max_) return std::nullopt;
    return std::chrono::milliseconds(100 * attempt);
  }
  void on_success(int attempt) override { success_attempt = attempt; }
  std::vector<ErrorKind> failures;
  int success_attempt = 0;

 private:
  int max_;
};

class CountingLimiter final : public aws::CallLimiter {
 public:
  Task<void> acquire(std::string_view /*operation*/) override {
    ++acquired;
    return nothing();
  }
  void on_response(bool throttled) override { throttles += throttled ? 1 : 0; }
  int acquired = 0;
  int throttles = 0;

 private:
  static Task<void> nothing() { co_return; }
};

TEST(AwsClient, KeepsEndpointPathPrefixAndPort) {
  ClientRig rig(apigateway_config("us-east-1", "http://127.0.0.1:18765/pfx/"));
  rig.transport.reply(200, "{}");
  aws::Operation op = get_op("/clientcertificates/abc");
  op.query = {{"limit", "5"}};
  auto r = run_sync(rig.client->call(op));
  ASSERT_TRUE(r.ok());
  const auto& req = rig.transport.requests.at(0);
  EXPECT_EQ(req.url, "http://127.0.0.1:18765/pfx/clientcertificates/abc?limit=5");
  EXPECT_EQ(req.header("Host"), "127.0.0.1:18765");
  EXPECT_EQ(req.header("Accept"), "application/json");
  EXPECT_EQ(req.header("Content-Type"), "");  // GET without body
  EXPECT_NE(req.header("Authorization").find("/us-east-1/apigateway/aws4_request"),
            std::string_view::npos);
}

TEST(AwsClient, DefaultPortIsNotInHost) {
  EXPECT_EQ(aws::split_endpoint_url("https://h.example:443").host_header, "h.example");
  EXPECT_EQ(aws::split_endpoint_url("http://h.example:80/x").host_header, "h.example");
  EXPECT_EQ(aws::split_endpoint_url("http://h.example:80/x").path_prefix, "/x");
  EXPECT_EQ(aws::split_endpoint_url("http://h:8080").host_header, "h:8080");
}

TEST(AwsClient, NonSuccessBecomesErrorWithOperationResourceAndRequestId) {
  ClientRig rig(apigateway_config());
  rig.transport.reply(404, R"({"message":"Invalid stage identifier specified"})",
                      {{"x-amzn-ErrorType", "NotFoundException:http://internal.amazon.com/coral/"},
                       {"x-amzn-RequestId", "req-7"}});
  auto op = get_op();
  auto r = run_sync(rig.client->call(op));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(r.error().aws_code, "NotFoundException");
  EXPECT_EQ(r.error().http_status, 404);
  EXPECT_EQ(r.error().request_id, "req-7");
  EXPECT_EQ(r.error().operation, "GetRestApis");
  EXPECT_EQ(r.error().resource, "arn:aws:apigateway:us-east-1::/restapis");
  EXPECT_EQ(rig.client->stats().get("GetRestApis").failures, 1U);
}

TEST(AwsClient, RetriesThrottlingResigningEachAttemptAndCounts) {
  FixedRetry retry(3);
  CountingLimiter limiter;
  aws::ClientDeps extra;
  extra.retry = &retry;
  extra.limiter = &limiter;
  ClientRig rig(apigateway_config(), extra);
  rig.transport.reply(429, R"({"message":"Too Many Requests"})",
                      {{"x-amzn-ErrorType", "TooManyRequestsException"}});
  rig.transport.reply(503, R"({"message":"busy"})");
  rig.transport.reply(200, R"({"item":[]})");
  auto op = get_op();
  // Move the clock between attempts so each signature differs.
  auto r = run_sync(rig.client->call(op));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  ASSERT_EQ(rig.transport.requests.size(), 3U);
  EXPECT_EQ(rig.sleeper.sleeps.size(), 2U);
  EXPECT_EQ(rig.sleeper.sleeps[0], std::chrono::milliseconds(100));
  EXPECT_EQ(retry.failures, (std::vector<ErrorKind>{ErrorKind::kThrottled, ErrorKind::kTransient}));
  EXPECT_EQ(retry.success_attempt, 3);
  EXPECT_EQ(limiter.acquired, 3);
  EXPECT_EQ(limiter.throttles, 1);
  auto stats = rig.client->stats().get("GetRestApis");
  EXPECT_EQ(stats.calls, 1U);
  EXPECT_EQ(stats.attempts, 3U);
  EXPECT_EQ(stats.throttles, 1U);
  EXPECT_EQ(stats.failures, 0U);
  for (const auto& req : rig.transport.requests) {
    EXPECT_FALSE(req.header("Authorization").empty());
    EXPECT_FALSE(req.header("X-Amz-Date").empty());
  }
}

TEST(AwsClient, NonRetryableErrorStopsAtOnce) {
  FixedRetry retry(5);
  aws::ClientDeps extra;
  extra.retry = &retry;
  ClientRig rig(apigateway_config(), extra);
  rig.transport.reply(400, R"({"message":"bad"})", {{"x-amzn-ErrorType", "BadRequestException"}});
  auto op = get_op();
  auto r = run_sync(rig.client->call(op));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(rig.transport.requests.size(), 1U);
}

TEST(AwsClient, NetworkFailureCarriesContext) {
  ClientRig rig(apigateway_config());
  rig.transport.fail(ErrorKind::kNetwork, "connection refused");
  auto op = get_op();
  auto r = run_sync(rig.client->call(op));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_EQ(r.error().operation, "GetRestApis");
}

TEST(AwsClient, Json11AlwaysSendsABodyAndContentType) {
  aws::ClientConfig config;
  config.endpoint_url = "https://acm.us-east-1.amazonaws.com";
  config.signing_region = "us-east-1";
  config.signing_name = "acm";
  ClientRig rig(config);
  rig.transport.reply(200, "{}");
  aws::Operation op;
  op.name = "ListCertificates";
  op.protocol = aws::Protocol::kJson11;
  op.method = "POST";
  op.headers = {{"X-Amz-Target", "CertificateManager.ListCertificates"}};
  auto r = run_sync(rig.client->call(op));
  ASSERT_TRUE(r.ok());
  const auto& req = rig.transport.requests.at(0);
  EXPECT_EQ(req.body, "{}");
  EXPECT_EQ(req.header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(req.header("Accept"), "");
}

TEST(ErrorMapping, Json11TypeWithNamespaceAndCapitalMessage) {
  aws::HttpResponse r;
  r.status = 400;
  r.body = R"({"__type":"com.amazonaws.organizations#AWSOrganizationsNotInUseException",)"
           R"("Message":"not in an organization"})";
  Error e = aws::protocol::parse_error_response(r);
  EXPECT_EQ(e.aws_code, "AWSOrganizationsNotInUseException");
  EXPECT_NE(e.message.find("not in an organization"), std::string::npos);
  EXPECT_EQ(e.kind, ErrorKind::kAccessDenied);
}

TEST(ErrorMapping, QueryXmlError) {
  aws::HttpResponse r;
  r.status = 403;
  r.body =
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</"
      "Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request "
      "is invalid.</Message></Error><RequestId>abc-1</RequestId></ErrorResponse>";
  Error e = aws::protocol::parse_error_response(r);
  EXPECT_EQ(e.aws_code, "InvalidClientTokenId");
  EXPECT_EQ(e.kind, ErrorKind::kCredentials);
  EXPECT_EQ(e.request_id, "abc-1");
}

TEST(ErrorMapping, Ec2XmlErrorAndGarbage) {
  aws::HttpResponse r;
  r.status = 503;
  r.body =
      "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message>"
      "</Error></Errors><RequestID>e-1</RequestID></Response>";
  Error e = aws::protocol::parse_error_response(r);
  EXPECT_EQ(e.aws_code, "RequestLimitExceeded");
  EXPECT_EQ(e.kind, ErrorKind::kThrottled);
  EXPECT_EQ(e.request_id, "e-1");
  r.body = "<html>oops";
  r.status = 502;
  e = aws::protocol::parse_error_response(r);
  EXPECT_EQ(e.kind, ErrorKind::kTransient);
  EXPECT_EQ(e.http_status, 502);
}

TEST(Redaction, HeadersKeepScopeButNotSignatureOrToken) {
  std::string auth =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/apigateway/aws4_request, "
      "SignedHeaders=accept;host;x-amz-date, Signature=c2c76e143c2ad7f30741d0105b204edd";
  std::string shown = aws::redact_header("authorization", auth);
  EXPECT_EQ(shown.find("c2c76e"), std::string::npos);
  EXPECT_NE(shown.find("Credential=AKIDEXAMPLE/20150830"), std::string::npos);
  EXPECT_NE(shown.find("Signature=REDACTED"), std::string::npos);
  EXPECT_EQ(aws::redact_header("X-Amz-Security-Token", "FwoGZXIvYXdzE"), "REDACTED");
  EXPECT_EQ(aws::redact_header("Accept", "application/json"), "application/json");
}

TEST(Redaction, AssumeRoleXmlJsonAndFormBodies) {
  std::string xml =
      "<AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>"
      "<SecretAccessKey>wJalrXUtnFEMI/K7MDENG</SecretAccessKey><SessionToken>FwoGZXIvYXdz"
      "</SessionToken><Expiration>2026-11-22T12:39:04Z</Expiration></Credentials>"
      "</AssumeRoleResult>";
  std::string shown = aws::redact_body(xml);
  EXPECT_EQ(shown.find("wJalrXUtnFEMI"), std::string::npos);
  EXPECT_EQ(shown.find("FwoGZXIvYXdz"), std::string::npos);
  EXPECT_NE(shown.find("ASIAEXAMPLE"), std::string::npos);  // key ids are not secret
  EXPECT_NE(shown.find("<Expiration>2026-11-22T12:39:04Z</Expiration>"), std::string::npos);

  std::string json =
      R"({"AccessKeyId": "ASIA1", "SecretAccessKey" : "s3cr\"et", "SessionToken":"tok", "Token": "t2"})";
  shown = aws::redact_body(json);
  EXPECT_EQ(shown.find("s3cr"), std::string::npos);
  EXPECT_EQ(shown.find("tok"), std::string::npos);
  EXPECT_EQ(shown.find("t2"), std::string::npos);
  EXPECT_NE(shown.find("ASIA1"), std::string::npos);

  std::string form = "Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJhbGci&Version=2011";
  shown = aws::redact_body(form);
  EXPECT_EQ(shown.find("eyJhbGci"), std::string::npos);
  EXPECT_NE(shown.find("Version=2011"), std::string::npos);
}

TEST(Redaction, DebugLogOfARealCallHasNoSecrets) {
  std::string log;
  aws::ClientDeps extra;
  extra.debug = [&log](std::string_view s) { log += s; };
  ClientRig rig(apigateway_config(), extra, example_credentials("SESSIONTOKENSECRET"));
  rig.transport.reply(200,
                      "<AssumeRoleResponse><AssumeRoleResult><Credentials><SecretAccessKey>"
                      "RESPONSESECRET</SecretAccessKey><SessionToken>RESPONSETOKEN</SessionToken>"
                      "</Credentials></AssumeRoleResult></AssumeRoleResponse>");
  auto op = get_op();
  auto r = run_sync(rig.client->call(op));
  ASSERT_TRUE(r.ok());
  std::string signature(rig.transport.requests.at(0).header("Authorization"));
  signature = signature.substr(signature.find("Signature=") + 10);
  ASSERT_FALSE(signature.empty());
  EXPECT_EQ(log.find(signature), std::string::npos);
  EXPECT_EQ(log.find("SESSIONTOKENSECRET"), std::string::npos);
  EXPECT_EQ(log.find("RESPONSESECRET"), std::string::npos);
  EXPECT_EQ(log.find("RESPONSETOKEN"), std::string::npos);
  EXPECT_EQ(log.find("wJalrXUtnFEMI"), std::string::npos);
  EXPECT_NE(log.find("GET https://apigateway.us-east-1.amazonaws.com/restapis"), std::string::npos);
  EXPECT_NE(log.find("HTTP 200"), std::string::npos);
}

TEST(UriEncode, EncodesEverythingButUnreserved) {
  EXPECT_EQ(aws::percent_encode("arn:aws:x::/a b~._-"), "arn%3Aaws%3Ax%3A%3A%2Fa%20b~._-");
  EXPECT_EQ(aws::encode_query({{"embed", "methods"}, {"embed", "x y"}}),
            "embed=methods&embed=x%20y");
}

}  // namespace
}  // namespace certguard::testing
