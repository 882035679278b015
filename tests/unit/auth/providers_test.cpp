// Providers that need no network: environment, profile, static, ISO-8601, STS form/XML.
#include <gtest/gtest.h>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/environment_provider.h"
#include "certguard/aws/auth/profile_provider.h"
#include "certguard/aws/auth/static_provider.h"
#include "certguard/aws/auth/sts_assume_role.h"

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;

TEST(Iso8601, ParsesZonesAndFractions) {
  auto base = parse_iso8601("2026-11-22T12:39:04Z");
  ASSERT_TRUE(base.has_value());
  EXPECT_EQ(format_iso8601(*base), "2026-11-22T12:39:04Z");
  EXPECT_EQ(*parse_iso8601("2026-11-22T14:39:04+02:00"), *base);
  EXPECT_EQ(*parse_iso8601("2026-11-22T11:39:04-0100"), *base);
  EXPECT_EQ(*parse_iso8601("2026-11-22T12:39:04.500Z"), *base + 500ms);
  EXPECT_EQ(*parse_iso8601("2026-11-22 12:39:04z"), *base);
  for (const char* bad :
       {"", "2026-11-22", "2026-11-22T12:39:04", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-22T12:39:04Zjunk", "abcd-11-22T12:39:04Z", "2026-11-22T12:39:04."}) {
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
  }
}

TEST(AuthUtil, AccountFromArnAndSplitUrl) {
  EXPECT_EQ(account_from_arn("arn:aws:sts::123456789012:assumed-role/r/s"), "123456789012");
  EXPECT_EQ(account_from_arn("nope"), "");
  auto u = split_url("http://127.0.0.1:8080/pfx?x=1");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->authority, "127.0.0.1:8080");
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->path, "/pfx");
  auto v6 = split_url("http://[fd00:ec2::23]/creds");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->host, "fd00:ec2::23");
  EXPECT_FALSE(split_url("no-scheme").has_value());
}

TEST(EnvironmentProvider, NothingSetIsNotAvailable) {
  EnvironmentProvider p(Environment{});
  auto r = run_sync(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_no_credentials(r.error()));
}

TEST(EnvironmentProvider, ReadsKeysTokenAliasAndExpiration) {
  EnvironmentProvider p(Environment{{"AWS_ACCESS_KEY_ID", "AKID"},
                                    {"AWS_SECRET_ACCESS_KEY", "SECRET"},
                                    {"AWS_SECURITY_TOKEN", "TOK"},
                                    {"AWS_CREDENTIAL_EXPIRATION", "2030-01-01T00:00:00Z"},
                                    {"AWS_ACCOUNT_ID", "111122223333"}});
  auto r = run_sync(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "AKID");
  EXPECT_EQ(r->secret_access_key, "SECRET");
  EXPECT_EQ(r->session_token, "TOK");
  EXPECT_EQ(r->account_id, "111122223333");
  EXPECT_EQ(r->provider, "environment");
  ASSERT_TRUE(r->expiration.has_value());
  EXPECT_EQ(format_iso8601(*r->expiration), "2030-01-01T00:00:00Z");

  EnvironmentProvider both(Environment{{"AWS_ACCESS_KEY_ID", "A"},
                                       {"AWS_SECRET_ACCESS_KEY", "S"},
                                       {"AWS_SESSION_TOKEN", "NEW"},
                                       {"AWS_SECURITY_TOKEN", "OLD"}});
  EXPECT_EQ(run_sync(both.get())->session_token, "NEW");
}

TEST(EnvironmentProvider, PartialOrBadValuesFail) {
  EnvironmentProvider half(Environment{{"AWS_ACCESS_KEY_ID", "AKID"}});
  auto r = run_sync(half.get());
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(is_no_credentials(r.error()));
  EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
  EXPECT_NE(r.error().message.find("secret access key"), std::string::npos);

  EnvironmentProvider bad_exp(Environment{{"AWS_ACCESS_KEY_ID", "A"},
                                          {"AWS_SECRET_ACCESS_KEY", "S"},
                                          {"AWS_CREDENTIAL_EXPIRATION", "tomorrow"}});
  auto e = run_sync(bad_exp.get());
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("AWS_CREDENTIAL_EXPIRATION"), std::string::npos);
}

TEST(ProfileProvider, StaticKeys) {
  Profile p;
  p.name = "dev";
  p.origin = "/c:3";
  ProfileProvider none(p);
  EXPECT_TRUE(is_no_credentials(run_sync(none.get()).error()));

  p.values["aws_access_key_id"] = "AK";
  ProfileProvider half(p);
  auto h = run_sync(half.get());
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().kind, ErrorKind::kConfig);
  EXPECT_NE(h.error().message.find("/c:3"), std::string::npos);

  p.values["aws_secret_access_key"] = "SK";
  p.values["aws_session_token"] = "ST";
  ProfileProvider full(p);
  auto f = run_sync(full.get());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->access_key_id, "AK");
  EXPECT_EQ(f->session_token, "ST");
  EXPECT_EQ(f->provider, "profile dev");
}

TEST(StaticProvider, EmptyIsNotAvailable) {
  StaticProvider empty(Credentials{});
  EXPECT_TRUE(is_no_credentials(run_sync(empty.get()).error()));
  Credentials c;
  c.access_key_id = "A";
  c.secret_access_key = "S";
  StaticProvider ok(c);
  EXPECT_TRUE(run_sync(ok.get()).ok());
  ErrorProvider err(make_error(ErrorKind::kConfig, "boom"));
  EXPECT_EQ(run_sync(err.get()).error().message, "boom");
}

TEST(StsQuery, FormEncodesParameters) {
  AssumeRoleParams p{"arn:aws:iam::123456789012:role/a b", "sess", "ext/1", 900s};
  EXPECT_EQ(assume_role_form("AssumeRole", p, ""),
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%"
            "3Arole%2Fa%20b&RoleSessionName=sess&ExternalId=ext%2F1&DurationSeconds=900");
  AssumeRoleParams w{"arn:r", "s", "", std::nullopt};
  EXPECT_EQ(assume_role_form("AssumeRoleWithWebIdentity", w, "t+k="),
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Ar&"
            "RoleSessionName=s&WebIdentityToken=t%2Bk%3D");
}

TEST(StsQuery, ParsesSuccessAndErrors) {
  HttpResponse ok;
  ok.status = 200;
  ok.body =
      "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
      "<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
      "<SessionToken>T</SessionToken><Expiration>2026-11-22T12:39:04Z</Expiration></Credentials>"
      "<AssumedRoleUser><Arn>arn:aws:sts::999988887777:assumed-role/r/s</Arn></AssumedRoleUser>"
      "</AssumeRoleResult></AssumeRoleResponse>";
  auto c = parse_assume_role_response("AssumeRole", ok, "arn:r");
  ASSERT_TRUE(c.ok()) << c.error().describe();
  EXPECT_EQ(c->access_key_id, "ASIA1");
  EXPECT_EQ(c->account_id, "999988887777");
  EXPECT_EQ(format_iso8601(*c->expiration), "2026-11-22T12:39:04Z");

  HttpResponse denied;
  denied.status = 403;
  denied.body =
      "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed"
      "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>";
  auto d = parse_assume_role_response("AssumeRole", denied, "arn:r");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ErrorKind::kAccessDenied);
  EXPECT_EQ(d.error().aws_code, "AccessDenied");
  EXPECT_EQ(d.error().request_id, "req-1");
  EXPECT_EQ(d.error().http_status, 403);
  EXPECT_NE(d.error().message.find("arn:r"), std::string::npos);

  HttpResponse throttled;
  throttled.status = 400;
  throttled.body = "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>";
  EXPECT_EQ(parse_assume_role_response("AssumeRole", throttled, "r").error().kind,
            ErrorKind::kThrottled);
  HttpResponse html;
  html.status = 502;
  html.body = "<html>bad gateway";
  EXPECT_EQ(parse_assume_role_response("AssumeRole", html, "r").error().kind,
            ErrorKind::kTransient);
  HttpResponse garbage;
  garbage.status = 200;
  garbage.body = "{}";
  EXPECT_EQ(parse_assume_role_response("AssumeRole", garbage, "r").error().kind, ErrorKind::kParse);
  HttpResponse wrong_op = ok;
  EXPECT_EQ(parse_assume_role_response("AssumeRoleWithWebIdentity", wrong_op, "r").error().kind,
            ErrorKind::kParse);
}

}  // namespace
}  // namespace certguard::aws
