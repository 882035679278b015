#pragma once

// Runs `certguard-sim serve ...` as a child process for the benchmark: waits for its
// "listening on http://127.0.0.1:PORT" line, reads its memory use, stops it with SIGTERM.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "certguard/core/result.h"

namespace certguard::bench {

class SimProcess {
 public:
  // Starts `binary serve --port 0 args...`. Errors: kInternal naming the binary when it
  // cannot be started or exits before printing its first line.
  static Result<SimProcess> start(const std::string& binary, const std::vector<std::string>& args);

  SimProcess(SimProcess&& other) noexcept;
  SimProcess& operator=(SimProcess&&) = delete;
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;
  ~SimProcess();

  [[nodiscard]] int port() const { return port_; }
  // From exec to the "listening" line (estate loaded, socket bound).
  [[nodiscard]] std::chrono::milliseconds startup() const { return startup_; }
  // Resident set size now and at its peak (VmRSS / VmHWM), in KiB; 0 when unreadable.
  [[nodiscard]] long rss_kib() const;
  [[nodiscard]] long peak_rss_kib() const;
  // CPU time the process has used so far, in seconds: user and system (kernel) apart, and
  // its minor page faults (a first touch of a page costs 12-19 us on this machine).
  struct Usage {
    double user = 0;
    double system = 0;
    double minor_faults = 0;
    [[nodiscard]] double total() const { return user + system; }
  };
  [[nodiscard]] Usage usage() const;
  [[nodiscard]] double cpu_seconds() const { return usage().total(); }
  void stop();

 private:
  SimProcess() = default;
  long status_field(const char* name) const;

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::chrono::milliseconds startup_{0};
};

}  // namespace certguard::bench
