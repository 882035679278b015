#include "certguard/inventory/collect/pacing.h"

#include <algorithm>

namespace certguard::inventory {

TokenBucket::TokenBucket(double rate_per_second, double burst, const Clock& clock,
                         aws::Sleeper& sleeper)
    : rate_(rate_per_second),
      burst_(std::max(burst, 1.0)),
      tokens_(burst_),
      last_(clock.monotonic()),
      clock_(&clock),
      sleeper_(&sleeper) {}

void TokenBucket::refill() {
  MonoTime now = clock_->monotonic();
  std::chrono::duration<double> elapsed = now - last_;
  last_ = now;
  tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
}

std::chrono::nanoseconds TokenBucket::reserve() {
  if (rate_ <= 0) return std::chrono::nanoseconds{0};
  refill();
  tokens_ -= 1.0;
  if (tokens_ >= 0) return std::chrono::nanoseconds{0};
  std::chrono::duration<double> wait(-tokens_ / rate_);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(wait);
}

Task<void> TokenBucket::acquire() {
  std::chrono::nanoseconds wait = reserve();
  if (wait.count() > 0) {
    auto sleep_task = sleeper_->sleep_for(wait);
    co_await std::move(sleep_task);
  }
}

RegionPacer::RegionPacer(const PacingOptions& options, const Clock& clock, aws::Sleeper& sleeper)
    : all_(options.apigateway_rate, options.apigateway_burst, clock, sleeper),
      get_resources_(options.get_resources_rate, options.get_resources_burst, clock, sleeper) {}

Task<void> RegionPacer::acquire(std::string_view operation) {
  // GetResources waits for its own quota first and only then takes a general token, so
  // it never holds general capacity it cannot use yet.
  if (operation == "GetResources") {
    auto own = get_resources_.acquire();
    co_await std::move(own);
  }
  auto general = all_.acquire();
  co_await std::move(general);
}

}  // namespace certguard::inventory
