#include "certguard/aws/retry/token_bucket.h"

#include <algorithm>

namespace certguard::aws {

TokenBucket::TokenBucket(double rate, double burst, const Clock& clock, Sleeper& sleeper)
    : rate_(std::max(rate, 0.0)),
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
  if (unlimited()) return burst_;
  refill();
  return tokens_;
}

bool TokenBucket::try_acquire(double tokens) {
  if (unlimited()) return true;
  refill();
  if (tokens_ < tokens) return false;
  tokens_ -= tokens;
  return true;
}

std::chrono::nanoseconds TokenBucket::reserve(double tokens) {
  if (unlimited()) return std::chrono::nanoseconds{0};
  refill();
  tokens_ -= tokens;
  if (tokens_ >= 0) return std::chrono::nanoseconds{0};
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(-tokens_ / rate_));
}

Task<void> TokenBucket::acquire(double tokens) {
  std::chrono::nanoseconds wait = reserve(tokens);
  if (wait.count() <= 0) co_return;
  auto sleep = sleeper_->sleep_for(wait);
  co_await std::move(sleep);
}

}  // namespace certguard::aws
