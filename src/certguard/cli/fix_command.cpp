#include "certguard/cli/fix_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <random>
#include <set>

#include "certguard/aws/config/endpoints.h"
#include "certguard/cli/errors.h"
#include "certguard/inventory/collect/collector.h"
#include "certguard/remediate/apply.h"
#include "certguard/remediate/plan.h"
#include "certguard/remediate/region_state.h"
#include "certguard/rules/evaluate.h"
#include "certguard/services/sts/sts_client.h"
#include "certguard/store/store.h"
#include "certguard/store/writer_lock.h"

namespace certguard::cli {

namespace ag = services::apigateway;

CLI::App* setup_fix(CLI::App& app, FixCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "fix",
      "Give every failing stage a backend client certificate (generate, attach, optionally "
      "redeploy); prints the plan and changes nothing without --apply");
  add_target_options(cmd, o.targets, true);
  cmd->add_option("--regions", o.regions,
                  "Regions to fix (default: the configured region; all: every enabled region)")
      ->delimiter(',');
  cmd->add_option("--rules", o.rules, "Rules whose failing stages are fixed")->delimiter(',');
  cmd->add_option("--cert-scope", o.cert_scope, "One certificate per stage or per REST API")
      ->check(CLI::IsMember({"stage", "api"}));
  cmd->add_flag("--redeploy", o.redeploy, "Create a deployment for each changed stage");
  cmd->add_option("--pem-dir", o.pem_dir,
                  "Write each new certificate's PEM here (ACCOUNT/REGION/API/STAGE.pem) for the "
                  "backend's trust store");
  cmd->add_flag("--apply", o.apply, "Make the changes (journaled)");
  cmd->add_option("--resume", o.resume, "Finish the run RUN that died (implies its plan)");
  cmd->add_option("--db", o.db,
                  "Journal database (default $XDG_STATE_HOME/certguard/certguard.db)");
  cmd->add_flag("--strict", o.strict, "CG-001 flags every stage, not only HTTP-integrated ones");
  cmd->add_option("--expiry-days", o.expiry_days, "Expiry threshold in days (CG-003)");
  return cmd;
}

void add_target_options(CLI::App* cmd, TargetOptions& o, bool selection) {
  if (selection) {
    auto* accounts =
        cmd->add_option("--accounts", o.accounts, "Account ids to fix (comma-separated)")
            ->delimiter(',');
    cmd->add_flag("--org", o.organization,
                  "Every active account of the organization (from the management account)")
        ->excludes(accounts);
  }
  cmd->add_option("--role-name", o.role_name,
                  "Role to assume in each account (arn:<partition>:iam::<id>:role/NAME)");
  cmd->add_option("--external-id", o.external_id, "External id sent with AssumeRole");
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

Result<ag::ApiGatewayClient*> ApiGatewayClients::get(const std::string& account,
                                                     const std::string& region) {
  if (!account_.empty() && !account.empty() && account != account_) {
    return make_error(ErrorKind::kInvalidInput,
                      fmt::format("the journal names account {} but the credentials are for {}: "
                                  "use credentials for {}",
                                  account, account_, account));
  }
  auto it = by_region_.find(region);
  if (it != by_region_.end()) return it->second.client.get();
  auto client = runtime_->client(aws::ServiceId::kApiGateway, region);
  if (!client.ok()) return client.error();
  Entry e;
  e.aws = std::move(*client);
  e.client = std::make_unique<ag::ApiGatewayClient>(*e.aws);
  auto* raw = e.client.get();
  by_region_.emplace(region, std::move(e));
  return raw;
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
  aws::ClientConfig config;
  config.endpoint_url = endpoint->url;
  config.signing_region = endpoint->signing_region;
  config.signing_name = endpoint->signing_name;
  config.accept_json = service == aws::ServiceId::kApiGateway;
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

namespace {

std::int64_t epoch_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string new_run_id(std::string_view prefix) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::random_device rd;
  return fmt::format("{}-{:04}{:02}{:02}T{:02}{:02}{:02}Z-{:06x}", prefix, tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, rd() & 0xffffffu);
}

// The estate of the fix's targets, collected as scan collects it. A region that could not
// be read completely stops the fix: planning from half a region could miss a stage.
Result<inventory::Estate> collect_targets(const FixCommandOptions& o, TargetClients* clients) {
  inventory::TargetSpec targets;
  targets.accounts = o.targets.accounts;
  targets.organization = o.targets.organization;
  targets.home_region = clients->home_region();
  if (o.regions.size() == 1 && o.regions[0] == "all") {
    targets.all_regions = true;
  } else {
    for (const auto& r : o.regions) {
      if (!aws::is_valid_region_name(r)) {
        return make_error(ErrorKind::kInvalidInput,
                          fmt::format("--regions: invalid region name '{}'", r));
      }
    }
    targets.regions = o.regions;
  }
  inventory::CollectOptions options;
  options.read_integrations = !o.strict;
  inventory::Collector collector(clients->setup().deps({}), options);
  auto result = clients->loop().run(collector.collect(targets));
  if (!result.ok()) return result.error();
  // A partial failure (one API's GetStages, ...) hides stages: planning would skip them.
  if (!result->warnings.empty()) {
    return make_error(ErrorKind::kTransient,
                      fmt::format("fix needs a complete scan, but {} part(s) could not be read "
                                  "(first: {}); run fix again",
                                  result->warnings.size(), result->warnings.front()));
  }
  for (const auto& account : result->estate.accounts) {
    for (const auto& region : account.regions) {
      if (region.scan.state == inventory::ScanState::kError) {
        return make_error(ErrorKind::kTransient,
                          fmt::format("fix needs a complete scan, but account {} region {} could "
                                      "not be read: {}; fix that and run again",
                                      account.id, region.name, region.scan.error_message));
      }
    }
  }
  return std::move(result->estate);
}

int print_and_apply(const remediate::FixPlan& plan, const std::string& run_id,
                    const FixCommandOptions& o, store::Store* db, TargetClients* clients,
                    const aws::Environment& env, std::ostream& out, std::ostream& err) {
  const bool json = o.global->output == OutputFormat::kJson;
  nlohmann::json doc;
  doc["plan"] = remediate::to_json(plan);
  if (!json) out << remediate::format_plan_table(plan);
  if (!o.apply || plan.items.empty()) {
    if (json) out << doc.dump(2) << "\n";
    if (!json && !o.apply && !plan.items.empty())
      out << "dry run: re-run with --apply to make these changes\n";
    return kExitOk;
  }
  SystemClock clock;
  remediate::Journal journal(db, run_id, &clock, crash_after_from(env));
  remediate::ApplyDeps deps;
  deps.client = [clients](const std::string& account, const std::string& region) {
    return clients->get(account, region);
  };
  deps.clock = &clock;
  deps.sleeper = &clients->loop();
  auto report = clients->loop().run(remediate::apply_fix(&plan, &journal, &deps));
  if (!report.ok()) {
    (void)db->set_run_status(run_id, "failed", epoch_now());
    err << fmt::format(
        "certguard: run {} stopped; resume with: certguard fix --resume {} --apply "
        "(or undo with: certguard rollback {} --apply)\n",
        run_id, run_id, run_id);
    return report_error(report.error(), err);
  }
  (void)db->set_run_status(run_id, "done", epoch_now());
  if (json) {
    doc["result"] = remediate::to_json(*report);
    out << doc.dump(2) << "\n";
  } else {
    out << remediate::format_report_table(*report);
  }
  return kExitOk;
}

}  // namespace

int run_fix(const FixCommandOptions& o, const aws::Environment& env, std::ostream& out,
            std::ostream& err) {
  auto path = journal_path(o.db, env);
  if (!path.ok()) return report_error(path.error(), err);
  auto clients = TargetClients::create(*o.global, o.targets, env);
  if (!clients.ok()) return report_error(clients.error(), err);
  if (o.targets.role_name.empty()) {
    // Without a role the credentials reach only their own account.
    auto caller = (*clients)->caller_account();
    if (!caller.ok()) return report_error(caller.error(), err);
    if (o.targets.organization ||
        std::any_of(o.targets.accounts.begin(), o.targets.accounts.end(),
                    [&caller](const std::string& a) { return a != *caller; })) {
      return report_error(make_error(ErrorKind::kInvalidInput,
                                     fmt::format("fix in other accounts than the credentials' "
                                                 "({}) needs --role-name ROLE to assume there",
                                                 *caller)),
                          err);
    }
  }

  auto db = store::Store::open(*path);
  if (!db.ok()) return report_error(db.error(), err);
  std::optional<store::WriterLock> lock;
  if (o.apply) {
    auto l = store::WriterLock::acquire(
        *path, o.resume.empty() ? "certguard fix --apply" : "certguard fix --resume " + o.resume);
    if (!l.ok()) return report_error(l.error(), err);
    lock.emplace(std::move(*l));
  }

  if (!o.resume.empty()) {
    auto run = (*db)->find_run(o.resume);
    if (!run.ok()) return report_error(run.error(), err);
    if (!run->has_value() || (*run)->kind != "fix") {
      return report_error(make_error(ErrorKind::kInvalidInput,
                                     fmt::format("no fix run {} in the journal {}; see certguard "
                                                 "journal list",
                                                 o.resume, *path)),
                          err);
    }
    auto plan =
        remediate::fix_plan_from_json(nlohmann::json::parse((*run)->options_json, nullptr, false));
    if (!plan.ok()) return report_error(plan.error(), err);
    if (o.apply) (void)(*db)->set_run_status(o.resume, "applying", 0);
    return print_and_apply(*plan, o.resume, o, db->get(), clients->get(), env, out, err);
  }

  auto estate = collect_targets(o, clients->get());
  if (!estate.ok()) return report_error(estate.error(), err);
  rules::RuleContext ctx;
  ctx.now = epoch_now();
  ctx.strict = o.strict;
  ctx.expiry_days = o.expiry_days;
  auto findings = rules::evaluate(*estate, ctx);

  remediate::FixOptions fo;
  fo.rules = std::set<std::string>(o.rules.begin(), o.rules.end());
  fo.scope = o.cert_scope == "api" ? remediate::CertScope::kApi : remediate::CertScope::kStage;
  fo.redeploy = o.redeploy;
  fo.pem_dir = o.pem_dir;
  auto plan = remediate::plan_fix(*estate, findings, fo);
  if (!plan.ok()) return report_error(plan.error(), err);

  std::string run_id;
  if (o.apply && !plan->items.empty()) {
    run_id = new_run_id("fix");
    store::RunRecord run;
    run.id = run_id;
    run.kind = "fix";
    run.status = "applying";
    run.started_at = epoch_now();
    run.options_json = remediate::to_json(*plan).dump();
    if (auto s = (*db)->create_run(run); !s.ok()) return report_error(s.error(), err);
    err << "certguard: run " << run_id << "\n";
  }
  return print_and_apply(*plan, run_id, o, db->get(), clients->get(), env, out, err);
}

}  // namespace certguard::cli
