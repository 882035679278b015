#pragma once

// `certguard journal list` and `certguard journal show RUN`: what remediation runs did.

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"

namespace certguard::cli {

struct JournalCommandOptions {
  const GlobalOptions* global = nullptr;
  std::string db;
  std::string run;  // show
  CLI::App* list = nullptr;
  CLI::App* show = nullptr;
};

CLI::App* setup_journal(CLI::App& app, JournalCommandOptions& options);
int run_journal(const JournalCommandOptions& options, const aws::Environment& env,
                std::ostream& out, std::ostream& err);

}  // namespace certguard::cli
