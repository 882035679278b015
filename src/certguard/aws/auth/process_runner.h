#pragma once

// Runs a program WITHOUT a shell (posix_spawnp) and collects its output, with a timeout
// after which the child is killed. Used by credential_process.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/aws/config/environment.h"
#include "certguard/core/result.h"

namespace certguard::aws {

// Splits a command line like POSIX shlex: whitespace separates words; '...' is literal;
// "..." allows \" \\ \$ \` escapes; a backslash outside quotes escapes the next character.
// Errors (kConfig) on an unterminated quote or an empty command.
Result<std::vector<std::string>> shell_split(std::string_view command);

struct ProcessResult {
  int exit_code = 0;  // the exit status, or 128 + signal if it was killed by one
  std::string out;    // stdout
  std::string err;    // stderr (kept to the first 64 KiB)
};

// Runs argv[0] (searched on PATH from `env`) with `env` as its environment. Errors: kTimeout
// when it runs longer than `timeout` (it is killed), kConfig when it cannot be started,
// kParse when it writes more than 1 MiB to stdout.
Result<ProcessResult> run_process(const std::vector<std::string>& argv, const Environment& env,
                                  std::chrono::milliseconds timeout);

}  // namespace certguard::aws
