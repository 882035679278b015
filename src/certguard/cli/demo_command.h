#pragma once

// `certguard demo`: the README's first command in one process. Starts certguard-sim
// in-process on 127.0.0.1 (a free port) serving the shipped sample estate (examples/,
// embedded in the binary at build time, so it runs from any directory), scans both member
// accounts through assume-role exactly as scripts/demo does, prints the report (a table by
// default), writes the JSON report to --out, and stops the sim.
//
// Exit code: scan's rules (0 no FAIL at or above low, 1 FAILs, 2 usage error, 3 scan
// incomplete). The sample estate holds a FAIL case for every rule, so a correct demo
// exits 1; anything else means the demo itself went wrong.

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <string_view>

#include "certguard/cli/global_options.h"

namespace certguard::cli {

struct DemoOptions {
  const GlobalOptions* global = nullptr;
  std::string output = "table";  // what goes to stdout: table, json, csv or asff
  std::string out_file = "certguard-demo-report.json";
  bool strict = false;
  bool quiet = false;  // nothing on stderr but errors
};

CLI::App* setup_demo(CLI::App& app, DemoOptions& options);

// Returns the process exit code (see above). The printed report goes to `out`, the sim's
// address and where the JSON went to `err`.
int run_demo(const DemoOptions& options, std::ostream& out, std::ostream& err);

// examples/sample-estate.json as it was at build time (generated from the file by
// src/certguard/CMakeLists.txt).
std::string_view sample_estate_json();

}  // namespace certguard::cli
