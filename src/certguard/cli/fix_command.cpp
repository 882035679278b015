#include "certguard/cli/fix_command.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>

#include "certguard/cli/errors.h"
#include "certguard/cli/remediation_output.h"
#include "certguard/remediate/apply.h"
#include "certguard/remediate/plan.h"
#include "certguard/rules/evaluate.h"
#include "certguard/store/store.h"
#include "certguard/store/writer_lock.h"

namespace certguard::cli {

CLI::App* setup_fix(CLI::App& app, FixCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "fix",
      "Give every failing stage a backend client certificate (generate, attach, optionally "
      "redeploy); prints the plan and changes nothing without --apply");
  add_target_options(cmd, o.targets, true, "fix");
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
  add_journal_option(cmd, o.db);
  cmd->add_flag("--strict", o.strict, "CG-001 flags every stage, not only HTTP-integrated ones");
  cmd->add_option("--expiry-days", o.expiry_days, "Expiry threshold in days (CG-003)");
  return cmd;
}

namespace {

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
    (void)db->set_run_status(run_id, "failed", epoch_seconds(clock));
    err << fmt::format(
        "certguard: run {} stopped; resume with: certguard fix --resume {} --apply "
        "(or undo with: certguard rollback {} --apply)\n",
        run_id, run_id, run_id);
    return report_error(report.error(), err);
  }
  (void)db->set_run_status(run_id, "done", epoch_seconds(clock));
  print_apply_result(*report, std::move(doc), json, out);
  return kExitOk;
}

}  // namespace

int run_fix(const FixCommandOptions& o, const aws::Environment& env, std::ostream& out,
            std::ostream& err) {
  auto path = journal_path(o.db, env);
  if (!path.ok()) return report_error(path.error(), err);
  auto clients = TargetClients::create(*o.global, o.targets, env);
  if (!clients.ok()) return report_error(clients.error(), err);
  if (auto s = (*clients)->check_reach(o.targets, "fix"); !s.ok()) {
    return report_error(s.error(), err);
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

  CollectTargetsOptions collect;
  collect.regions = o.regions;
  collect.read_integrations = !o.strict;
  auto estate = collect_targets(o.targets, collect, clients->get());
  if (!estate.ok()) return report_error(estate.error(), err);
  rules::RuleContext ctx;
  SystemClock clock;
  ctx.now = epoch_seconds(clock);
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
    run_id = new_run_id("fix", clock);
    store::RunRecord run;
    run.id = run_id;
    run.kind = "fix";
    run.status = "applying";
    run.started_at = epoch_seconds(clock);
    run.options_json = remediate::to_json(*plan).dump();
    if (auto s = (*db)->create_run(run); !s.ok()) return report_error(s.error(), err);
    err << "certguard: run " << run_id << "\n";
  }
  return print_and_apply(*plan, run_id, o, db->get(), clients->get(), env, out, err);
}

}  // namespace certguard::cli
