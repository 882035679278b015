#pragma once

// `certguard fix`: plan (and with --apply, make) the changes that give every failing stage a
// client certificate; `--resume RUN` finishes a run that died. Targets as scan's (see
// remediation_targets.h).

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"
#include "certguard/cli/remediation_targets.h"

namespace certguard::cli {

struct FixCommandOptions {
  const GlobalOptions* global = nullptr;
  TargetOptions targets;
  std::vector<std::string> regions;  // default: the configured region; "all": every enabled
  std::vector<std::string> rules = {"CG-001", "CG-002", "CG-004"};
  std::string cert_scope = "stage";
  bool redeploy = false;
  std::string pem_dir;
  bool apply = false;
  std::string resume;  // run id
  std::string db;      // journal path; default under XDG_STATE_HOME
  bool strict = false;
  int expiry_days = 30;
};

CLI::App* setup_fix(CLI::App& app, FixCommandOptions& options);
int run_fix(const FixCommandOptions& options, const aws::Environment& env, std::ostream& out,
            std::ostream& err);

}  // namespace certguard::cli
