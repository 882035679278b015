#pragma once

// AWS's control-plane request quotas, per account-region, as token buckets on real
// monotonic time (the virtual clock does not refill them).
//   API Gateway: all operations 10 req/s burst 40; GetResources 5 per 2 s (burst 5);
//   CreateDeployment 1 per 5 s (burst 1). Other services: not throttled.
// `scale` multiplies every rate and burst (fast benchmarks).

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "certguard/core/clock.h"

namespace certguard::sim {

struct QuotaOptions {
  bool enabled = true;  // --quotas aws|off
  double scale = 1.0;   // --quota-scale
};

class TokenBucket {
 public:
  TokenBucket(double rate_per_second, double burst, MonoTime now)
      : rate_(rate_per_second), burst_(burst), tokens_(burst), last_(now) {}
  // Refills up to `now`; true when one token is available (it is not taken).
  bool available(MonoTime now);
  void take() { tokens_ -= 1.0; }

 private:
  double rate_;
  double burst_;
  double tokens_;
  MonoTime last_;
};

class QuotaBook {
 public:
  QuotaBook(QuotaOptions options, const Clock& clock) : options_(options), clock_(clock) {}

  // True if the request may proceed (and is counted); false: throttle it (429).
  bool admit(std::string_view service, std::string_view operation, std::string_view account,
             std::string_view region);
  void reset();
  void set_options(QuotaOptions options);
  [[nodiscard]] QuotaOptions options() const;

 private:
  TokenBucket& bucket(const std::string& key, double rate, double burst, MonoTime now);

  mutable std::mutex mutex_;
  QuotaOptions options_;
  const Clock& clock_;
  std::map<std::string, TokenBucket, std::less<>> buckets_;
};

}  // namespace certguard::sim
