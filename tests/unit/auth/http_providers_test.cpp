// Container, IMDS and STS providers against HTTP servers on 127.0.0.1 (sim/http), sent with
// the real CurlEventLoop.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "certguard/aws/auth/assume_role_provider.h"
#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/container_provider.h"
#include "certguard/aws/auth/imds_provider.h"
#include "certguard/aws/auth/static_provider.h"
#include "certguard/aws/auth/web_identity_provider.h"
#include "certguard/aws/http/curl_event_loop.h"
#include "sim/http/server.h"
#include "temp_dir.h"

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;
using sim::Fault;
using sim::HttpServer;
using sim::Responder;
using sim::ServerRequest;
using sim::ServerResponse;

// A server whose answers come from a function; records requests.
class FakeServer {
 public:
  using Fn = std::function<ServerResponse(const ServerRequest&)>;
  explicit FakeServer(Fn fn) : fn_(std::move(fn)) {
    auto r = HttpServer::start({}, [this](ServerRequest req, const Responder& resp) {
      ServerResponse out = fn_(req);
      {
        std::lock_guard lock(mu_);
        seen_.push_back(std::move(req));
      }
      resp.respond(std::move(out));
    });
    if (!r.ok()) throw std::runtime_error(r.error().describe());
    server_ = std::move(r).value();
  }
  [[nodiscard]] std::string url() const { return server_->base_url(); }
  std::vector<ServerRequest> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  Fn fn_;
  std::mutex mu_;
  std::vector<ServerRequest> seen_;
  std::unique_ptr<HttpServer> server_;
};

ServerResponse respond(int status, std::string body) {
  ServerResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

CurlOptions no_proxy() {
  CurlOptions o;
  o.proxy = ProxyConfig{};  // never route 127.0.0.1 through a proxy from the environment
  return o;
}

constexpr const char* kCredsJson =
    R"({"AccessKeyId":"ASIACONT","SecretAccessKey":"S","Token":"TOK",)"
    R"("Expiration":"2099-01-01T00:00:00Z","AccountId":"123456789012"})";

// ---- container ----

TEST(ContainerUrl, RelativeAndFullUriRules) {
  auto rel = container_credentials_url(
      Environment{{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"}});
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(**rel, "http://169.254.170.2/v2/creds");
  for (const char* ok :
       {"https://creds.example.com/x", "http://127.0.0.1:9/x", "http://127.1.2.3/x",
        "http://localhost:8080/x", "http://169.254.170.2/x", "http://169.254.170.23/x",
        "http://[fd00:ec2::23]/x", "http://[::1]:5/x"}) {
    auto r = container_credentials_url(Environment{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", ok}});
    ASSERT_TRUE(r.ok()) << ok;
    EXPECT_EQ(**r, ok);
  }
  for (const char* bad : {"http://example.com/x", "http://169.254.169.254/x", "http://10.0.0.1/x",
                          "http://127.0.0.1.evil.com/x", "ftp://127.0.0.1/x"}) {
    auto r = container_credentials_url(Environment{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
  }
  auto none = container_credentials_url(Environment{});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(ContainerProvider, FetchesWithAuthorizationFromFile) {
  FakeServer server([](const ServerRequest& req) {
    if (req.header("Authorization") != "file-token") return respond(401, "no");
    return respond(200, kCredsJson);
  });
  testing::TempDir dir;
  std::string token_file = dir.write("token", "file-token\n");
  CurlEventLoop loop(no_proxy());
  ContainerProvider p(Environment{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/creds"},
                                  {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file},
                                  {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token"}},
                      loop);
  auto r = loop.run(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "ASIACONT");
  EXPECT_EQ(r->session_token, "TOK");
  EXPECT_EQ(r->account_id, "123456789012");
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, "/creds");
}

TEST(ContainerProvider, TokenFromEnvironmentAndErrorStatus) {
  FakeServer server([](const ServerRequest& req) {
    if (req.header("Authorization") != "env-token") return respond(403, "forbidden");
    return respond(200, kCredsJson);
  });
  CurlEventLoop loop(no_proxy());
  ContainerProvider ok(Environment{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/c"},
                                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token"}},
                       loop);
  ASSERT_TRUE(loop.run(ok.get()).ok());
  ContainerProvider denied(Environment{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/c"},
                                       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"}},
                           loop);
  auto r = loop.run(denied.get());
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(is_no_credentials(r.error()));
  EXPECT_EQ(r.error().http_status, 403);
}

TEST(ContainerProvider, StalledServerFailsWithinTimeout) {
  FakeServer server([](const ServerRequest&) {
    ServerResponse r;
    r.fault = Fault::kStall;
    return r;
  });
  CurlEventLoop loop(no_proxy());
  ContainerProvider p(Environment{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/c"}},
                      loop, ContainerOptions{300ms, 2});
  auto start = std::chrono::steady_clock::now();
  auto r = loop.run(p.get());
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTimeout) << r.error().describe();
  EXPECT_LT(elapsed, 2s);
  EXPECT_NE(r.error().message.find("2 attempt"), std::string::npos) << r.error().message;
}

// ---- IMDS ----

class ImdsServer {
 public:
  explicit ImdsServer(int token_status = 200, bool stall = false)
      : server_([token_status, stall](const ServerRequest& req) {
          if (stall) {
            ServerResponse r;
            r.fault = Fault::kStall;
            return r;
          }
          if (req.method == "PUT" && req.target == "/latest/api/token") {
            if (req.header("X-aws-ec2-metadata-token-ttl-seconds") != "21600") {
              return respond(400, "missing ttl");
            }
            return respond(token_status, token_status == 200 ? "TOKEN123" : "");
          }
          bool v2 = req.header("X-aws-ec2-metadata-token") == "TOKEN123";
          if (token_status == 200 && !v2) return respond(401, "");
          if (req.target == "/latest/meta-data/iam/security-credentials/") {
            return respond(200, "my-role\n");
          }
          if (req.target == "/latest/meta-data/iam/security-credentials/my-role") {
            return respond(
                200, R"({"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAIMDS",)"
                     R"("SecretAccessKey":"S","Token":"T","Expiration":"2099-01-01T00:00:00Z"})");
          }
          return respond(404, "");
        }) {}
  FakeServer& server() { return server_; }
  Environment env() const {
    return Environment{{"AWS_EC2_METADATA_SERVICE_ENDPOINT", server_.url() + "/"}};
  }

 private:
  FakeServer server_;
};

TEST(ImdsProvider, V2Flow) {
  ImdsServer imds;
  CurlEventLoop loop(no_proxy());
  ImdsProvider p(imds.env(), loop);
  EXPECT_EQ(p.base_url(), imds.server().url());
  auto r = loop.run(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "ASIAIMDS");
  EXPECT_EQ(r->provider, "instance metadata (role my-role)");
  auto seen = imds.server().seen();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[2].header("X-aws-ec2-metadata-token"), "TOKEN123");
}

TEST(ImdsProvider, FallsBackToV1On405UnlessDisabled) {
  ImdsServer imds(405);
  CurlEventLoop loop(no_proxy());
  ImdsProvider p(imds.env(), loop);
  auto r = loop.run(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "ASIAIMDS");

  Environment env = imds.env();
  env.set("AWS_EC2_METADATA_V1_DISABLED", "true");
  ImdsProvider strict(env, loop);
  auto s = loop.run(strict.get());
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(is_no_credentials(s.error()));
  EXPECT_NE(s.error().message.find("AWS_EC2_METADATA_V1_DISABLED"), std::string::npos);
}

TEST(ImdsProvider, DisabledMakesNoRequest) {
  ImdsServer imds;
  CurlEventLoop loop(no_proxy());
  Environment env = imds.env();
  env.set("AWS_EC2_METADATA_DISABLED", "TRUE");
  ImdsProvider p(env, loop);
  auto r = loop.run(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_no_credentials(r.error()));
  EXPECT_TRUE(imds.server().seen().empty());
}

TEST(ImdsProvider, NeverAnsweringServerFailsWithinTimeout) {
  ImdsServer imds(200, /*stall=*/true);
  CurlEventLoop loop(no_proxy());
  ImdsProvider p(imds.env(), loop);
  EXPECT_EQ(p.timeout(), 1000ms);
  auto start = std::chrono::steady_clock::now();
  auto r = loop.run(p.get());
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_no_credentials(r.error()));
  // Token PUT times out (1 s), then the v1 attempt times out (1 s), as botocore does.
  EXPECT_LT(elapsed, 3500ms);
}

TEST(ImdsProvider, ConnectionRefusedIsNotAvailable) {
  CurlEventLoop loop(no_proxy());
  std::string url;
  {
    FakeServer gone([](const ServerRequest&) { return respond(200, ""); });
    url = gone.url();
  }
  ImdsProvider p(Environment{{"AWS_EC2_METADATA_SERVICE_ENDPOINT", url}}, loop);
  auto r = loop.run(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_no_credentials(r.error()));
}

// ---- STS (fake) ----

constexpr const char* kAssumeRoleXml =
    "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE</AccessKeyId>"
    "<SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken>"
    "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>"
    "</AssumeRoleResponse>";

TEST(StsFake, AssumeRoleIsSignedWithSourceSessionToken) {
  FakeServer server([](const ServerRequest&) { return respond(200, kAssumeRoleXml); });
  CurlEventLoop loop(no_proxy());
  SystemClock clock;
  Credentials src;
  src.access_key_id = "AKIASRC";
  src.secret_access_key = "S";
  src.session_token = "SRCTOKEN";
  Endpoint ep{server.url() + "/prefix", "eu-west-1", "sts", "test"};
  AssumeRoleProvider p(std::make_shared<StaticProvider>(src), "arn:aws:iam::1:role/r", "sess", "",
                       std::nullopt, loop, ep, clock);
  auto r = loop.run(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "ASIAROLE");
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, "/prefix/");
  EXPECT_EQ(seen[0].header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_NE(seen[0].header("Authorization").find("Credential=AKIASRC/"), std::string::npos);
  EXPECT_NE(seen[0].header("Authorization").find("/eu-west-1/sts/aws4_request"), std::string::npos);
  EXPECT_EQ(seen[0].header("X-Amz-Security-Token"), "SRCTOKEN");
  EXPECT_NE(seen[0].body.find("Action=AssumeRole&"), std::string::npos);
}

TEST(StsFake, SourceWithoutCredentialsIsAFailureNamingTheRole) {
  FakeServer server([](const ServerRequest&) { return respond(200, kAssumeRoleXml); });
  CurlEventLoop loop(no_proxy());
  SystemClock clock;
  AssumeRoleProvider p(std::make_shared<StaticProvider>(Credentials{}), "arn:aws:iam::1:role/r", "",
                       "", std::nullopt, loop, Endpoint{server.url(), "us-east-1", "sts", "test"},
                       clock);
  auto r = loop.run(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(is_no_credentials(r.error()));
  EXPECT_NE(r.error().message.find("arn:aws:iam::1:role/r"), std::string::npos);
  EXPECT_TRUE(server.seen().empty());
}

TEST(StsFake, WebIdentityIsUnsignedAndReadsTokenFile) {
  FakeServer server([](const ServerRequest&) {
    return respond(200,
                   "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>"
                   "<Credentials><AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>S"
                   "</SecretAccessKey><SessionToken>T</SessionToken><Expiration>"
                   "2099-01-01T00:00:00Z</Expiration></Credentials>"
                   "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>");
  });
  testing::TempDir dir;
  std::string token = dir.write("token", "eyJ.token.sig\n");
  Environment env{{"AWS_WEB_IDENTITY_TOKEN_FILE", token},
                  {"AWS_ROLE_ARN", "arn:aws:iam::1:role/web"},
                  {"AWS_ROLE_SESSION_NAME", "ci"}};
  auto cfg = web_identity_config(env, nullptr);
  ASSERT_TRUE(cfg.ok());
  ASSERT_TRUE(cfg->has_value());
  CurlEventLoop loop(no_proxy());
  SystemClock clock;
  WebIdentityProvider p(**cfg, loop, Endpoint{server.url(), "us-east-1", "sts", "t"}, clock);
  auto r = loop.run(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "ASIAWEB");
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].header("Authorization").empty());
  EXPECT_NE(seen[0].body.find("WebIdentityToken=eyJ.token.sig"), std::string::npos);
  EXPECT_NE(seen[0].body.find("RoleSessionName=ci"), std::string::npos);

  WebIdentityConfig missing = **cfg;
  missing.token_file = dir.path("absent");
  WebIdentityProvider bad(missing, loop, Endpoint{server.url(), "us-east-1", "sts", "t"}, clock);
  auto e = loop.run(bad.get());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kConfig);
}

TEST(WebIdentityConfig, PartialIsAnError) {
  auto r = web_identity_config(Environment{{"AWS_ROLE_ARN", "arn:r"}}, nullptr);
  ASSERT_TRUE(r.ok());  // no token file: not configured (AWS_ROLE_ARN alone is ignored)
  EXPECT_FALSE(r->has_value());
  auto half = web_identity_config(Environment{{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t"}}, nullptr);
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.error().kind, ErrorKind::kConfig);
  Profile p;
  p.name = "w";
  p.values["web_identity_token_file"] = "/t";
  p.values["role_arn"] = "arn:r";
  auto prof = web_identity_config(Environment{}, &p);
  ASSERT_TRUE(prof.ok() && prof->has_value());
  EXPECT_EQ((*prof)->source, "profile w");
}

}  // namespace
}  // namespace certguard::aws

namespace certguard::aws {
namespace {

TEST(StsFake, ThrottlingIsRetriedWithASleeper) {
  std::atomic<int> calls{0};
  FakeServer server([&calls](const ServerRequest&) {
    if (calls.fetch_add(1) == 0) {
      return respond(400,
                     "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded"
                     "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
    }
    return respond(200, kAssumeRoleXml);
  });
  CurlEventLoop loop(no_proxy());
  SystemClock clock;
  Credentials src;
  src.access_key_id = "AKIASRC";
  src.secret_access_key = "S";
  Endpoint ep{server.url(), "us-east-1", "sts", "test"};
  AssumeRoleProvider once(std::make_shared<StaticProvider>(src), "arn:aws:iam::1:role/r", "s", "",
                          std::nullopt, loop, ep, clock);
  auto first = loop.run(once.get());
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().kind, ErrorKind::kThrottled);
  EXPECT_EQ(first.error().aws_code, "Throttling");

  calls = 0;
  AssumeRoleProvider retrying(std::make_shared<StaticProvider>(src), "arn:aws:iam::1:role/r", "s",
                              "", std::nullopt, loop, ep, clock, &loop);
  auto second = loop.run(retrying.get());
  ASSERT_TRUE(second.ok()) << second.error().describe();
  EXPECT_EQ(calls.load(), 2);
}

}  // namespace
}  // namespace certguard::aws
