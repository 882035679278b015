#include "certguard/cli/rules_command.h"

#include <ostream>

#include "certguard/report/catalog_writer.h"
#include "certguard/rules/catalog.h"

namespace certguard::cli {

CLI::App* setup_rules(CLI::App& app, RulesOptions& options) {
  CLI::App* cmd = app.add_subcommand("rules", "Print the rule catalogue");
  cmd->add_option("--output", options.output, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  return cmd;
}

int run_rules(const RulesOptions& options, std::ostream& out) {
  std::vector<rules::Rule> catalog = rules::catalog();
  out << (options.output == "json" ? report::catalog_to_json(catalog)
                                   : report::catalog_to_table(catalog))
      << std::flush;
  return 0;
}

}  // namespace certguard::cli
