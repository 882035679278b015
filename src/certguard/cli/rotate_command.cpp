#include "certguard/cli/rotate_command.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "certguard/cli/errors.h"
#include "certguard/cli/remediation_output.h"
#include "certguard/remediate/rotate_apply.h"
#include "certguard/remediate/rotate_plan.h"
#include "certguard/store/store.h"
#include "certguard/store/writer_lock.h"

namespace certguard::cli {

namespace {

void add_common(CLI::App* cmd, RotateCommandOptions& o, bool writes) {
  add_target_options(cmd, o.targets, true, "rotate in");
  cmd->add_option("--regions", o.regions,
                  "Regions to work in (default: the configured region; all: every enabled region)")
      ->delimiter(',');
  add_journal_option(cmd, o.db);
  if (writes) cmd->add_flag("--apply", o.apply, "Make the changes (journaled)");
}

remediate::RotatePhase phase_of(const RotateCommandOptions& o) {
  if (o.cutover->parsed()) return remediate::RotatePhase::kCutover;
  if (o.finish->parsed()) return remediate::RotatePhase::kFinish;
  return remediate::RotatePhase::kPrepare;
}

Result<remediate::RotatePlan> make_plan(const RotateCommandOptions& o,
                                        const inventory::Estate& estate, store::Store* db,
                                        const Clock& clock) {
  remediate::RotateOptions ro;
  ro.expiry_days = o.expiry_days;
  ro.certificate_id = o.certificate_id;
  ro.pem_dir = o.pem_dir;
  ro.redeploy = o.redeploy;
  ro.grace_seconds = std::llround(o.grace_hours * 3600.0);
  switch (phase_of(o)) {
    case remediate::RotatePhase::kPrepare:
      return remediate::plan_prepare(estate, ro, epoch_seconds(clock));
    case remediate::RotatePhase::kCutover: {
      auto entries = remediate::rotate_cutover_entries(db);
      if (!entries.ok()) return entries.error();
      return remediate::plan_cutover(estate, ro, *entries);
    }
    case remediate::RotatePhase::kFinish: {
      auto entries = remediate::rotate_cutover_entries(db);
      if (!entries.ok()) return entries.error();
      return remediate::plan_finish(estate, ro, remediate::cutover_times(*entries),
                                    epoch_seconds(clock));
    }
  }
  return make_error(ErrorKind::kInvalidInput, "rotate: no phase given");
}

int run_status(const RotateCommandOptions& o, const inventory::Estate& estate, store::Store* db,
               std::ostream& out, std::ostream& err) {
  auto entries = remediate::rotate_cutover_entries(db);
  if (!entries.ok()) return report_error(entries.error(), err);
  auto status = remediate::rotation_status(estate, remediate::cutover_times(*entries),
                                           std::llround(o.grace_hours * 3600.0));
  if (o.global->output == OutputFormat::kJson) {
    out << nlohmann::json{{"rotations", remediate::to_json(status)}}.dump(2) << "\n";
  } else {
    out << remediate::format_rotation_status(status);
  }
  return kExitOk;
}

}  // namespace

CLI::App* setup_rotate(CLI::App& app, RotateCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "rotate",
      "Rotate backend client certificates before they expire: prepare (generate + trust "
      "bundle), cutover (attach), finish (delete the old one after a grace period), status");
  cmd->require_subcommand(1);

  o.prepare = cmd->add_subcommand(
      "prepare",
      "Generate a replacement for each in-use certificate that expires soon and write a trust "
      "bundle (old + new PEM) per REST API for the backend; a plan unless --apply");
  add_common(o.prepare, o, true);
  auto* days = o.prepare->add_option("--expiry-days", o.expiry_days,
                                     "Rotate certificates that expire within N days (default 30)");
  auto* cert = o.prepare->add_option("--cert", o.certificate_id,
                                     "Rotate only this client certificate (whatever its expiry)");
  days->excludes(cert);
  o.prepare->add_option("--pem-dir", o.pem_dir,
                        "Write trust bundles here: ACCOUNT/REGION/API/trust-bundle-OLDID.pem");

  o.cutover = cmd->add_subcommand(
      "cutover",
      "Attach each prepared replacement to every stage that uses the old certificate; a plan "
      "unless --apply (roll back with certguard rollback RUN)");
  add_common(o.cutover, o, true);
  o.cutover->add_flag("--redeploy", o.redeploy,
                      "Create a deployment for each changed stage (1 per 5 s)");

  o.finish = cmd->add_subcommand(
      "finish",
      "Delete each replaced certificate once no stage uses it and the grace period since "
      "cutover has passed; a plan unless --apply (a delete cannot be rolled back)");
  add_common(o.finish, o, true);
  o.finish
      ->add_option("--grace-hours", o.grace_hours,
                   "Hours to wait after cutover before deleting (default 24)")
      ->check(CLI::NonNegativeNumber);

  o.status = cmd->add_subcommand("status", "Where each rotation stands");
  add_common(o.status, o, false);
  o.status
      ->add_option("--grace-hours", o.grace_hours,
                   "Grace period used to say when finish is allowed (default 24)")
      ->check(CLI::NonNegativeNumber);
  return cmd;
}

int run_rotate(const RotateCommandOptions& o, const aws::Environment& env, std::ostream& out,
               std::ostream& err) {
  auto path = journal_path(o.db, env);
  if (!path.ok()) return report_error(path.error(), err);
  auto made = TargetClients::create(*o.global, o.targets, env);
  if (!made.ok()) return report_error(made.error(), err);
  TargetClients* clients = made->get();
  if (auto s = clients->check_reach(o.targets, "rotate"); !s.ok()) {
    return report_error(s.error(), err);
  }

  auto db = store::Store::open(*path);
  if (!db.ok()) return report_error(db.error(), err);
  const bool status_only = o.status->parsed();
  const bool apply = o.apply && !status_only;
  const remediate::RotatePhase phase = phase_of(o);
  SystemClock clock;
  std::optional<store::WriterLock> lock;
  if (apply) {
    auto l = store::WriterLock::acquire(
        *path, fmt::format("certguard rotate {} --apply", remediate::phase_name(phase)));
    if (!l.ok()) return report_error(l.error(), err);
    lock.emplace(std::move(*l));
    // Earlier rotate runs that died: close their intents before reading AWS and planning.
    if (auto s = remediate::reconcile_rotate_runs(db->get(), &clock); !s.ok()) {
      return report_error(s.error(), err);
    }
  }

  CollectTargetsOptions collect;
  collect.regions = o.regions;
  collect.read_integrations = false;  // rotation needs stages and certificates only
  collect.command = "rotate";
  auto estate = collect_targets(o.targets, collect, clients);
  if (!estate.ok()) return report_error(estate.error(), err);
  if (status_only) return run_status(o, *estate, db->get(), out, err);

  auto plan = make_plan(o, *estate, db->get(), clock);
  if (!plan.ok()) return report_error(plan.error(), err);
  // What an earlier prepare finished is not work: a second prepare records no run.
  if (phase == remediate::RotatePhase::kPrepare) remediate::drop_prepared(&*plan, *estate);
  const bool json = o.global->output == OutputFormat::kJson;
  nlohmann::json doc;
  doc["plan"] = remediate::to_json(*plan);
  if (!json) out << remediate::format_rotate_plan(*plan);
  if (!apply || plan->empty()) {
    if (json) out << doc.dump(2) << "\n";
    if (!json && !apply && !plan->empty()) {
      out << "dry run: re-run with --apply to make these changes\n";
    }
    if (apply) {  // said on stderr too, so that it shows with --output json
      err << fmt::format("certguard: nothing to {}; no run recorded\n",
                         phase == remediate::RotatePhase::kPrepare ? std::string_view("rotate")
                                                                   : remediate::phase_name(phase));
    }
    return kExitOk;
  }

  const std::string run_id = new_run_id(remediate::run_kind(phase), clock);
  store::RunRecord run;
  run.id = run_id;
  run.kind = remediate::run_kind(phase);
  run.status = "applying";
  run.started_at = epoch_seconds(clock);
  run.options_json = doc["plan"].dump();
  if (auto s = (*db)->create_run(run); !s.ok()) return report_error(s.error(), err);
  err << "certguard: run " << run_id << "\n";

  remediate::Journal journal(db->get(), run_id, &clock, crash_after_from(env));
  remediate::ApplyDeps deps;
  deps.client = [clients](const std::string& acct, const std::string& region) {
    return clients->get(acct, region);
  };
  deps.clock = &clock;
  deps.sleeper = &clients->loop();
  auto report = clients->loop().run(remediate::apply_rotate(&*plan, &journal, &deps));
  if (!report.ok()) {
    (void)(*db)->set_run_status(run_id, "failed", epoch_seconds(clock));
    err << fmt::format(
        "certguard: run {} stopped; run certguard rotate {} --apply again to finish it{}\n", run_id,
        remediate::phase_name(phase),
        phase == remediate::RotatePhase::kFinish
            ? ""
            : fmt::format(" (or undo with: certguard rollback {} --apply)", run_id));
    return report_error(report.error(), err);
  }
  (void)(*db)->set_run_status(run_id, "done", epoch_seconds(clock));
  print_apply_result(*report, std::move(doc), json, out);
  return kExitOk;
}

}  // namespace certguard::cli
