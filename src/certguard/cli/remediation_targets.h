#pragma once

// What fix, rotate and rollback share: which accounts and regions they act in (scan's
// targets: --accounts, --org, --role-name, --external-id, --regions [all]), the API Gateway
// clients there, the journal's location, run ids and the test-only crash point.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"
#include "certguard/core/clock.h"
#include "certguard/inventory/collect/live_setup.h"
#include "certguard/inventory/estate/estate.h"
#include "certguard/services/apigateway/apigateway_client.h"

namespace certguard::cli {

// Which accounts a remediation acts in and how it gets there, as scan takes them.
struct TargetOptions {
  std::vector<std::string> accounts;  // default: the caller's account
  bool organization = false;          // every active account of the organization
  std::string role_name;              // assumed in each account; empty: caller's credentials
  std::string external_id;
};

// --role-name and --external-id; with `selection` also --accounts and --org. `verb` names
// what the command does there ("fix", "rotate") in the help text.
void add_target_options(CLI::App* cmd, TargetOptions& options, bool selection,
                        std::string_view verb = "fix");

// --db PATH: the journal database.
void add_journal_option(CLI::App* cmd, std::string& db);

// --db, else the default journal path. Errors: kConfig.
Result<std::string> journal_path(const std::string& db, const aws::Environment& env);

// The test-only crash point: CERTGUARD_TEST_CRASH_AFTER=<n> (0 when unset or invalid).
int crash_after_from(const aws::Environment& env);

// Epoch seconds of `clock`.
std::int64_t epoch_seconds(const Clock& clock);

// "PREFIX-YYYYMMDDTHHMMSSZ-xxxxxx" (random suffix), the journal's run id.
std::string new_run_id(std::string_view prefix, const Clock& clock);

// API Gateway clients per account-region with the credentials scan uses there (the role
// from --role-name, else the caller's own, which reach only the caller's account), all on
// one event loop; created on first use.
class TargetClients {
 public:
  // Errors: kConfig from the configuration (region, retry settings).
  static Result<std::unique_ptr<TargetClients>> create(const GlobalOptions& global,
                                                       const TargetOptions& targets,
                                                       const aws::Environment& env);
  // The caller's account (STS GetCallerIdentity, once). Errors: what STS returned.
  Result<std::string> caller_account();
  // Without --role-name the credentials reach only their own account: resolves the caller's
  // account (get() needs it, from inside the event loop) and refuses other accounts or
  // --org. Errors: STS's; kInvalidInput naming `command` and the missing --role-name.
  Status check_reach(const TargetOptions& targets, std::string_view command);
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

struct CollectTargetsOptions {
  std::vector<std::string> regions;  // empty: the configured region; {"all"}: every enabled
  bool read_integrations = true;     // GetResources per API (fix without --strict)
  std::string_view command = "fix";  // named in errors
};

// The estate of the targets, collected as scan collects it. A region that could not be
// read completely stops the command: planning from half a region could miss a stage.
// Errors: kInvalidInput for a bad region name; the collector's; kTransient for a partial
// read.
Result<inventory::Estate> collect_targets(const TargetOptions& targets,
                                          const CollectTargetsOptions& options,
                                          TargetClients* clients);

}  // namespace certguard::cli
