#include "certguard/cli/demo_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <utility>
#include <vector>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/errors.h"
#include "certguard/cli/scan_command.h"
#include "certguard/inventory/estate/estate_json.h"
#include "sim/app/sim_server.h"

namespace certguard::cli {
namespace {

// What scripts/demo passes to `certguard scan`, read from the estate itself: the
// management account signs (its first access key) and assumes the member accounts' role
// in every region the estate has.
struct DemoTargets {
  std::string access_key_id;
  std::string secret_access_key;
  std::vector<std::string> accounts;
  std::vector<std::string> regions;
  std::string role_name;
};

Result<DemoTargets> targets_of(const inventory::Estate& estate) {
  DemoTargets t;
  for (const auto& account : estate.accounts) {
    if (account.id == estate.management_account_id) {
      if (!account.access_keys.empty()) {
        t.access_key_id = account.access_keys.front().access_key_id;
        t.secret_access_key = account.access_keys.front().secret_access_key;
      }
      continue;
    }
    if (account.suspended) continue;
    t.accounts.push_back(account.id);
    if (t.role_name.empty() && !account.roles.empty()) t.role_name = account.roles.front().name;
    for (const auto& region : account.regions) {
      if (std::find(t.regions.begin(), t.regions.end(), region.name) == t.regions.end()) {
        t.regions.push_back(region.name);
      }
    }
  }
  if (t.access_key_id.empty() || t.accounts.empty() || t.role_name.empty() || t.regions.empty()) {
    return make_error(ErrorKind::kInternal,
                      "demo: the embedded sample estate lacks a management account key, member "
                      "accounts, a role or regions; rebuild from examples/sample-estate.json");
  }
  return t;
}

// The environment the demo's scans see: the management key and the sim's address, and
// nothing from this machine (no profile, config file or IMDS).
aws::Environment demo_environment(const DemoTargets& t, const std::string& url) {
  return aws::Environment{{"AWS_ACCESS_KEY_ID", t.access_key_id},
                          {"AWS_SECRET_ACCESS_KEY", t.secret_access_key},
                          {"AWS_ENDPOINT_URL", url},
                          {"AWS_DEFAULT_REGION", "us-east-1"},
                          {"AWS_EC2_METADATA_DISABLED", "true"},
                          {"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9"},
                          {"AWS_CONFIG_FILE", "/dev/null"},
                          {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"}};
}

// A private temporary file for the collected snapshot (removed by the caller).
Result<std::string> make_temp_file() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string name = (dir / "certguard-demo-XXXXXX").string();
  int fd = mkstemp(name.data());
  if (fd < 0) {
    return make_error(ErrorKind::kConfig, "demo: cannot create a temporary file in " +
                                              dir.string() +
                                              "; set TMPDIR to a writable directory");
  }
  close(fd);
  return name;
}

}  // namespace

CLI::App* setup_demo(CLI::App& app, DemoOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "Serve the shipped sample estate with an in-process certguard-sim, scan it through "
      "assume-role, print the report and write the JSON report (exits 1: the sample has FAILs)");
  cmd->add_option("--output", o.output,
                  "Format printed on stdout: table (default), json, csv, asff")
      ->check(CLI::IsMember({"table", "json", "csv", "asff"}));
  cmd->add_option("--out", o.out_file,
                  "Where to write the JSON report (default ./certguard-demo-report.json)");
  cmd->add_flag("--strict", o.strict, "Scan with --strict (CG-001 flags every stage)");
  cmd->add_flag("--quiet", o.quiet, "Nothing on stderr but errors");
  return cmd;
}

int run_demo(const DemoOptions& o, std::ostream& out, std::ostream& err) {
  Result<inventory::Estate> estate = inventory::parse_estate(sample_estate_json(), "<embedded>");
  if (!estate.ok()) return report_error(estate.error(), err);
  Result<DemoTargets> targets = targets_of(*estate);
  if (!targets.ok()) return report_error(targets.error(), err);
  // The sample's dates are relative to its captured_at: the sim's clock and the
  // evaluation both use it, or the expiry cases drift.
  std::string now = estate->captured_at ? std::to_string(*estate->captured_at) : std::string();

  sim::SimServerOptions sim_options;
  sim_options.engine.now = estate->captured_at;
  Result<std::unique_ptr<sim::SimServer>> server =
      sim::SimServer::start(std::move(*estate), sim_options);
  if (!server.ok()) return report_error(server.error(), err);
  const std::string url = (*server)->base_url();
  if (!o.quiet) err << "certguard demo: certguard-sim serving the sample estate on " << url << "\n";

  Result<std::string> snapshot = make_temp_file();
  if (!snapshot.ok()) return report_error(snapshot.error(), err);

  GlobalOptions global;
  if (o.global != nullptr) global.debug = o.global->debug;
  ScanOptions scan;
  scan.global = &global;
  scan.accounts = targets->accounts;
  scan.regions = targets->regions;
  scan.role_name = targets->role_name;
  scan.strict = o.strict;
  scan.now = now;
  scan.quiet = true;
  scan.color = false;  // no progress line; the JSON has no colour anyway

  // One collection: the live scan writes the JSON report and a snapshot of what it read;
  // the printed report is evaluated from that snapshot, so both show the same findings.
  scan.output = "json";
  scan.out_file = o.out_file;
  scan.snapshot_out = *snapshot;
  aws::Environment env = demo_environment(*targets, url);
  std::ostringstream scan_out;
  int code = run_scan(scan, env, scan_out, err);
  (*server)->shutdown();
  if (code != kExitOk && code != kExitFindings && code != kExitIncomplete) {
    std::filesystem::remove(*snapshot);
    return code;
  }

  ScanOptions print = scan;
  print.snapshot_out.clear();
  print.from_snapshot = *snapshot;
  print.output = o.output;
  print.out_file.clear();
  print.color = o.output == "table" && isatty(STDOUT_FILENO) != 0;
  int print_code = run_scan(print, aws::Environment{}, out, err);
  std::error_code ec;
  std::filesystem::remove(*snapshot, ec);
  if (print_code == kExitUsageError) return print_code;

  if (!o.quiet) {
    err << "certguard demo: JSON report written to " << o.out_file << " (exit code " << code
        << ": 0 clean, 1 FAIL findings (expected: the sample has a FAIL for every rule), "
           "3 incomplete)\n";
  }
  return code;
}

}  // namespace certguard::cli
