#pragma once

// `certguard-sim serve`: runs the emulator until SIGTERM/SIGINT.
//
//   certguard-sim serve --port 0 [--estate FILE] [--quotas aws|off] [--quota-scale X]
//     [--latency-ms N[:JITTER]] [--faults 5xx=P,reset=P,stall=P] [--fault-seed S]
//     [--now EPOCH] [--threads N] [--seed S]
//
// The first line on stdout is exactly "listening on http://127.0.0.1:PORT".
// Exit codes: 0 stopped by a signal, 1 could not start (estate, port), 2 usage error.

namespace certguard::sim {

// argv[0] is "serve".
int run_serve(int argc, char** argv);

}  // namespace certguard::sim
