#include "certguard/cli/fix_command.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <random>
#include <set>

#include "certguard/cli/errors.h"
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
  cmd->add_option("--regions", o.regions, "Regions to fix (default: the configured region)")
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

Task<Result<std::string>> caller_account(aws::AwsClient* sts_client) {
  services::sts::StsClient sts(*sts_client);
  auto id = co_await sts.get_caller_identity();
  if (!id.ok()) co_return id.error();
  co_return id->account;
}

Task<Result<inventory::Estate>> read_estate(ApiGatewayClients* clients, std::string account,
                                            std::vector<std::string> regions) {
  inventory::Estate estate;
  inventory::Account a;
  a.id = account;
  for (const auto& name : regions) {
    auto client = clients->get(account, name);
    if (!client.ok()) co_return client.error();
    auto region = co_await remediate::read_region(*client, name, true);
    if (!region.ok()) co_return region.error();
    a.regions.push_back(std::move(*region));
  }
  estate.accounts.push_back(std::move(a));
  co_return estate;
}

int print_and_apply(const remediate::FixPlan& plan, const std::string& run_id,
                    const FixCommandOptions& o, store::Store* db, Runtime* runtime,
                    ApiGatewayClients* clients, const aws::Environment& env, std::ostream& out,
                    std::ostream& err) {
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
  deps.sleeper = &runtime->loop();
  auto report = runtime->loop().run(remediate::apply_fix(&plan, &journal, &deps));
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
  auto runtime = Runtime::create(*o.global, env);
  if (!runtime.ok()) return report_error(runtime.error(), err);
  ApiGatewayClients clients(runtime->get());
  auto sts = (*runtime)->client(aws::ServiceId::kSts);
  if (!sts.ok()) return report_error(sts.error(), err);
  auto account = (*runtime)->loop().run(caller_account(sts->get()));
  if (!account.ok()) return report_error(account.error(), err);
  clients.set_account(*account);

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
    return print_and_apply(*plan, o.resume, o, db->get(), runtime->get(), &clients, env, out, err);
  }

  std::vector<std::string> regions = o.regions;
  if (regions.empty()) {
    auto r = (*runtime)->config().region();
    if (!r.ok()) return report_error(r.error(), err);
    regions.push_back(*r);
  }
  auto estate = (*runtime)->loop().run(read_estate(&clients, *account, regions));
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
  return print_and_apply(*plan, run_id, o, db->get(), runtime->get(), &clients, env, out, err);
}

}  // namespace certguard::cli
