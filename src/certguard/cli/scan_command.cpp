#include "certguard/cli/scan_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "certguard/aws/config/aws_config.h"
#include "certguard/cli/errors.h"
#include "certguard/inventory/collect/collector.h"
#include "certguard/inventory/collect/live_setup.h"
#include "certguard/inventory/estate/estate_json.h"
#include "certguard/inventory/estate/iso8601.h"
#include "certguard/report/asff_writer.h"
#include "certguard/report/csv_writer.h"
#include "certguard/report/json_writer.h"
#include "certguard/report/scan_report.h"
#include "certguard/report/table_writer.h"
#include "certguard/rules/config.h"
#include "certguard/rules/evaluate.h"

namespace certguard::cli {
namespace {

using inventory::EpochSeconds;

EpochSeconds to_epoch(WallTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Error usage(std::string message) {
  return make_error(ErrorKind::kConfig, std::move(message));
}

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find(',', start);
      if (end == std::string::npos) end = value.size();
      std::string item = value.substr(start, end - start);
      if (!item.empty()) out.push_back(item);
      start = end + 1;
    }
  }
  return out;
}

// The evaluation settings and the parsed filters.
struct Settings {
  rules::RuleContext context;
  rules::RuleConfig config;
  rules::Severity fail_on = rules::Severity::kLow;
  std::vector<rules::Status> statuses;
  std::string format;
};

Result<rules::RuleConfig> load_config(const ScanOptions& o, const aws::Environment& env) {
  if (!o.config_file.empty()) return rules::load_rule_config_file(o.config_file);
  std::string path = default_config_path(env);
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return rules::RuleConfig{};
  return rules::load_rule_config_file(path);
}

Result<Settings> settings_from(const ScanOptions& o, const aws::Environment& env) {
  Settings s;
  if (o.expiry_days < 0) return usage("--expiry-days must be 0 or more");
  if (o.max_upload_age_days < 0) return usage("--max-upload-age-days must be 0 or more");
  s.context.strict = o.strict;
  s.context.expiry_days = o.expiry_days;
  s.context.max_upload_age_days = o.max_upload_age_days;
  if (!o.now.empty()) {
    std::optional<EpochSeconds> now = inventory::parse_iso8601(o.now);
    if (!now && o.now.find_first_not_of("0123456789") == std::string::npos) {
      now = std::stoll(o.now);
    }
    if (!now) return usage("--now: expected ISO-8601 (2026-01-01T00:00:00Z) or epoch seconds");
    s.context.now = *now;
  }
  std::optional<rules::Severity> fail_on = rules::parse_severity(o.fail_on);
  if (!fail_on) {
    return usage("--fail-on: expected critical, high, medium, low or informational, got '" +
                 o.fail_on + "'");
  }
  s.fail_on = *fail_on;
  for (const auto& name : split_commas(o.status_filter)) {
    std::optional<rules::Status> status = rules::parse_status(name);
    if (!status) {
      return usage("--status: expected fail, pass, not_applicable, error or suppressed, got '" +
                   name + "'");
    }
    s.statuses.push_back(*status);
  }
  Result<rules::RuleConfig> config = load_config(o, env);
  if (!config.ok()) return config.error();
  s.config = std::move(*config);
  return s;
}

void print_progress(const inventory::CollectProgress& p) {
  std::cerr << fmt::format("\rcertguard: {}/{} account-regions, {} calls, {} throttled", p.done,
                           p.total, p.calls, p.throttled)
            << std::flush;
}

// Collects the estate live. Errors: usage (2) for configuration problems, others mean
// the targets could not be resolved (3).
Result<inventory::CollectResult> collect_live(const ScanOptions& o, const aws::Environment& env,
                                              bool progress, std::ostream& err) {
  aws::ConfigOptions config_options;
  config_options.profile = o.global->profile;
  config_options.region = o.global->region;
  config_options.endpoint_url = o.global->endpoint_url;
  Result<aws::AwsConfig> config = aws::AwsConfig::load(config_options, env);
  if (!config.ok()) return config.error();
  Result<std::string> home = config->region();
  if (!home.ok()) return home.error();

  inventory::TargetSpec targets;
  targets.accounts = split_commas(o.accounts);
  targets.organization = o.organization;
  targets.home_region = *home;
  std::vector<std::string> regions = split_commas(o.regions);
  if (regions.size() == 1 && regions[0] == "all") {
    targets.all_regions = true;
  } else {
    for (const auto& r : regions) {
      if (r == "all") return usage("--regions all cannot be combined with region names");
      if (!aws::is_valid_region_name(r)) return usage("--regions: invalid region name '" + r + "'");
    }
    targets.regions = regions;
  }
  if (!targets.accounts.empty() && targets.organization) {
    return usage("--accounts and --org cannot be combined");
  }

  inventory::LiveOptions live;
  live.role_name = o.role_name;
  live.external_id = o.external_id;
  live.debug = o.global->debug;
  Result<std::unique_ptr<inventory::LiveSetup>> setup =
      inventory::LiveSetup::create(std::move(*config), live);
  if (!setup.ok()) return setup.error();
  inventory::ProgressFn on_progress;
  if (progress) on_progress = print_progress;
  inventory::CollectOptions options;
  options.max_concurrency = o.max_concurrency;
  options.read_integrations = !o.strict || !o.snapshot_out.empty();
  inventory::Collector collector((*setup)->deps(std::move(on_progress)), options);
  Result<inventory::CollectResult> result = (*setup)->loop().run(collector.collect(targets));
  if (progress) err << "\n";
  return result;
}

std::string render(const report::ScanReport& r, const std::string& format, bool color) {
  if (format == "json") return report::write_json(r);
  if (format == "csv") return report::write_csv(r);
  if (format == "asff") return report::write_asff(r);
  return report::write_table(r, report::TableOptions{.color = color});
}

Status write_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return usage("--out " + path + ": cannot open for writing");
  file << text;
  file.close();
  if (!file) return usage("--out " + path + ": write failed");
  return {};
}

Status write_json_report(const std::string& path, const report::ScanReport& r, std::ostream& out) {
  if (path.empty()) {
    report::write_json(r, out);
    out << std::flush;
    return {};
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return usage("--out " + path + ": cannot open for writing");
  report::write_json(r, file);
  file.close();
  if (!file) return usage("--out " + path + ": write failed");
  return {};
}

std::string choose_format(const ScanOptions& o) {
  if (!o.output.empty()) return o.output;
  if (o.global_output != nullptr && o.global_output->count() > 0 && o.global != nullptr) {
    return o.global->output == OutputFormat::kJson ? "json" : "table";
  }
  return isatty(STDOUT_FILENO) != 0 && o.out_file.empty() ? "table" : "json";
}

}  // namespace

std::string default_config_path(const aws::Environment& env) {
  if (auto xdg = env.get("XDG_CONFIG_HOME")) return *xdg + "/certguard/certguard.yaml";
  if (auto home = env.get("HOME")) return *home + "/.config/certguard/certguard.yaml";
  return {};
}

CLI::App* setup_scan(CLI::App& app, ScanOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "scan", "Audit API Gateway stages, client certificates and custom domains (read-only)");
  cmd->add_option("--accounts", o.accounts, "Account ids to scan (comma-separated)")
      ->delimiter(',');
  cmd->add_flag("--org", o.organization,
                "Scan every active account of the organization (Organizations ListAccounts)");
  cmd->add_option("--regions", o.regions,
                  "Regions to scan (comma-separated), or 'all' for every enabled region; "
                  "default: the configured region")
      ->delimiter(',');
  cmd->add_option("--role-name", o.role_name,
                  "Role to assume in each account (arn:<partition>:iam::<id>:role/NAME)");
  cmd->add_option("--external-id", o.external_id, "ExternalId for --role-name");
  cmd->add_flag("--strict", o.strict,
                "CG-001 flags every stage without a client certificate, not only stages of APIs "
                "with an HTTP integration");
  cmd->add_option("--expiry-days", o.expiry_days,
                  "Flag certificates expiring within N days (default 30)");
  cmd->add_option("--max-upload-age-days", o.max_upload_age_days,
                  "Flag imported domain certificates uploaded more than N days ago (default 395)");
  cmd->add_option("--config", o.config_file,
                  "Rule configuration (default: certguard.yaml in $XDG_CONFIG_HOME/certguard or "
                  "~/.config/certguard, if present)");
  cmd->add_option("--now", o.now,
                  "Evaluate as of this instant (ISO-8601 or epoch seconds; for replays and "
                  "emulators with a fixed clock)");
  cmd->add_option("--output", o.output, "Report format: table, json, csv or asff")
      ->check(CLI::IsMember({"table", "json", "csv", "asff"}));
  cmd->add_option("--out", o.out_file, "Write the report to FILE instead of stdout");
  cmd->add_option("--status", o.status_filter,
                  "Only report findings with these statuses (e.g. fail,error)")
      ->delimiter(',');
  cmd->add_option("--fail-on", o.fail_on,
                  "Exit 1 when a FAIL has this severity or higher (default low)");
  cmd->add_flag("--quiet", o.quiet, "No progress line or warnings on stderr");
  CLI::Option* snap_out =
      cmd->add_option("--snapshot-out", o.snapshot_out, "Also write the collected estate JSON");
  CLI::Option* snap_in = cmd->add_option("--from-snapshot", o.from_snapshot,
                                         "Evaluate an estate JSON offline (no AWS calls)");
  snap_out->excludes(snap_in);
  cmd->add_option("--max-concurrency", o.max_concurrency,
                  "Account-regions scanned at once (default 64)")
      ->check(CLI::PositiveNumber);
  return cmd;
}

int run_scan(const ScanOptions& o, const aws::Environment& env, std::ostream& out,
             std::ostream& err) {
  Result<Settings> settings = settings_from(o, env);
  if (!settings.ok()) return report_error(settings.error(), err);
  const bool tty = isatty(STDERR_FILENO) != 0;

  inventory::Estate estate;
  WallTime started = std::chrono::system_clock::now();
  WallTime finished = started;
  std::vector<std::string> warnings;
  if (!o.from_snapshot.empty()) {
    Result<inventory::Estate> loaded = inventory::load_estate_file(o.from_snapshot);
    if (!loaded.ok()) return report_error(usage(loaded.error().describe()), err);
    estate = std::move(*loaded);
  } else {
    bool progress = tty && !o.quiet && !o.color.has_value();
    Result<inventory::CollectResult> collected = collect_live(o, env, progress, err);
    if (!collected.ok()) {
      int code = report_error(collected.error(), err);
      return code == kExitUsageError ? code : kExitIncomplete;
    }
    estate = std::move(collected->estate);
    warnings = std::move(collected->warnings);
    started = collected->started;
    finished = collected->finished;
    if (!o.snapshot_out.empty()) {
      Status saved = inventory::save_estate_file(o.snapshot_out, estate);
      if (!saved.ok()) return report_error(saved.error(), err);
    }
  }
  if (!o.quiet) {
    for (const auto& w : warnings) err << "certguard: warning: " << w << "\n";
  }

  rules::RuleContext context = settings->context;
  if (o.now.empty()) context.now = to_epoch(finished);
  std::vector<rules::Finding> findings = rules::evaluate(estate, context, settings->config);
  report::ScanReport scan_report = report::make_report(estate, std::move(findings), context,
                                                       to_epoch(started), to_epoch(finished));
  report::attach_warnings(scan_report, warnings);
  int code = report::exit_code(scan_report, settings->fail_on);
  if (!settings->statuses.empty()) {
    scan_report.findings = report::filter_by_status(scan_report.findings, settings->statuses);
  }

  std::string format = choose_format(o);
  if (format == "json") {
    // Streamed finding by finding: a large report is never built as one document.
    Status written = write_json_report(o.out_file, scan_report, out);
    if (!written.ok()) return report_error(written.error(), err);
    return code;
  }
  bool color = o.color.value_or(o.out_file.empty() && isatty(STDOUT_FILENO) != 0);
  std::string text = render(scan_report, format, color);
  if (o.out_file.empty()) {
    out << text << std::flush;
  } else {
    Status written = write_file(o.out_file, text);
    if (!written.ok()) return report_error(written.error(), err);
  }
  return code;
}

}  // namespace certguard::cli
