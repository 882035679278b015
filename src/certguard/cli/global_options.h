#pragma once

// Options every subcommand accepts, as the AWS CLI spells them. They may be given before
// or after the subcommand name (the root app falls through).

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace certguard::cli {

enum class OutputFormat { kJson, kText, kTable };

struct GlobalOptions {
  std::optional<std::string> profile;
  std::optional<std::string> region;
  std::optional<std::string> endpoint_url;
  bool debug = false;
  OutputFormat output = OutputFormat::kJson;
};

void add_global_options(CLI::App& app, GlobalOptions& options);

// Process exit codes: 0 success, 1 an AWS or runtime error, 2 a usage or configuration
// error (bad options, no region, malformed config files, no credentials configured).
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1;
inline constexpr int kExitUsageError = 2;

}  // namespace certguard::cli
