#pragma once

// `certguard rollback RUN [--apply]`: undo a run from its journal (see remediate/rollback.h).

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"
#include "certguard/cli/remediation_targets.h"

namespace certguard::cli {

struct RollbackCommandOptions {
  const GlobalOptions* global = nullptr;
  std::string run;
  TargetOptions targets;  // --role-name / --external-id for runs in other accounts
  bool apply = false;
  std::string db;
};

CLI::App* setup_rollback(CLI::App& app, RollbackCommandOptions& options);
int run_rollback(const RollbackCommandOptions& options, const aws::Environment& env,
                 std::ostream& out, std::ostream& err);

}  // namespace certguard::cli
