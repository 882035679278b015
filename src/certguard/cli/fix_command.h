#pragma once

// `certguard fix`: plan (and with --apply, make) the changes that give every failing stage a
// client certificate; `--resume RUN` finishes a run that died. Also the pieces rollback and
// journal share: the journal location and the per-region API Gateway clients.

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"
#include "certguard/cli/runtime.h"
#include "certguard/services/apigateway/apigateway_client.h"

namespace certguard::cli {

struct FixCommandOptions {
  const GlobalOptions* global = nullptr;
  std::vector<std::string> regions;  // default: the configured region
  std::vector<std::string> rules = {"CG-001", "CG-002", "CG-004"};
  std::string cert_scope = "stage";
  bool redeploy = false;
  std::string pem_dir;
  bool apply = false;
  std::string resume;  // run id
  std::string db;      // journal path; default under XDG_STATE_HOME
  bool strict = false;
  int expiry_days = 30;
};

CLI::App* setup_fix(CLI::App& app, FixCommandOptions& options);
int run_fix(const FixCommandOptions& options, const aws::Environment& env, std::ostream& out,
            std::ostream& err);

// --db, else the default journal path. Errors: kConfig.
Result<std::string> journal_path(const std::string& db, const aws::Environment& env);

// The test-only crash point: CERTGUARD_TEST_CRASH_AFTER=<n> (0 when unset or invalid).
int crash_after_from(const aws::Environment& env);

// API Gateway clients per region of the caller's account, created on first use.
class ApiGatewayClients {
 public:
  explicit ApiGatewayClients(Runtime* runtime) : runtime_(runtime) {}
  // Errors: kConfig from endpoint resolution; kInvalidInput for another account (fix works
  // in the credentials' own account).
  Result<services::apigateway::ApiGatewayClient*> get(const std::string& account,
                                                      const std::string& region);
  void set_account(std::string account) { account_ = std::move(account); }

 private:
  struct Entry {
    std::unique_ptr<aws::AwsClient> aws;
    std::unique_ptr<services::apigateway::ApiGatewayClient> client;
  };
  Runtime* runtime_;
  std::string account_;
  std::map<std::string, Entry> by_region_;
};

}  // namespace certguard::cli
