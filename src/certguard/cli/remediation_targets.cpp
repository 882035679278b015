#include "certguard/cli/remediation_targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <random>

#include "certguard/aws/config/endpoints.h"
#include "certguard/inventory/collect/collector.h"
#include "certguard/services/sts/sts_client.h"
#include "certguard/store/store.h"

namespace certguard::cli {

namespace ag = services::apigateway;

void add_target_options(CLI::App* cmd, TargetOptions& o, bool selection, std::string_view verb) {
  if (selection) {
    auto* accounts = cmd->add_option("--accounts", o.accounts,
                                     fmt::format("Account ids to {} (comma-separated)", verb))
                         ->delimiter(',');
    cmd->add_flag("--org", o.organization,
                  "Every active account of the organization (from the management account)")
        ->excludes(accounts);
  }
  cmd->add_option("--role-name", o.role_name,
                  "Role to assume in each account (arn:<partition>:iam::<id>:role/NAME)");
  cmd->add_option("--external-id", o.external_id, "External id sent with AssumeRole");
}

void add_journal_option(CLI::App* cmd, std::string& db) {
  cmd->add_option("--db", db, "Journal database (default $XDG_STATE_HOME/certguard/certguard.db)");
}

Result<std::string> journal_path(const std::string& db, const aws::Environment& env) {
  if (!db.empty()) return db;
  store::Env vars(env.vars().begin(), env.vars().end());
  return store::default_db_path(vars);
}

int crash_after_from(const aws::Environment& env) {
  auto it = env.vars().find("CERTGUARD_TEST_CRASH_AFTER");
  if (it == env.vars().end()) return 0;
  try {
    return std::stoi(it->second);
  } catch (const std::exception&) {
    return 0;
  }
}

std::int64_t epoch_seconds(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
}

std::string new_run_id(std::string_view prefix, const Clock& clock) {
  std::time_t t = std::chrono::system_clock::to_time_t(clock.now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::random_device rd;
  return fmt::format("{}-{:04}{:02}{:02}T{:02}{:02}{:02}Z-{:06x}", prefix, tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, rd() & 0xffffffu);
}

Result<std::unique_ptr<TargetClients>> TargetClients::create(const GlobalOptions& global,
                                                             const TargetOptions& targets,
                                                             const aws::Environment& env) {
  aws::ConfigOptions config_options;
  config_options.profile = global.profile;
  config_options.region = global.region;
  config_options.endpoint_url = global.endpoint_url;
  auto config = aws::AwsConfig::load(config_options, env);
  if (!config.ok()) return config.error();
  auto home = config->region();
  if (!home.ok()) return home.error();
  inventory::LiveOptions live;
  live.role_name = targets.role_name;
  live.external_id = targets.external_id;
  live.debug = global.debug;
  auto setup = inventory::LiveSetup::create(std::move(*config), live);
  if (!setup.ok()) return setup.error();
  std::unique_ptr<TargetClients> out(new TargetClients());
  out->setup_ = std::move(*setup);
  out->deps_ = out->setup_->deps({});
  out->assume_role_ = !targets.role_name.empty();
  out->home_region_ = *home;
  return out;
}

Result<std::unique_ptr<aws::AwsClient>> TargetClients::make_client(aws::ServiceId service,
                                                                   const std::string& account,
                                                                   const std::string& region,
                                                                   Entry* entry) {
  auto endpoint = deps_.endpoint(service, region);
  if (!endpoint.ok()) return endpoint.error();
  auto credentials = deps_.credentials(account);
  if (!credentials.ok()) return credentials.error();
  entry->credentials = std::move(*credentials);
  if (deps_.make_retry) entry->retry = deps_.make_retry();
  aws::ClientConfig config = aws::client_config_for(*endpoint);
  aws::ClientDeps deps;
  deps.transport = deps_.transport;
  deps.credentials = entry->credentials.get();
  deps.signer = deps_.signer;
  deps.clock = deps_.clock;
  deps.sleeper = deps_.sleeper;
  deps.retry = entry->retry.get();
  deps.debug = deps_.debug;
  return std::make_unique<aws::AwsClient>(config, deps);
}

namespace {

Task<Result<std::string>> fetch_caller_account(aws::AwsClient* sts_client) {
  services::sts::StsClient sts(*sts_client);
  auto id = co_await sts.get_caller_identity();
  if (!id.ok()) co_return id.error();
  co_return id->account;
}

}  // namespace

Result<std::string> TargetClients::caller_account() {
  if (!caller_.empty()) return caller_;
  if (!sts_.aws) {
    auto client = make_client(aws::ServiceId::kSts, {}, home_region_, &sts_);
    if (!client.ok()) return client.error();
    sts_.aws = std::move(*client);
  }
  auto account = loop().run(fetch_caller_account(sts_.aws.get()));
  if (!account.ok()) return account.error();
  caller_ = *account;
  return caller_;
}

Status TargetClients::check_reach(const TargetOptions& targets, std::string_view command) {
  if (assume_role_) return {};
  auto caller = caller_account();
  if (!caller.ok()) return caller.error();
  if (targets.organization ||
      std::any_of(targets.accounts.begin(), targets.accounts.end(),
                  [&caller](const std::string& a) { return a != *caller; })) {
    return make_error(ErrorKind::kInvalidInput,
                      fmt::format("{} in other accounts than the credentials' ({}) needs "
                                  "--role-name ROLE to assume there",
                                  command, *caller));
  }
  return {};
}

Result<ag::ApiGatewayClient*> TargetClients::get(const std::string& account,
                                                 const std::string& region) {
  if (!assume_role_) {
    // Called from inside the event loop: the caller's account must be known already.
    if (caller_.empty()) {
      return make_error(ErrorKind::kInternal,
                        "TargetClients::get before caller_account(): resolve it first");
    }
    if (!account.empty() && account != caller_) {
      return make_error(ErrorKind::kInvalidInput,
                        fmt::format("account {} is not the credentials' account {}: pass "
                                    "--role-name ROLE to act in it through an assumed role",
                                    account, caller_));
    }
  }
  auto key = std::make_pair(account, region);
  auto it = clients_.find(key);
  if (it != clients_.end()) return it->second.client.get();
  Entry e;
  auto client = make_client(aws::ServiceId::kApiGateway, account, region, &e);
  if (!client.ok()) return client.error();
  e.aws = std::move(*client);
  e.client = std::make_unique<ag::ApiGatewayClient>(*e.aws);
  auto* raw = e.client.get();
  clients_.emplace(key, std::move(e));
  return raw;
}

Result<inventory::Estate> collect_targets(const TargetOptions& targets,
                                          const CollectTargetsOptions& options,
                                          TargetClients* clients) {
  inventory::TargetSpec spec;
  spec.accounts = targets.accounts;
  spec.organization = targets.organization;
  spec.home_region = clients->home_region();
  if (options.regions.size() == 1 && options.regions[0] == "all") {
    spec.all_regions = true;
  } else {
    for (const auto& r : options.regions) {
      if (!aws::is_valid_region_name(r)) {
        return make_error(ErrorKind::kInvalidInput,
                          fmt::format("--regions: invalid region name '{}'", r));
      }
    }
    spec.regions = options.regions;
  }
  inventory::CollectOptions collect;
  collect.read_integrations = options.read_integrations;
  inventory::Collector collector(clients->setup().deps({}), collect);
  auto result = clients->loop().run(collector.collect(spec));
  if (!result.ok()) return result.error();
  // A partial failure (one API's GetStages, ...) hides stages: planning would skip them.
  if (!result->warnings.empty()) {
    return make_error(ErrorKind::kTransient,
                      fmt::format("{} needs a complete scan, but {} part(s) could not be read "
                                  "(first: {}); run {} again",
                                  options.command, result->warnings.size(),
                                  result->warnings.front(), options.command));
  }
  for (const auto& account : result->estate.accounts) {
    for (const auto& region : account.regions) {
      if (region.scan.state == inventory::ScanState::kError) {
        return make_error(
            ErrorKind::kTransient,
            fmt::format("{} needs a complete scan, but account {} region {} could "
                        "not be read: {}; fix that and run again",
                        options.command, account.id, region.name, region.scan.error_message));
      }
    }
  }
  return std::move(result->estate);
}

}  // namespace certguard::cli
