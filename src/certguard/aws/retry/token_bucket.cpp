#include "certguard/aws/retry/token_bucket.h"

#include <algorithm>

namespace certguard::aws {

TokenBucket::TokenBucket(double rate, double burst, const Clock& clock, Sleeper& sleeper)
    : rate_(rate > 0 ? rate : 1),
      burst_(std::max(burst, 1.0)),
      clock_(&clock),
      sleeper_(&sleeper),
      tokens_(burst_),
      last_(clock.monotonic()) {}

void TokenBucket::refill() {
  MonoTime now = clock_->monotonic();
  double elapsed = std::chrono::duration<double>(now - last_).count();
  if (elapsed > 0) tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
  last_ = now;
}

double TokenBucket::available() {
  refill();
  return tokens_;
}

bool TokenBucket::try_acquire(double tokens) {
  refill();
  if (tokens_ < tokens) return false;
  tokens_ -= tokens;
  return true;
}

Task<void> TokenBucket::acquire(double tokens) {
  refill();
  tokens_ -= tokens;
  if (tokens_ >= 0) co_return;
  auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(-tokens_ / rate_));
  auto sleep = sleeper_->sleep_for(wait);
  co_await std::move(sleep);
}

}  // namespace certguard::aws
