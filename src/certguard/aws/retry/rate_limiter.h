#pragma once

// The adaptive retry mode's client-side rate limiter (aws-protocol-notes §7.3, botocore
// adaptive.py/throttling.py/bucket.py): a token bucket whose rate CUBIC sets from the
// measured send rate. Off until the first throttle; after that every attempt takes one
// token. Time comes from a Clock, waiting from a Sleeper, so tests are exact.

#include <chrono>

#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"
#include "certguard/core/task.h"

namespace certguard::aws {

// CUBIC congestion control on request rates (RFC 8312 shape; C = 0.4, beta = 0.7).
class CubicCalculator {
 public:
  static constexpr double kScaleConstant = 0.4;
  static constexpr double kBeta = 0.7;

  CubicCalculator(double starting_max_rate, double start_time);
  // The rate allowed `timestamp` seconds after the last throttle.
  [[nodiscard]] double success_received(double timestamp) const;
  // A throttle at `current_rate`: remembers it as W_max and returns W_max * beta.
  double error_received(double current_rate, double timestamp);

  [[nodiscard]] double w_max() const { return w_max_; }
  [[nodiscard]] double k() const { return k_; }

 private:
  double w_max_;
  double k_;
  double last_fail_;
};

// Measured send rate: counts per 0.5 s bucket, smoothed with an EMA of 0.8.
class RateClocker {
 public:
  static constexpr double kSmoothing = 0.8;
  static constexpr double kBucketSeconds = 0.5;

  explicit RateClocker(double now);
  // Counts one request at `now`; returns the measured rate (requests/s).
  double record(double now);
  [[nodiscard]] double measured_rate() const { return measured_rate_; }

 private:
  double measured_rate_ = 0;
  double last_bucket_;
  double count_ = 0;
};

class ClientRateLimiter {
 public:
  static constexpr double kMinFillRate = 0.5;
  static constexpr double kMaxRateAdjustScale = 2.0;

  ClientRateLimiter(const Clock& clock, Sleeper& sleeper);

  // Before each attempt: free while disabled; afterwards takes a token, waiting for it.
  // Waiters reserve tokens in order (the bucket may go negative), so N concurrent callers
  // are paced 1/rate apart instead of all waking together.
  Task<void> acquire();

  // After each attempt (any outcome): updates the measured rate and CUBIC.
  void on_response(bool throttled);

  [[nodiscard]] bool enabled() const { return enabled_; }
  [[nodiscard]] double fill_rate() const { return fill_rate_; }
  [[nodiscard]] double measured_rate() const { return clocker_.measured_rate(); }

 private:
  [[nodiscard]] double now() const;
  void refill();
  void set_max_rate(double rate);

  const Clock* clock_;
  Sleeper* sleeper_;
  CubicCalculator cubic_;
  RateClocker clocker_;
  bool enabled_ = false;
  double fill_rate_ = kMinFillRate;
  double max_capacity_ = 1;
  double capacity_ = 0;
  double last_refill_ = -1;
};

}  // namespace certguard::aws
