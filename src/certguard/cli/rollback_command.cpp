#include "certguard/cli/rollback_command.h"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

#include "certguard/cli/errors.h"
#include "certguard/cli/remediation_output.h"
#include "certguard/cli/remediation_targets.h"
#include "certguard/remediate/rollback.h"
#include "certguard/store/store.h"
#include "certguard/store/writer_lock.h"

namespace certguard::cli {

CLI::App* setup_rollback(CLI::App& app, RollbackCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "rollback",
      "Undo a run: restore each stage's previous client certificate and delete the "
      "certificates the run created that nothing references; a plan unless --apply");
  cmd->add_option("RUN", o.run, "The run id (certguard journal list)")->required();
  cmd->add_flag("--apply", o.apply, "Make the changes (journaled as a run of its own)");
  add_target_options(cmd, o.targets, false, "roll back");
  add_journal_option(cmd, o.db);
  return cmd;
}

int run_rollback(const RollbackCommandOptions& o, const aws::Environment& env, std::ostream& out,
                 std::ostream& err) {
  auto path = journal_path(o.db, env);
  if (!path.ok()) return report_error(path.error(), err);
  auto db = store::Store::open(*path);
  if (!db.ok()) return report_error(db.error(), err);
  std::optional<store::WriterLock> lock;
  if (o.apply) {
    auto l = store::WriterLock::acquire(*path, "certguard rollback " + o.run + " --apply");
    if (!l.ok()) return report_error(l.error(), err);
    lock.emplace(std::move(*l));
  }
  auto run = (*db)->find_run(o.run);
  if (!run.ok()) return report_error(run.error(), err);
  if (!run->has_value()) {
    return report_error(make_error(ErrorKind::kInvalidInput,
                                   fmt::format("no run {} in the journal {}; see certguard "
                                               "journal list",
                                               o.run, *path)),
                        err);
  }
  auto entries = (*db)->entries(o.run);
  if (!entries.ok()) return report_error(entries.error(), err);

  auto clients = TargetClients::create(*o.global, o.targets, env);
  if (!clients.ok()) return report_error(clients.error(), err);
  TargetClients* targets = clients->get();
  if (auto s = targets->check_reach(o.targets, "rollback"); !s.ok()) {
    return report_error(s.error(), err);  // (resolves the caller's account for get())
  }
  remediate::ClientFor client_for = [targets](const std::string& account,
                                              const std::string& region) {
    return targets->get(account, region);
  };
  auto plan =
      targets->loop().run(remediate::plan_rollback(o.run, std::move(*entries), &client_for));
  if (!plan.ok()) return report_error(plan.error(), err);

  const bool json = o.global->output == OutputFormat::kJson;
  nlohmann::json doc;
  doc["plan"] = remediate::to_json(*plan);
  if (!json) out << remediate::format_rollback_table(*plan);
  if (!o.apply) {
    if (json) out << doc.dump(2) << "\n";
    if (!json) out << "dry run: re-run with --apply to make these changes\n";
    return kExitOk;
  }
  // The rollback is a run of its own; applying again resumes it (same id).
  const std::string rollback_id = "rollback-" + o.run;
  auto existing = (*db)->find_run(rollback_id);
  if (!existing.ok()) return report_error(existing.error(), err);
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  if (!existing->has_value()) {
    store::RunRecord r;
    r.id = rollback_id;
    r.kind = "rollback";
    r.parent_run = o.run;
    r.status = "applying";
    r.started_at = now;
    r.options_json = doc["plan"].dump();
    if (auto s = (*db)->create_run(r); !s.ok()) return report_error(s.error(), err);
  }
  SystemClock clock;
  remediate::Journal journal(db->get(), rollback_id, &clock, crash_after_from(env));
  remediate::ApplyDeps deps;
  deps.client = client_for;
  deps.clock = &clock;
  deps.sleeper = &targets->loop();
  auto report = targets->loop().run(remediate::apply_rollback(&*plan, &journal, &deps));
  if (!report.ok()) {
    (void)(*db)->set_run_status(rollback_id, "failed", now);
    err << fmt::format("certguard: rollback stopped; run certguard rollback {} --apply again\n",
                       o.run);
    return report_error(report.error(), err);
  }
  (void)(*db)->set_run_status(rollback_id, "done", now);
  (void)(*db)->set_run_status(o.run, "rolled back", now);
  print_apply_result(*report, std::move(doc), json, out);
  return kExitOk;
}

}  // namespace certguard::cli
