// `certguard-sim generate`: options -> GenerateOptions -> estate JSON.

#include "sim/generate/generate_cli.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "certguard/inventory/estate/estate_json.h"
#include "sim/generate/generate.h"

namespace certguard::sim {
namespace {

struct CliOptions {
  GenerateOptions generate;
  std::string out;
};

void setup(CLI::App& app, CliOptions& o) {
  app.description(
      "Print a deterministic synthetic estate (estate JSON) for certguard-sim serve --estate.");
  app.add_option("--accounts", o.generate.accounts,
                 "Accounts, the first being the management account; with 3 or more the last "
                 "is suspended")
      ->capture_default_str();
  app.add_option("--regions", o.generate.regions, "Regions, comma-separated")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--apis-per-region", o.generate.apis_per_region, "REST APIs per account-region")
      ->capture_default_str();
  app.add_option("--stages-per-api", o.generate.stages_per_api, "Stages per REST API (0-10)")
      ->capture_default_str();
  app.add_option("--seed", o.generate.seed, "Seed: the same options give the same estate")
      ->capture_default_str();
  app.add_option("--now", o.generate.now,
                 "The estate's 'now' in epoch seconds: certificate ages are relative to it "
                 "(serve the estate with the same --now)")
      ->capture_default_str();
  app.add_option("--out", o.out, "Write to FILE (atomically) instead of stdout");
}

}  // namespace

int run_generate(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app("certguard-sim generate", "generate");
  CliOptions options;
  setup(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help
      out << app.help();
      return 0;
    }
    err << "certguard-sim generate: " << e.what() << "\n"
        << "Run with --help for usage.\n";
    return 2;
  }
  if (auto valid = validate(options.generate); !valid.ok()) {
    err << "certguard-sim " << valid.error().message << "\n";
    return 2;
  }
  const auto estate = generate_estate(options.generate);
  if (options.out.empty()) {
    out << inventory::to_json(estate);
    return out.good() ? 0 : 1;
  }
  if (auto saved = inventory::save_estate_file(options.out, estate); !saved.ok()) {
    err << "certguard-sim generate: " << saved.error().describe() << "\n";
    return 1;
  }
  return 0;
}

int run_generate(int argc, char** argv) {
  return run_generate(argc, argv, std::cout, std::cerr);
}

}  // namespace certguard::sim
