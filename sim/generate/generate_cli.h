#pragma once

// `certguard-sim generate`: prints (or writes) a synthetic estate as estate JSON.
//
//   certguard-sim generate --accounts N --regions LIST --apis-per-region M
//                          --stages-per-api K --seed S [--out FILE] [--now EPOCH]
//
// argv[0] is the subcommand's name ("generate"); options follow. Exit codes: 0 done,
// 1 the output file could not be written, 2 usage error (message on stderr).

#include <iosfwd>

namespace certguard::sim {

int run_generate(int argc, char** argv);

// As above, writing the estate (without --out) to `out` and messages to `err`.
int run_generate(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace certguard::sim
