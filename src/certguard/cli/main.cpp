// certguard's entry point: parses the command line (CLI11), builds the Environment from
// environ, and dispatches to one subcommand. Subcommands are registered in the explicit
// list below: one setup_X/run_X pair per file.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/demo_command.h"
#include "certguard/cli/fix_command.h"
#include "certguard/cli/global_options.h"
#include "certguard/cli/journal_command.h"
#include "certguard/cli/rollback_command.h"
#include "certguard/cli/rotate_command.h"
#include "certguard/cli/rules_command.h"
#include "certguard/cli/scan_command.h"
#include "certguard/cli/whoami.h"

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX

namespace {

int run(int argc, char** argv) {
  using namespace certguard::cli;  // NOLINT(google-build-using-namespace)
  CLI::App app{"certguard: find and fix weak TLS trust between API Gateway and its backends"};
  app.set_version_flag("--version", std::string("certguard ") + CG_VERSION);
  app.fallthrough();  // global options may follow the subcommand
  app.require_subcommand(1);
  GlobalOptions global;
  add_global_options(app, global);

  // Subcommands, in the order --help lists them.
  WhoamiOptions whoami{.global = &global};
  CLI::App* whoami_cmd = setup_whoami(app, whoami);
  FixCommandOptions fix;
  fix.global = &global;
  CLI::App* fix_cmd = setup_fix(app, fix);
  RollbackCommandOptions rollback;
  rollback.global = &global;
  CLI::App* rollback_cmd = setup_rollback(app, rollback);
  RotateCommandOptions rotate;
  rotate.global = &global;
  CLI::App* rotate_cmd = setup_rotate(app, rotate);
  JournalCommandOptions journal;
  journal.global = &global;
  CLI::App* journal_cmd = setup_journal(app, journal);
  ScanOptions scan;
  scan.global = &global;
  scan.global_output = app.get_option("--output");
  CLI::App* scan_cmd = setup_scan(app, scan);
  RulesOptions rules;
  CLI::App* rules_cmd = setup_rules(app, rules);
  DemoOptions demo;
  demo.global = &global;
  CLI::App* demo_cmd = setup_demo(app, demo);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, std::cout, std::cerr);
    return code == 0 ? kExitOk : kExitUsageError;
  }

  certguard::aws::Environment env = certguard::aws::Environment::from_envp(environ);
  if (whoami_cmd->parsed()) return run_whoami(whoami, env, std::cout, std::cerr);
  if (fix_cmd->parsed()) return run_fix(fix, env, std::cout, std::cerr);
  if (rollback_cmd->parsed()) return run_rollback(rollback, env, std::cout, std::cerr);
  if (rotate_cmd->parsed()) return run_rotate(rotate, env, std::cout, std::cerr);
  if (journal_cmd->parsed()) return run_journal(journal, env, std::cout, std::cerr);
  if (scan_cmd->parsed()) return run_scan(scan, env, std::cout, std::cerr);
  if (rules_cmd->parsed()) return run_rules(rules, std::cout);
  if (demo_cmd->parsed()) return run_demo(demo, std::cout, std::cerr);
  std::cerr << "certguard: no subcommand given; see certguard --help\n";
  return kExitUsageError;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // Exceptions are bugs; report them as such rather than crash without a word.
    std::cerr << "certguard: internal error: " << e.what() << "\n";
    return 70;
  }
}
