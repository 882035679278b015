// AssumeRole and AssumeRoleWithWebIdentity against moto's server (an STS nobody here wrote),
// started on 127.0.0.1 with dummy credentials and killed at the end.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include "certguard/aws/auth/assume_role_provider.h"
#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/default_chain.h"
#include "certguard/aws/auth/static_provider.h"
#include "certguard/aws/auth/web_identity_provider.h"
#include "certguard/aws/http/curl_event_loop.h"
#include "temp_dir.h"

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX name

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));  // NOLINT
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);  // NOLINT
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool port_open(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;  // NOLINT
  ::close(fd);
  return ok;
}

class MotoSts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    moto_port = free_port();
    std::string port = std::to_string(moto_port);
    std::vector<std::string> args = {"python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", port};
    std::string path = std::string("PATH=") + (::getenv("PATH") ? ::getenv("PATH") : "/usr/bin");
    std::string home = std::string("HOME=") + (::getenv("HOME") ? ::getenv("HOME") : "/tmp");
    std::vector<std::string> env = {path,
                                    home,
                                    "AWS_ACCESS_KEY_ID=testing",
                                    "AWS_SECRET_ACCESS_KEY=testing",
                                    "AWS_EC2_METADATA_DISABLED=true",
                                    "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9",
                                    "AWS_CONFIG_FILE=/dev/null",
                                    "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                                    "AWS_DEFAULT_REGION=us-east-1",
                                    "AWS_ENDPOINT_URL=http://127.0.0.1:" + port};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    envp.reserve(env.size() + 1);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    int rc = ::posix_spawnp(&moto_pid, "python3", &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      moto_pid = 0;
      return;
    }
    for (int i = 0; i < 300 && !port_open(moto_port); ++i) std::this_thread::sleep_for(50ms);
  }
  static void TearDownTestSuite() {
    if (moto_pid > 0) {
      ::kill(moto_pid, SIGTERM);
      int status = 0;
      ::waitpid(moto_pid, &status, 0);
      moto_pid = 0;
    }
  }
  void SetUp() override {
    if (moto_pid <= 0 || !port_open(moto_port)) GTEST_SKIP() << "moto server did not start";
  }

  static std::string url() { return "http://127.0.0.1:" + std::to_string(moto_port); }
  static Endpoint endpoint() { return Endpoint{url(), "us-east-1", "sts", "test"}; }
  static CurlOptions options() {
    CurlOptions o;
    o.proxy = ProxyConfig{};
    return o;
  }

  static inline pid_t moto_pid = 0;
  static inline int moto_port = 0;
  CurlEventLoop loop{options()};
  SystemClock clock;
};

Credentials testing_keys() {
  Credentials c;
  c.access_key_id = "testing";
  c.secret_access_key = "testing";
  return c;
}

TEST_F(MotoSts, AssumeRole) {
  AssumeRoleProvider p(std::make_shared<StaticProvider>(testing_keys()),
                       "arn:aws:iam::123456789012:role/auditor", "", "ext-1", 900s, loop,
                       endpoint(), clock);
  auto r = loop.run(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_TRUE(r->access_key_id.starts_with("ASIA")) << r->access_key_id;
  EXPECT_FALSE(r->secret_access_key.empty());
  EXPECT_FALSE(r->session_token.empty());
  ASSERT_TRUE(r->expiration.has_value());
  EXPECT_GT(*r->expiration, clock.now());
  EXPECT_EQ(r->account_id, "123456789012");
}

TEST_F(MotoSts, AssumeRoleWithWebIdentity) {
  testing::TempDir dir;
  WebIdentityConfig cfg{dir.write("token", "header.payload.signature"),
                        "arn:aws:iam::123456789012:role/ci", "ci-run", "test"};
  WebIdentityProvider p(cfg, loop, endpoint(), clock);
  auto r = loop.run(p.get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_TRUE(r->access_key_id.starts_with("ASIA"));
  EXPECT_EQ(r->account_id, "123456789012");
}

TEST_F(MotoSts, DefaultChainWithChainedProfileRolesFromFiles) {
  testing::TempDir dir;
  std::string config = dir.write("config",
                                 "[profile base]\nregion = us-east-1\n"
                                 "[profile first]\nrole_arn = arn:aws:iam::123456789012:role/one\n"
                                 "source_profile = base\n"
                                 "[profile second]\nrole_arn = arn:aws:iam::210987654321:role/two\n"
                                 "source_profile = first\nrole_session_name = chained\n"
                                 "region = eu-west-1\n");
  std::string creds = dir.write("credentials",
                                "[base]\naws_access_key_id = testing\n"
                                "aws_secret_access_key = testing\n");
  Environment env{{"AWS_CONFIG_FILE", config},
                  {"AWS_SHARED_CREDENTIALS_FILE", creds},
                  {"AWS_EC2_METADATA_DISABLED", "true"},
                  {"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9"},
                  {"AWS_ENDPOINT_URL_STS", url()}};
  ConfigOptions cli;
  cli.profile = "second";
  auto aws = AwsConfig::load(cli, env);
  ASSERT_TRUE(aws.ok()) << aws.error().describe();
  auto chain = make_default_chain(*aws, loop, clock);
  auto r = loop.run(chain->get());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_TRUE(r->access_key_id.starts_with("ASIA"));
  EXPECT_EQ(r->account_id, "210987654321");
  EXPECT_NE(r->provider.find("arn:aws:iam::210987654321:role/two"), std::string::npos)
      << r->provider;
}

}  // namespace
}  // namespace certguard::aws
