// The chain's order, skipping rules and error listing; the default chain's construction.
#include <gtest/gtest.h>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/chain_provider.h"
#include "certguard/aws/auth/default_chain.h"
#include "certguard/aws/auth/static_provider.h"
#include "fake_transport.h"

namespace certguard::aws {
namespace {

using testing::FakeTransport;

std::shared_ptr<CredentialsProvider> keys(const std::string& akid) {
  Credentials c;
  c.access_key_id = akid;
  c.secret_access_key = "S";
  return std::make_shared<StaticProvider>(c, akid);
}
std::shared_ptr<CredentialsProvider> nothing(const std::string& why) {
  return std::make_shared<ErrorProvider>(not_available("x", why));
}

TEST(ChainProvider, FirstWithCredentialsWins) {
  ChainProvider chain({{"a", nothing("no a")}, {"b", keys("B")}, {"c", keys("C")}});
  auto r = run_sync(chain.get());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->access_key_id, "B");
}

TEST(ChainProvider, FailureStopsTheChain) {
  ChainProvider chain({{"a", nothing("no a")},
                       {"role", std::make_shared<ErrorProvider>(
                                    make_error(ErrorKind::kAccessDenied, "role refused"))},
                       {"c", keys("C")}});
  auto r = run_sync(chain.get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kAccessDenied);
  EXPECT_NE(r.error().message.find("role refused"), std::string::npos);
}

TEST(ChainProvider, OneErrorListsEveryProvider) {
  ChainProvider chain({{"environment", nothing("AWS_ACCESS_KEY_ID is not set")},
                       {"instance metadata", nothing("disabled")}});
  auto r = run_sync(chain.get());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_no_credentials(r.error()));
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("- environment: AWS_ACCESS_KEY_ID is not set"), std::string::npos) << m;
  EXPECT_NE(m.find("- instance metadata: disabled"), std::string::npos) << m;
  EXPECT_LT(m.find("environment"), m.find("instance metadata"));
}

// Builds an AwsConfig from config-file text.
AwsConfig make_config(const std::string& config_text, Environment env, ConfigOptions opts = {}) {
  auto ini = parse_ini(config_text, "/cfg");
  EXPECT_TRUE(ini.ok()) << ini.error().describe();
  auto cfg = AwsConfig::from_shared(std::move(opts), std::move(env),
                                    build_shared_config(*ini, IniFile{"/creds", {}}));
  EXPECT_TRUE(cfg.ok()) << cfg.error().describe();
  return std::move(cfg).value();
}

class DefaultChain : public ::testing::Test {
 protected:
  FakeTransport transport{[](const HttpRequest& req) -> Result<HttpResponse> {
    ADD_FAILURE() << "unexpected request to " << req.url;
    return make_error(ErrorKind::kNetwork, "no network in this test");
  }};
  ManualClock clock{*parse_iso8601("2026-01-01T00:00:00Z")};
  Environment quiet{{"AWS_EC2_METADATA_DISABLED", "true"},
                    {"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9"}};
};

TEST_F(DefaultChain, OrderAndEnvironmentSkippedOnlyForCliProfile) {
  std::string cfg = "[profile dev]\nregion = eu-west-1\n";
  ChainOptions opts;
  opts.explicit_keys = ExplicitKeys{"AK", "SK", ""};
  auto links = default_chain_links(make_config(cfg, quiet), transport, clock, opts);
  std::vector<std::string> names;
  names.reserve(links.size());
  for (const auto& l : links) names.push_back(l.name);
  std::vector<std::string> want = {"explicit keys",
                                   "environment",
                                   "profile default (assume role)",
                                   "web identity",
                                   "profile default (static keys)",
                                   "profile default (credential_process)",
                                   "container",
                                   "instance metadata"};
  EXPECT_EQ(names, want);

  Environment with_profile = quiet;
  with_profile.set("AWS_PROFILE", "dev");
  auto env_profile = default_chain_links(make_config(cfg, with_profile), transport, clock);
  EXPECT_EQ(env_profile[0].name, "environment");
  EXPECT_EQ(env_profile[1].name, "profile dev (assume role)");

  ConfigOptions cli;
  cli.profile = "dev";
  auto cli_profile = default_chain_links(make_config(cfg, quiet, cli), transport, clock);
  EXPECT_EQ(cli_profile[0].name, "profile dev (assume role)");
}

TEST_F(DefaultChain, EnvironmentBeatsProfileKeysUnlessCliProfile) {
  std::string cfg = "[profile dev]\naws_access_key_id = PROFILE\naws_secret_access_key = s\n";
  Environment env = quiet;
  env.set("AWS_ACCESS_KEY_ID", "ENV");
  env.set("AWS_SECRET_ACCESS_KEY", "s");
  env.set("AWS_PROFILE", "dev");
  auto a = run_sync(make_default_chain(make_config(cfg, env), transport, clock)->get());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->access_key_id, "ENV");
  ConfigOptions cli;
  cli.profile = "dev";
  auto b = run_sync(make_default_chain(make_config(cfg, env, cli), transport, clock)->get());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->access_key_id, "PROFILE");
}

TEST_F(DefaultChain, NothingConfiguredListsEveryProvider) {
  auto r = run_sync(make_default_chain(make_config("", quiet), transport, clock)->get());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_no_credentials(r.error()));
  const std::string& m = r.error().message;
  for (const char* name : {"environment", "profile default (assume role)", "web identity",
                           "profile default (static keys)", "credential_process", "container",
                           "instance metadata: disabled by AWS_EC2_METADATA_DISABLED"}) {
    EXPECT_NE(m.find(name), std::string::npos) << name << " missing in: " << m;
  }
  EXPECT_TRUE(transport.requests.empty());
}

// With IMDS enabled but pointed at 127.0.0.1, every request the default chain makes for
// instance metadata goes there, never to 169.254.169.254.
TEST(DefaultChainImds, RequestsGoOnlyToTheConfiguredLoopbackEndpoint) {
  FakeTransport refusing{[](const HttpRequest&) -> Result<HttpResponse> {
    return make_error(ErrorKind::kNetwork, "connection refused");
  }};
  ManualClock clock{*parse_iso8601("2026-01-01T00:00:00Z")};
  Environment env{{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9"}};
  auto r = run_sync(make_default_chain(make_config("", env), refusing, clock)->get());
  ASSERT_FALSE(r.ok());
  ASSERT_FALSE(refusing.requests.empty()) << "the IMDS provider should have been tried";
  for (const auto& req : refusing.requests) {
    EXPECT_TRUE(req.url.starts_with("http://127.0.0.1:9/")) << req.url;
    EXPECT_EQ(req.url.find("169.254"), std::string::npos) << req.url;
  }
}

struct MisconfigCase {
  const char* name;
  const char* config;
  const char* fragment;
};

class RoleMisconfig : public DefaultChain, public ::testing::WithParamInterface<MisconfigCase> {};

TEST_P(RoleMisconfig, IsAConfigErrorAndStopsTheChain) {
  ConfigOptions cli;
  cli.profile = "p";
  Environment env = quiet;
  env.set("AWS_ACCESS_KEY_ID", "ENV");  // ignored (--profile), and never a fallback
  env.set("AWS_SECRET_ACCESS_KEY", "S");
  auto r = run_sync(
      make_default_chain(make_config(GetParam().config, env, cli), transport, clock)->get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConfig) << r.error().describe();
  EXPECT_NE(r.error().message.find(GetParam().fragment), std::string::npos) << r.error().message;
  EXPECT_TRUE(transport.requests.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, RoleMisconfig,
    ::testing::Values(
        MisconfigCase{"cycle",
                      "[profile p]\nrole_arn = arn:aws:iam::1:role/p\nsource_profile = q\n"
                      "[profile q]\nrole_arn = arn:aws:iam::1:role/q\nsource_profile = p\n",
                      "source_profile loop: p -> q -> p"},
        MisconfigCase{"mfa",
                      "[profile p]\nrole_arn = arn:aws:iam::1:role/p\nsource_profile = q\n"
                      "mfa_serial = arn:aws:iam::1:mfa/u\n[profile q]\naws_access_key_id = a\n"
                      "aws_secret_access_key = b\n",
                      "not supported"},
        MisconfigCase{"missing_source",
                      "[profile p]\nrole_arn = arn:aws:iam::1:role/p\nsource_profile = nope\n",
                      "source_profile = nope, which does not exist"},
        MisconfigCase{"source_without_keys",
                      "[profile p]\nrole_arn = arn:aws:iam::1:role/p\nsource_profile = q\n"
                      "[profile q]\nregion = us-east-1\n",
                      "has no credentials"},
        MisconfigCase{"no_source", "[profile p]\nrole_arn = arn:aws:iam::1:role/p\n",
                      "neither source_profile nor credential_source"},
        MisconfigCase{"both_sources",
                      "[profile p]\nrole_arn = arn:aws:iam::1:role/p\nsource_profile = p\n"
                      "credential_source = Environment\n",
                      "both source_profile and credential_source"},
        MisconfigCase{"bad_credential_source",
                      "[profile p]\nrole_arn = arn:aws:iam::1:role/p\n"
                      "credential_source = Laptop\n",
                      "Environment, Ec2InstanceMetadata or EcsContainer"},
        MisconfigCase{"bad_duration",
                      "[profile p]\nrole_arn = arn:aws:iam::1:role/p\n"
                      "credential_source = Environment\nduration_seconds = 60\n",
                      "900 to 43200"}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST_F(DefaultChain, AssumeRoleFromEnvironmentSourceCallsStsSigned) {
  FakeTransport sts([](const HttpRequest&) -> Result<HttpResponse> {
    HttpResponse r;
    r.status = 200;
    r.body =
        "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE</AccessKeyId>"
        "<SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken>"
        "<Expiration>2026-01-01T01:00:00Z</Expiration></Credentials><AssumedRoleUser>"
        "<Arn>arn:aws:sts::123456789012:assumed-role/p/s</Arn></AssumedRoleUser>"
        "</AssumeRoleResult></AssumeRoleResponse>";
    return r;
  });
  Environment env = quiet;
  env.set("AWS_ACCESS_KEY_ID", "AKIASOURCE");
  env.set("AWS_SECRET_ACCESS_KEY", "S");
  env.set("AWS_PROFILE", "p");
  std::string cfg =
      "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/p\n"
      "credential_source = Environment\nexternal_id = ext\nregion = eu-west-1\n";
  // The environment link comes first and would win: use --profile to go straight to the role.
  ConfigOptions cli;
  cli.profile = "p";
  auto chain = make_default_chain(make_config(cfg, env, cli), sts, clock);
  auto r = run_sync(chain->get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "ASIAROLE");
  EXPECT_EQ(r->account_id, "123456789012");
  ASSERT_EQ(sts.requests.size(), 1u);
  const HttpRequest& req = sts.requests[0];
  EXPECT_EQ(req.url, "https://sts.eu-west-1.amazonaws.com/");
  EXPECT_NE(req.body.find("ExternalId=ext"), std::string::npos);
  EXPECT_NE(req.body.find("RoleSessionName=certguard-1767225600"), std::string::npos) << req.body;
  EXPECT_NE(req.header("Authorization").find("Credential=AKIASOURCE/20260101/eu-west-1/sts/"),
            std::string::npos)
      << req.header("Authorization");
  // Cached: a second get() does not call STS again.
  ASSERT_TRUE(run_sync(chain->get()).ok());
  EXPECT_EQ(sts.requests.size(), 1u);
}

}  // namespace
}  // namespace certguard::aws
