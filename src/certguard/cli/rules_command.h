#pragma once

// `certguard rules [--output table|json]`: the rule catalogue (metadata of CG-001..).

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

namespace certguard::cli {

struct RulesOptions {
  std::string output = "table";
};

CLI::App* setup_rules(CLI::App& app, RulesOptions& options);
int run_rules(const RulesOptions& options, std::ostream& out);

}  // namespace certguard::cli
