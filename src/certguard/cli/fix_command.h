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
#include "certguard/inventory/collect/live_setup.h"
#include "certguard/services/apigateway/apigateway_client.h"

namespace certguard::cli {

// Which accounts fix acts in and how it gets there, as scan takes them.
struct TargetOptions {
  std::vector<std::string> accounts;  // default: the caller's account
  bool organization = false;          // every active account of the organization
  std::string role_name;              // assumed in each account; empty: caller's credentials
  std::string external_id;
};

// --role-name and --external-id; with `selection` also --accounts and --org.
void add_target_options(CLI::App* cmd, TargetOptions& options, bool selection);

struct FixCommandOptions {
  const GlobalOptions* global = nullptr;
  TargetOptions targets;
  std::vector<std::string> regions;  // default: the configured region; "all": every enabled
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

// API Gateway clients per account-region with the credentials scan uses there (the role
// from --role-name, else the caller's own, which reach only the caller's account), all on
// one event loop; created on first use. Used by fix and rollback.
class TargetClients {
 public:
  // Errors: kConfig from the configuration (region, retry settings).
  static Result<std::unique_ptr<TargetClients>> create(const GlobalOptions& global,
                                                       const TargetOptions& targets,
                                                       const aws::Environment& env);
  // The caller's account (STS GetCallerIdentity, once). Errors: what STS returned.
  Result<std::string> caller_account();
  // Errors: kConfig from endpoint resolution or credentials; kInvalidInput for another
  // account than the caller's without --role-name.
  Result<services::apigateway::ApiGatewayClient*> get(const std::string& account,
                                                      const std::string& region);
  inventory::LiveSetup& setup() { return *setup_; }
  aws::CurlEventLoop& loop() { return setup_->loop(); }
  [[nodiscard]] const std::string& home_region() const { return home_region_; }

 private:
  struct Entry {
    std::shared_ptr<aws::CredentialsProvider> credentials;
    std::unique_ptr<aws::RetryPolicy> retry;
    std::unique_ptr<aws::AwsClient> aws;
    std::unique_ptr<services::apigateway::ApiGatewayClient> client;
  };
  TargetClients() = default;
  Result<std::unique_ptr<aws::AwsClient>> make_client(aws::ServiceId service,
                                                      const std::string& account,
                                                      const std::string& region, Entry* entry);

  std::unique_ptr<inventory::LiveSetup> setup_;
  inventory::CollectorDeps deps_;
  bool assume_role_ = false;
  std::string home_region_;
  std::string caller_;
  Entry sts_;
  std::map<std::pair<std::string, std::string>, Entry> clients_;
};

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
