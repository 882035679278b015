// certguard-sim serve, as users run it: the first stdout line gives the port, awscli v1
// (dummy credentials, no IMDS, no config files) talks to it, SIGTERM stops it cleanly.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Sim {
  pid_t pid = -1;
  FILE* out = nullptr;
  std::string url;
};

Sim start_sim(const std::string& extra_args) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  Sim sim;
  sim.pid = fork();
  if (sim.pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::string command = std::string(CG_BIN_DIR) + "/certguard-sim serve --port 0 " + extra_args;
    execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  sim.out = fdopen(fds[0], "r");
  std::array<char, 256> line{};
  if (fgets(line.data(), line.size(), sim.out) != nullptr) {
    std::string first(line.data());
    const std::string prefix = "listening on ";
    EXPECT_EQ(first.rfind(prefix, 0), 0U) << first;
    sim.url = first.substr(prefix.size());
    while (!sim.url.empty() && (sim.url.back() == '\n' || sim.url.back() == '\r')) {
      sim.url.pop_back();
    }
  }
  return sim;
}

int stop_sim(Sim& sim) {
  kill(sim.pid, SIGTERM);
  int status = 0;
  waitpid(sim.pid, &status, 0);
  if (sim.out != nullptr) fclose(sim.out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct CliRun {
  int rc = -1;
  std::string output;  // stdout and stderr
};

// Runs awscli with the sandboxed environment the briefs require.
CliRun aws(const Sim& sim, const std::string& args, const std::string& key = "testing",
           const std::string& secret = "testing") {
  std::string command =
      "env AWS_ACCESS_KEY_ID=" + key + " AWS_SECRET_ACCESS_KEY=" + secret +
      " AWS_SESSION_TOKEN= AWS_EC2_METADATA_DISABLED=true"
      " AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9 AWS_CONFIG_FILE=/dev/null"
      " AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1"
      " AWS_ENDPOINT_URL=" +
      sim.url + " aws --output json " + args + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

nlohmann::json parse(const CliRun& run) {
  auto j = nlohmann::json::parse(run.output, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << run.output;
  return j;
}

TEST(SimServeAwsCli, SeedProceduresWork) {
  // The sample estate: account 222222222222 has REST API ordersapi1 with a "Staging"
  // stage in us-east-1; captured_at 1767225600 freezes the virtual clock there.
  Sim sim = start_sim("--estate " + std::string(CG_SOURCE_DIR) + "/examples/sample-estate.json");
  ASSERT_FALSE(sim.url.empty());
  const std::string key = "AKIASAMPLEPROD000001";
  const std::string secret = "sample/workloads-prod/secretxxxxxxxxxxxx";

  CliRun ids = aws(sim, "apigateway get-rest-apis --query 'items[*].id'", key, secret);
  ASSERT_EQ(ids.rc, 0) << ids.output;
  auto id_list = parse(ids);
  EXPECT_NE(std::find(id_list.begin(), id_list.end(), "ordersapi1"), id_list.end()) << ids.output;

  CliRun cert =
      aws(sim, "apigateway generate-client-certificate --description backend-auth", key, secret);
  ASSERT_EQ(cert.rc, 0) << cert.output;
  std::string cert_id = parse(cert)["clientCertificateId"];
  EXPECT_EQ(parse(cert)["createdDate"], 1767225600);

  CliRun update = aws(sim,
                      "apigateway update-stage --rest-api-id ordersapi1 --stage-name Staging "
                      "--patch-operations op=replace,path=/clientCertificateId,value=" +
                          cert_id,
                      key, secret);
  ASSERT_EQ(update.rc, 0) << update.output;
  CliRun attached = aws(sim,
                        "apigateway get-stages --rest-api-id ordersapi1 --query "
                        "\"item[?(stageName=='Staging')].clientCertificateId\"",
                        key, secret);
  EXPECT_EQ(parse(attached), nlohmann::json::array({cert_id})) << attached.output;

  CliRun expiry = aws(sim,
                      "apigateway get-client-certificate --client-certificate-id " + cert_id +
                          " --query expirationDate",
                      key, secret);
  EXPECT_EQ(parse(expiry), 1767225600 + 31536000);

  EXPECT_EQ(aws(sim, "apigateway delete-client-certificate --client-certificate-id " + cert_id, key,
                secret)
                .rc,
            0);
  CliRun gone =
      aws(sim, "apigateway get-client-certificate --client-certificate-id " + cert_id, key, secret);
  EXPECT_EQ(gone.rc, 255);
  EXPECT_NE(gone.output.find("NotFoundException"), std::string::npos) << gone.output;

  CliRun who = aws(sim, "sts get-caller-identity", key, secret);
  EXPECT_EQ(who.rc, 0) << who.output;
  EXPECT_EQ(parse(who)["Account"], "222222222222");

  EXPECT_EQ(stop_sim(sim), 0);
}

TEST(SimServeAwsCli, BadCredentialsAreRejectedAsAws) {
  Sim sim = start_sim("");
  ASSERT_FALSE(sim.url.empty());
  CliRun wrong = aws(sim, "apigateway get-rest-apis", "testing", "wrong-secret");
  EXPECT_EQ(wrong.rc, 255);
  EXPECT_NE(wrong.output.find("InvalidSignatureException"), std::string::npos) << wrong.output;
  CliRun unknown = aws(sim, "apigateway get-rest-apis", "AKIANOBODY", "x");
  EXPECT_EQ(unknown.rc, 255);
  EXPECT_NE(unknown.output.find("UnrecognizedClientException"), std::string::npos)
      << unknown.output;
  EXPECT_EQ(stop_sim(sim), 0);
}

TEST(SimServeAwsCli, QuotasThrottleWithTooManyRequests) {
  // 0.1 req/s with a burst of 1: the second call within 10 s is throttled (no retries).
  Sim sim = start_sim("--quota-scale 0.01");
  ASSERT_FALSE(sim.url.empty());
  int throttled = 0;
  for (int i = 0; i < 2; ++i) {
    CliRun r = aws(sim, "apigateway get-rest-apis");
    if (r.output.find("TooManyRequestsException") != std::string::npos) ++throttled;
  }
  EXPECT_GE(throttled, 1);
  EXPECT_EQ(stop_sim(sim), 0);
}

TEST(SimServeCli, RejectsBadOptionsAndUnknownCommands) {
  auto rc_of = [](const std::string& args) {
    int status = std::system(
        (std::string(CG_BIN_DIR) + "/certguard-sim " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(rc_of("serve --quotas maybe"), 2);
  EXPECT_EQ(rc_of("serve --faults 5xx=7"), 2);
  EXPECT_EQ(rc_of("serve --estate /nonexistent/estate.json"), 1);
  EXPECT_EQ(rc_of("frobnicate"), 2);
}

}  // namespace
