// credential_process: splitting, running without a shell, JSON handling, timeouts.
#include <gtest/gtest.h>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/process_provider.h"
#include "certguard/aws/auth/process_runner.h"
#include "temp_dir.h"

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

TEST(ShellSplit, QuotesAndEscapes) {
  auto r = shell_split(R"(  /bin/tool --name 'a b' "c \"d\" $x" e\ f ''  )");
  ASSERT_TRUE(r.ok());
  std::vector<std::string> want = {"/bin/tool", "--name", "a b", "c \"d\" $x", "e f", ""};
  EXPECT_EQ(*r, want);
  EXPECT_FALSE(shell_split("a 'b").ok());
  EXPECT_FALSE(shell_split("a \"b").ok());
  EXPECT_FALSE(shell_split("a \\").ok());
  EXPECT_FALSE(shell_split("   ").ok());
}

TEST(ProcessOutput, ValidatesJson) {
  WallTime now = *parse_iso8601("2026-01-01T00:00:00Z");
  auto ok = parse_process_output(
      R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T",)"
      R"("Expiration":"2026-01-01T01:00:00Z","AccountId":"123"})",
      "p", now);
  ASSERT_TRUE(ok.ok()) << ok.error().describe();
  EXPECT_EQ(ok->session_token, "T");
  EXPECT_EQ(ok->account_id, "123");
  EXPECT_EQ(*ok->expiration, now + 1h);

  auto long_term =
      parse_process_output(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"})", "p", now);
  ASSERT_TRUE(long_term.ok());
  EXPECT_FALSE(long_term->expiration.has_value());

  struct Bad {
    const char* json;
    const char* fragment;
  };
  for (
      const Bad& b :
      {Bad{"not json", "not a JSON object"}, Bad{"[1]", "not a JSON object"},
       Bad{R"({"AccessKeyId":"A","SecretAccessKey":"S"})", "Version"},
       Bad{R"({"Version":"1","AccessKeyId":"A","SecretAccessKey":"S"})", "Version"},
       Bad{R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"})", "Version"},
       Bad{R"({"Version":1,"SecretAccessKey":"S"})", "AccessKeyId"},
       Bad{R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":5})", "SecretAccessKey"},
       Bad{R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"x"})",
           "Expiration"},
       Bad{R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2025-12-31T00:00:00Z"})",
           "expired"}}) {
    auto r = parse_process_output(b.json, "credential_process of profile p", now);
    ASSERT_FALSE(r.ok()) << b.json;
    EXPECT_FALSE(is_no_credentials(r.error()));
    EXPECT_NE(r.error().message.find(b.fragment), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("profile p"), std::string::npos);
  }
}

class ProcessProviderTest : public ::testing::Test {
 protected:
  Environment env{{"PATH", "/usr/bin:/bin"}};
  SystemClock clock;
  TempDir dir;
};

TEST_F(ProcessProviderTest, RunsScriptWithoutShell) {
  // The argument contains shell metacharacters: without a shell they arrive verbatim.
  std::string script = dir.write("good.sh",
                                 "#!/bin/sh\n"
                                 "printf '{\"Version\": 1, \"AccessKeyId\": \"%s\", "
                                 "\"SecretAccessKey\": \"S\", \"SessionToken\": \"T\", "
                                 "\"Expiration\": \"2099-01-01T00:00:00Z\"}' \"$1\"\n",
                                 true);
  ProcessProvider p("dev", script + " 'AK;$(rm)|x'", env, clock);
  auto r = run_sync(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "AK;$(rm)|x");
  EXPECT_EQ(r->provider, "credential_process of profile dev");
  ASSERT_TRUE(r->expiration.has_value());
}

TEST_F(ProcessProviderTest, ProgramFoundOnPathOfEnvironment) {
  dir.write("mytool",
            "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"P\",\"SecretAccessKey\":\"S\"}'\n",
            true);
  Environment with_path{{"PATH", dir.path("") + ":/usr/bin:/bin"}};
  ProcessProvider p("dev", "mytool", with_path, clock);
  auto r = run_sync(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "P");
}

TEST_F(ProcessProviderTest, GarbageOutputNamesProfile) {
  std::string script = dir.write("garbage.sh", "#!/bin/sh\necho 'hello world'\n", true);
  ProcessProvider p("dev", script, env, clock);
  auto r = run_sync(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kParse);
  EXPECT_NE(r.error().message.find("profile dev"), std::string::npos);
  EXPECT_NE(r.error().message.find("hello world"), std::string::npos);
}

TEST_F(ProcessProviderTest, NonZeroExitReportsStderr) {
  std::string script =
      dir.write("fail.sh", "#!/bin/sh\necho 'token expired, run login' >&2\nexit 3\n", true);
  ProcessProvider p("dev", script, env, clock);
  auto r = run_sync(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(is_no_credentials(r.error()));
  EXPECT_NE(r.error().message.find("status 3"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("token expired, run login"), std::string::npos);
  EXPECT_NE(r.error().message.find("profile dev"), std::string::npos);
}

TEST_F(ProcessProviderTest, ExpiredCredentialsAreRejected) {
  std::string script =
      dir.write("expired.sh",
                "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\","
                "\"SessionToken\":\"T\",\"Expiration\":\"2001-01-01T00:00:00Z\"}'\n",
                true);
  ProcessProvider p("dev", script, env, clock);
  auto r = run_sync(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("expired"), std::string::npos);
}

TEST_F(ProcessProviderTest, MissingProgram) {
  ProcessProvider p("dev", dir.path("does-not-exist") + " arg", env, clock);
  auto r = run_sync(p.get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
  EXPECT_NE(r.error().message.find("cannot start"), std::string::npos);
}

TEST_F(ProcessProviderTest, HangingProcessIsKilledAtTimeout) {
  std::string script = dir.write("hang.sh", "#!/bin/sh\nsleep 30\n", true);
  ProcessProvider p("dev", script, env, clock, 300ms);
  auto start = std::chrono::steady_clock::now();
  auto r = run_sync(p.get());
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTimeout);
  EXPECT_LT(elapsed, 3s);
}

TEST_F(ProcessProviderTest, BackgroundChildHoldingPipeDoesNotHang) {
  // The script exits but leaves a child holding stdout open: its exit ends the wait.
  std::string script = dir.write(
      "bg.sh",
      "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}'\n"
      "sleep 5 &\nexit 0\n",
      true);
  ProcessProvider p("dev", script, env, clock, 4s);
  auto start = std::chrono::steady_clock::now();
  auto r = run_sync(p.get());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->access_key_id, "A");
}

}  // namespace
}  // namespace certguard::aws
