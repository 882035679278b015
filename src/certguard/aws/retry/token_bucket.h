#pragma once

// Client-side pacing to stay under AWS request quotas: `rate` tokens per second, up to
// `burst` saved. API Gateway's control plane allows 10 requests/s with a burst of 40 per
// account and region, and GetResources 5 per 2 s (TokenBucket(2.5, 5)).
//
// acquire() reserves a token at once and, if the bucket is in debt, sleeps until that
// token has been earned: concurrent callers are paced 1/rate apart in call order, with no
// thundering herd. Driven by a Clock and a Sleeper, so tests run in virtual time.

#include <chrono>

#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"
#include "certguard/core/task.h"

namespace certguard::aws {

class TokenBucket {
 public:
  // Starts full. A rate <= 0 means unlimited (every call passes at once); burst >= 1.
  TokenBucket(double rate, double burst, const Clock& clock, Sleeper& sleeper);

  // Takes `tokens` now, sleeping first if that puts the bucket in debt.
  Task<void> acquire(double tokens = 1);

  // Takes `tokens` now (the balance may go negative) and returns how long the caller must
  // wait before using them: zero when they were available. acquire() is reserve() plus
  // the sleep; composing buckets or scheduling without a Sleeper uses this directly.
  std::chrono::nanoseconds reserve(double tokens = 1);

  // Takes a token only if one is available now.
  bool try_acquire(double tokens = 1);

  // Tokens available now (negative while callers wait).
  [[nodiscard]] double available();
  [[nodiscard]] bool unlimited() const { return rate_ <= 0; }
  [[nodiscard]] double rate() const { return rate_; }
  [[nodiscard]] double burst() const { return burst_; }

 private:
  void refill();

  double rate_;
  double burst_;
  const Clock* clock_;
  Sleeper* sleeper_;
  double tokens_;
  MonoTime last_;
};

}  // namespace certguard::aws
