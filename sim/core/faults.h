#pragma once

// Fault injection and latency, deterministic for a given seed and request order.
//   --faults 5xx=0.05,reset=0.02,stall=0.01 --fault-seed S
//   --latency-ms N[:jitter]   (each response waits N + uniform[0, jitter] ms)

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

#include "certguard/core/result.h"

namespace certguard::sim {

struct FaultOptions {
  double error_5xx = 0.0;  // probability of a 503 instead of the real answer
  double reset = 0.0;      // probability of a connection reset without a reply
  double stall = 0.0;      // probability of never replying
  std::uint64_t seed = 1;
};

struct LatencyOptions {
  std::chrono::milliseconds base{0};
  std::chrono::milliseconds jitter{0};
};

// "5xx=0.05,reset=0.02,stall=0.01" (any subset; "" or "none" for no faults).
// Errors: kInvalidInput naming the bad item.
Result<FaultOptions> parse_faults(std::string_view spec, std::uint64_t seed);
// "N" or "N:J" milliseconds. Errors: kInvalidInput.
Result<LatencyOptions> parse_latency(std::string_view spec);

enum class FaultDraw { kNone, kError5xx, kReset, kStall };

class FaultInjector {
 public:
  FaultInjector(FaultOptions faults, LatencyOptions latency);
  // One draw per request, in request order.
  FaultDraw draw();
  std::chrono::milliseconds latency();
  void set_faults(FaultOptions faults);
  [[nodiscard]] FaultOptions faults() const;

 private:
  mutable std::mutex mutex_;
  FaultOptions faults_;
  LatencyOptions latency_;
  std::mt19937_64 rng_;
  std::mt19937_64 latency_rng_;
};

}  // namespace certguard::sim
