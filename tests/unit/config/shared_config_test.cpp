#include "certguard/aws/config/shared_config.h"

#include <gtest/gtest.h>

#include "certguard/aws/config/aws_config.h"

namespace certguard::aws {
namespace {

IniFile parse(std::string_view text, std::string_view path) {
  auto r = parse_ini(text, path);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : IniFile{};
}

TEST(SharedConfig, MergesFilesWithCredentialsWinning) {
  IniFile config = parse(
      "[default]\nregion = us-east-1\naws_access_key_id = FROMCONFIG\n"
      "[profile  dev]\nregion = eu-west-1\n"
      "[dev]\nregion = ignored-not-a-profile\n"
      "[sso-session corp]\nsso_region = us-east-1\n"
      "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n",
      "config");
  IniFile creds = parse(
      "[default]\naws_access_key_id = FROMCREDS\naws_secret_access_key = s\n"
      "[other]\naws_access_key_id = O\n",
      "credentials");
  SharedConfig sc = build_shared_config(config, creds);
  const Profile* d = sc.find_profile("default");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->get("aws_access_key_id"), "FROMCREDS");
  EXPECT_EQ(d->get("region"), "us-east-1");
  EXPECT_EQ(d->origin, "config:1, credentials:1");
  ASSERT_NE(sc.find_profile("dev"), nullptr);
  EXPECT_EQ(sc.find_profile("dev")->get("region"), "eu-west-1");
  ASSERT_NE(sc.find_profile("other"), nullptr);
  EXPECT_NE(sc.find_services("local"), nullptr);
  EXPECT_EQ(sc.sso_sessions.count("corp"), 1u);
  EXPECT_EQ(sc.find_profile("nope"), nullptr);
}

TEST(SharedConfig, PathsFromEnvironmentAndHome) {
  Environment env({{"HOME", "/home/u"}});
  EXPECT_EQ(*config_file_path(env), "/home/u/.aws/config");
  EXPECT_EQ(*credentials_file_path(env), "/home/u/.aws/credentials");
  env.set("AWS_CONFIG_FILE", "~/x/cfg");
  env.set("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds");
  EXPECT_EQ(*config_file_path(env), "/home/u/x/cfg");
  EXPECT_EQ(*credentials_file_path(env), "/etc/creds");
  Environment no_home;
  auto r = config_file_path(no_home);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("HOME"), std::string::npos);
}

TEST(SharedConfig, LoadWithDevNullFiles) {
  Environment env({{"AWS_CONFIG_FILE", "/dev/null"}, {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"}});
  auto sc = load_shared_config(env);
  ASSERT_TRUE(sc.ok());
  EXPECT_TRUE(sc->profiles.empty());
}

TEST(AwsConfig, ProfileSelection) {
  SharedConfig sc =
      build_shared_config(parse("[profile a]\nregion=r\n[profile b]\n", "c"), parse("", "k"));
  Environment env({{"AWS_PROFILE", "b"}});
  auto from_env = AwsConfig::from_shared({}, env, sc);
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->profile_name(), "b");
  EXPECT_FALSE(from_env->profile_from_cli());

  ConfigOptions opts;
  opts.profile = "a";
  auto from_cli = AwsConfig::from_shared(opts, env, sc);
  ASSERT_TRUE(from_cli.ok());
  EXPECT_EQ(from_cli->profile_name(), "a");
  EXPECT_TRUE(from_cli->profile_from_cli());
  ASSERT_NE(from_cli->profile(), nullptr);

  auto def = AwsConfig::from_shared({}, Environment{}, sc);
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(def->profile_name(), "default");
  EXPECT_EQ(def->profile(), nullptr);

  opts.profile = "missing";
  auto missing = AwsConfig::from_shared(opts, env, sc);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kConfig);
  EXPECT_NE(missing.error().message.find("'missing' (from --profile)"), std::string::npos);
}

// A header's words split on every whitespace character trim() strips, so any profile the
// file defines can be selected by its own name (the fuzzer found "[profile\t\rx]").
TEST(AwsConfig, EveryDefinedProfileIsSelectable) {
  SharedConfig sc = build_shared_config(
      parse("[profile\t\rx]\nregion=r\n[profile \fy\v]\n[profile\t z]\n", "c"), parse("", "k"));
  for (const char* name : {"x", "y", "z"}) {
    EXPECT_NE(sc.find_profile(name), nullptr) << name;
  }
  EXPECT_EQ(sc.profiles.size(), 3u);
  for (const auto& [name, profile] : sc.profiles) {
    ConfigOptions opts;
    opts.profile = name;
    EXPECT_TRUE(AwsConfig::from_shared(opts, Environment{}, sc).ok()) << name;
  }
}

TEST(AwsConfig, CaBundlePrecedence) {
  SharedConfig sc =
      build_shared_config(parse("[default]\nca_bundle = /p.pem\n", "c"), parse("", "k"));
  auto cfg = AwsConfig::from_shared({}, Environment{}, sc);
  EXPECT_EQ(cfg->ca_bundle(), "/p.pem");
  cfg = AwsConfig::from_shared({}, Environment({{"AWS_CA_BUNDLE", "/e.pem"}}), sc);
  EXPECT_EQ(cfg->ca_bundle(), "/e.pem");
  ConfigOptions opts;
  opts.ca_bundle = "/cli.pem";
  cfg = AwsConfig::from_shared(opts, Environment({{"AWS_CA_BUNDLE", "/e.pem"}}), sc);
  EXPECT_EQ(cfg->ca_bundle(), "/cli.pem");
}

TEST(Environment, EmptyCountsAsUnsetAndFromEnvp) {
  const char* envp[] = {"A=1", "EMPTY=", "T=TRUE", "NOEQ", nullptr};
  Environment env = Environment::from_envp(envp);
  EXPECT_EQ(env.get("A"), "1");
  EXPECT_FALSE(env.get("EMPTY").has_value());
  EXPECT_FALSE(env.get("NOEQ").has_value());
  EXPECT_TRUE(env.is_true("T"));
  EXPECT_FALSE(env.is_true("A"));
}

}  // namespace
}  // namespace certguard::aws
