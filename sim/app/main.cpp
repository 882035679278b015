// certguard-sim: `serve` runs the emulator; `generate` prints a synthetic estate.

#include <cstring>
#include <exception>
#include <iostream>

#include "sim/app/serve_cli.h"

#if defined(CG_SIM_HAVE_GENERATE)
#include "sim/generate/generate_cli.h"
#endif

namespace {
void usage(std::ostream& out) {
  out << "usage: certguard-sim serve [--port 0] [--estate FILE] [--quotas aws|off] "
         "[--quota-scale X]\n"
         "                          [--latency-ms N[:J]] [--faults SPEC] [--fault-seed S] "
         "[--now EPOCH] [--threads N]\n"
         "       certguard-sim generate --accounts N --regions LIST --apis-per-region M "
         "--stages-per-api K --seed S\n";
}
}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      usage(std::cerr);
      return 2;
    }
    const char* command = argv[1];
    if (std::strcmp(command, "serve") == 0) return certguard::sim::run_serve(argc - 1, argv + 1);
    if (std::strcmp(command, "generate") == 0) {
#if defined(CG_SIM_HAVE_GENERATE)
      return certguard::sim::run_generate(argc - 1, argv + 1);
#else
      std::cerr << "certguard-sim generate: not yet available\n";
      return 2;
#endif
    }
    if (std::strcmp(command, "--help") == 0 || std::strcmp(command, "-h") == 0) {
      usage(std::cout);
      return 0;
    }
    std::cerr << "certguard-sim: unknown command '" << command << "'\n";
    usage(std::cerr);
    return 2;
  } catch (const std::exception& e) {
    // Exceptions are bugs; report and fail rather than hide them.
    std::cerr << "certguard-sim: internal error: " << e.what() << "\n";
    return 70;
  }
}
