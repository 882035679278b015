#pragma once

// `certguard rotate prepare|cutover|finish|status`: rotate client certificates before they
// expire, in three journaled phases around the backend's trust update (see
// remediate/rotate_plan.h). Each phase prints its plan and changes nothing without --apply.
// Targets as fix's and scan's (remediation_targets.h).

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"
#include "certguard/cli/remediation_targets.h"

namespace certguard::cli {

struct RotateCommandOptions {
  const GlobalOptions* global = nullptr;
  TargetOptions targets;             // --accounts, --org, --role-name, --external-id
  std::vector<std::string> regions;  // default: the configured region; "all": every enabled
  std::string db;                    // journal path; default under XDG_STATE_HOME
  bool apply = false;
  int expiry_days = 30;        // prepare
  std::string certificate_id;  // prepare --cert
  std::string pem_dir;         // prepare
  bool redeploy = false;       // cutover
  double grace_hours = 24;     // finish
  CLI::App* prepare = nullptr;
  CLI::App* cutover = nullptr;
  CLI::App* finish = nullptr;
  CLI::App* status = nullptr;
};

CLI::App* setup_rotate(CLI::App& app, RotateCommandOptions& options);
int run_rotate(const RotateCommandOptions& options, const aws::Environment& env, std::ostream& out,
               std::ostream& err);

}  // namespace certguard::cli
