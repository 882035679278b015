#pragma once

// `certguard scan`: collect the estate (or read a snapshot), evaluate every rule, write the
// report, and exit with the CI code: 0 no FAIL at/above --fail-on, 1 FAILs, 2 usage or
// configuration error, 3 scan incomplete (an account-region or resource not read).

#include <CLI/CLI.hpp>
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"

namespace certguard::cli {

inline constexpr int kExitFindings = 1;
inline constexpr int kExitIncomplete = 3;

struct ScanOptions {
  const GlobalOptions* global = nullptr;
  const CLI::Option* global_output = nullptr;  // the root's --output, if given there
  // Targets.
  std::vector<std::string> accounts;
  bool organization = false;
  std::vector<std::string> regions;  // "all" alone: every enabled region
  std::string role_name;
  std::string external_id;
  // Evaluation.
  bool strict = false;
  int expiry_days = 30;
  int max_upload_age_days = 395;
  std::string config_file;
  std::string now;  // evaluate as of this instant (ISO-8601 or epoch seconds); empty: now
  // Output.
  std::string output;  // table|json|csv|asff; empty: table on a terminal, else json
  std::string out_file;
  std::vector<std::string> status_filter;
  std::string fail_on = "low";
  bool quiet = false;
  // Snapshots and tuning.
  std::string snapshot_out;
  std::string from_snapshot;
  std::size_t max_concurrency = 64;
  // Set by the demo: force the progress line off and colour on/off regardless of tty.
  std::optional<bool> color;
};

CLI::App* setup_scan(CLI::App& app, ScanOptions& options);

// Returns the process exit code. The report goes to `out` (or --out), messages to `err`.
int run_scan(const ScanOptions& options, const aws::Environment& env, std::ostream& out,
             std::ostream& err);

// The default rule configuration file: $XDG_CONFIG_HOME/certguard/certguard.yaml, else
// $HOME/.config/certguard/certguard.yaml (whether or not it exists); empty if neither
// variable is set.
std::string default_config_path(const aws::Environment& env);

}  // namespace certguard::cli
