#pragma once

// Client-side pacing for one account-region, so a scan runs at AWS's request quotas
// instead of being throttled into backoff: a token bucket for every API Gateway call
// (10 requests/s, burst 40 by default) and a second one for GetResources (5 per 2 s).
// Written here because aws/retry's limiter had not landed when the collector was built;
// it implements aws::CallLimiter, so either can be plugged into AwsClient.

#include <chrono>
#include <string>
#include <string_view>

#include "certguard/aws/client/hooks.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"
#include "certguard/core/task.h"

namespace certguard::inventory {

// A token bucket that hands out reservations: acquire() takes a token now if one is
// there, otherwise it reserves the next one (the balance goes negative) and sleeps until
// it has accrued. Callers are therefore served in arrival order without a queue.
// A rate <= 0 means unlimited.
class TokenBucket {
 public:
  TokenBucket(double rate_per_second, double burst, const Clock& clock, aws::Sleeper& sleeper);

  Task<void> acquire();
  // The wait acquire() would impose if called now, reserving the token (for tests and
  // for composing buckets). Zero when a token is available.
  std::chrono::nanoseconds reserve();

 private:
  void refill();

  double rate_;
  double burst_;
  double tokens_;
  MonoTime last_;
  const Clock* clock_;
  aws::Sleeper* sleeper_;
};

struct PacingOptions {
  double apigateway_rate = 10.0;  // every API Gateway operation of one account-region
  double apigateway_burst = 40.0;
  double get_resources_rate = 2.5;  // GetResources: 5 per 2 s
  double get_resources_burst = 5.0;
};

// The limiter for one account-region's API Gateway client.
class RegionPacer final : public aws::CallLimiter {
 public:
  RegionPacer(const PacingOptions& options, const Clock& clock, aws::Sleeper& sleeper);
  Task<void> acquire(std::string_view operation) override;

 private:
  TokenBucket all_;
  TokenBucket get_resources_;
};

}  // namespace certguard::inventory
