#pragma once

// The e2e remediation tests' helpers: run the certguard executable against a sim with only
// the test's environment, and compare region states.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <map>
#include <string>
#include <vector>

#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"

namespace certguard::remediate::testing {

// Runs the certguard executable with the test's environment only (no inherited AWS_*).
// stderr goes to `stderr_path` and stdout to `stdout_path` when given. Returns the exit code
// (128 + signal if killed).
inline int run_certguard(const std::vector<std::string>& args, const std::string& endpoint,
                         const std::string& home, int crash_after,
                         const std::string& stderr_path = {}, const std::string& stdout_path = {}) {
  std::vector<std::string> env = {"AWS_ACCESS_KEY_ID=testing",
                                  "AWS_SECRET_ACCESS_KEY=testing",
                                  "AWS_EC2_METADATA_DISABLED=true",
                                  "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9",
                                  "AWS_CONFIG_FILE=/dev/null",
                                  "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                                  "AWS_DEFAULT_REGION=us-east-1",
                                  "AWS_ENDPOINT_URL=" + endpoint,
                                  "HOME=" + home,
                                  "ASAN_OPTIONS=detect_leaks=0"};
  if (crash_after > 0) env.push_back("CERTGUARD_TEST_CRASH_AFTER=" + std::to_string(crash_after));
  std::string exe = std::string(CG_BIN_DIR) + "/certguard";
  std::vector<std::string> argv_s = {exe};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_path.empty()) {
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
  }
  if (!stderr_path.empty()) {
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
  }
  pid_t pid = 0;
  int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// What must match between runs: which certificate kind each stage has (ids differ).
inline std::map<std::string, std::string> shape(const inventory::Region& region) {
  std::map<std::string, std::string> out;
  for (const auto& api : region.rest_apis) {
    for (const auto& s : api.stages) {
      const auto* c = find_certificate(region, s.client_certificate_id);
      std::string kind = s.client_certificate_id.empty() ? "none"
                         : c == nullptr                  ? "dangling:" + s.client_certificate_id
                         : c->tags.count(std::string(kTagReplaces)) > 0
                             ? "replacement-of:" + c->tags.at(std::string(kTagReplaces))
                         : c->tags.count(std::string(kTagManaged)) > 0
                             ? "managed:" + c->tags.at(std::string(kTagTarget))
                             : "existing:" + c->id;
      out[api.id + "/" + s.stage_name] = kind;
    }
  }
  out["#certificates"] = std::to_string(region.client_certificates.size());
  return out;
}

inline std::vector<std::string> orphans(const inventory::Region& region) {
  std::vector<std::string> out;
  for (const auto& c : region.client_certificates) {
    if (c.tags.count(std::string(kTagManaged)) > 0 && stages_referencing(region, c.id).empty()) {
      out.push_back(c.id);
    }
  }
  return out;
}

}  // namespace certguard::remediate::testing
