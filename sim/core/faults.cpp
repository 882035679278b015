#include "sim/core/faults.h"

#include <charconv>
#include <cstdlib>

namespace certguard::sim {

namespace {
Error invalid(std::string message) {
  return make_error(ErrorKind::kInvalidInput, std::move(message));
}

bool parse_double(std::string_view text, double& out) {
  std::string copy(text);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size();
}

bool parse_int(std::string_view text, std::int64_t& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}
}  // namespace

Result<FaultOptions> parse_faults(std::string_view spec, std::uint64_t seed) {
  FaultOptions options;
  options.seed = seed;
  if (spec.empty() || spec == "none") return options;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t end = spec.find(',', start);
    if (end == std::string_view::npos) end = spec.size();
    std::string_view item = spec.substr(start, end - start);
    std::size_t eq = item.find('=');
    double value = 0;
    if (eq == std::string_view::npos || !parse_double(item.substr(eq + 1), value) || value < 0 ||
        value > 1) {
      return invalid("--faults: '" + std::string(item) +
                     "' is not KIND=PROBABILITY (0..1); use e.g. 5xx=0.05,reset=0.02,stall=0.01");
    }
    std::string_view kind = item.substr(0, eq);
    if (kind == "5xx") {
      options.error_5xx = value;
    } else if (kind == "reset") {
      options.reset = value;
    } else if (kind == "stall") {
      options.stall = value;
    } else {
      return invalid("--faults: unknown fault kind '" + std::string(kind) +
                     "'; the kinds are 5xx, reset and stall");
    }
    start = end + 1;
  }
  if (options.error_5xx + options.reset + options.stall > 1.0) {
    return invalid("--faults: the probabilities add up to more than 1");
  }
  return options;
}

Result<LatencyOptions> parse_latency(std::string_view spec) {
  LatencyOptions options;
  std::size_t colon = spec.find(':');
  std::int64_t base = 0;
  std::int64_t jitter = 0;
  if (!parse_int(spec.substr(0, colon), base) || base < 0 ||
      (colon != std::string_view::npos &&
       (!parse_int(spec.substr(colon + 1), jitter) || jitter < 0))) {
    return invalid("--latency-ms: '" + std::string(spec) +
                   "' is not N or N:JITTER (non-negative milliseconds)");
  }
  options.base = std::chrono::milliseconds(base);
  options.jitter = std::chrono::milliseconds(jitter);
  return options;
}

FaultInjector::FaultInjector(FaultOptions faults, LatencyOptions latency)
    : faults_(faults), latency_(latency), rng_(faults.seed), latency_rng_(faults.seed ^ 0x5eedU) {}

FaultDraw FaultInjector::draw() {
  std::lock_guard guard(mutex_);
  if (faults_.error_5xx <= 0 && faults_.reset <= 0 && faults_.stall <= 0) return FaultDraw::kNone;
  double x = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  if (x < faults_.error_5xx) return FaultDraw::kError5xx;
  x -= faults_.error_5xx;
  if (x < faults_.reset) return FaultDraw::kReset;
  x -= faults_.reset;
  if (x < faults_.stall) return FaultDraw::kStall;
  return FaultDraw::kNone;
}

std::chrono::milliseconds FaultInjector::latency() {
  std::lock_guard guard(mutex_);
  if (latency_.jitter.count() <= 0) return latency_.base;
  std::uniform_int_distribution<std::int64_t> pick(0, latency_.jitter.count());
  return latency_.base + std::chrono::milliseconds(pick(latency_rng_));
}

void FaultInjector::set_faults(FaultOptions faults) {
  std::lock_guard guard(mutex_);
  faults_ = faults;
  rng_.seed(faults.seed);
}

FaultOptions FaultInjector::faults() const {
  std::lock_guard guard(mutex_);
  return faults_;
}

}  // namespace certguard::sim
