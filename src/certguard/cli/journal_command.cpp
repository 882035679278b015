#include "certguard/cli/journal_command.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "certguard/cli/errors.h"
#include "certguard/cli/remediation_targets.h"
#include "certguard/store/store.h"

namespace certguard::cli {

CLI::App* setup_journal(CLI::App& app, JournalCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand("journal", "Show the remediation journal");
  cmd->require_subcommand(1);
  add_journal_option(cmd, o.db);
  o.list = cmd->add_subcommand("list", "Runs, newest first");
  o.show = cmd->add_subcommand("show", "Every journaled step of one run");
  o.show->add_option("RUN", o.run, "The run id")->required();
  return cmd;
}

int run_journal(const JournalCommandOptions& o, const aws::Environment& env, std::ostream& out,
                std::ostream& err) {
  auto path = journal_path(o.db, env);
  if (!path.ok()) return report_error(path.error(), err);
  auto db = store::Store::open(*path);
  if (!db.ok()) return report_error(db.error(), err);
  const bool json = o.global->output == OutputFormat::kJson;
  if (o.list->parsed()) {
    auto runs = (*db)->list_runs();
    if (!runs.ok()) return report_error(runs.error(), err);
    nlohmann::json arr = nlohmann::json::array();
    if (!json) {
      out << fmt::format("{:<34}  {:<9}  {:<12}  {:<11}  {}\n", "RUN", "KIND", "STATUS", "STARTED",
                         "UNDOES");
    }
    for (const auto& r : *runs) {
      arr.push_back({{"run_id", r.id},
                     {"kind", r.kind},
                     {"status", r.status},
                     {"started_at", r.started_at},
                     {"finished_at", r.finished_at},
                     {"parent_run", r.parent_run}});
      if (!json) {
        out << fmt::format("{:<34}  {:<9}  {:<12}  {:<11}  {}\n", r.id, r.kind, r.status,
                           r.started_at, r.parent_run);
      }
    }
    if (json) out << nlohmann::json{{"runs", arr}}.dump(2) << "\n";
    return kExitOk;
  }
  auto run = (*db)->find_run(o.run);
  if (!run.ok()) return report_error(run.error(), err);
  if (!run->has_value()) {
    return report_error(make_error(ErrorKind::kInvalidInput,
                                   fmt::format("no run {} in the journal {}", o.run, *path)),
                        err);
  }
  auto entries = (*db)->entries(o.run);
  if (!entries.ok()) return report_error(entries.error(), err);
  nlohmann::json arr = nlohmann::json::array();
  if (!json) {
    out << fmt::format("run {} ({}, {})\n", (*run)->id, (*run)->kind, (*run)->status);
  }
  for (const auto& e : *entries) {
    const std::string result = e.pending() ? "PENDING" : e.result;
    arr.push_back({{"seq", e.seq},
                   {"operation", e.operation},
                   {"account", e.account},
                   {"region", e.region},
                   {"resource", e.resource},
                   {"previous_value", e.previous_value},
                   {"new_value", e.new_value},
                   {"intent_at", e.intent_at},
                   {"result", result},
                   {"result_detail", e.result_detail},
                   {"request_id", e.request_id},
                   {"result_at", e.result_at}});
    if (!json) {
      out << fmt::format("{:>4}  {:<26}  {}/{}  {:<36}  {} -> {}  {}{}\n", e.seq, e.operation,
                         e.account, e.region, e.resource,
                         e.previous_value.empty() ? "-" : e.previous_value,
                         e.new_value.empty() ? "-" : e.new_value, result,
                         e.result_detail.empty() ? "" : ": " + e.result_detail);
    }
  }
  if (json) {
    out << nlohmann::json{{"run_id", (*run)->id},
                          {"kind", (*run)->kind},
                          {"status", (*run)->status},
                          {"parent_run", (*run)->parent_run},
                          {"entries", arr}}
               .dump(2)
        << "\n";
  }
  return kExitOk;
}

}  // namespace certguard::cli
