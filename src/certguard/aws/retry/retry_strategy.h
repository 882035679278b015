#pragma once

// Retry strategies (aws-protocol-notes §7): what the retry loop asks before each attempt,
// after a failure (retry? after how long?) and after a success.
//
//  - standard (default): at most max_attempts (3) in all; full-jitter backoff
//    rand * min(2^(n-1), 20) s after failed attempt n; the retry quota (500 tokens, 5 per
//    retry, 10 after a timeout, refunds on success) stops retry storms.
//  - adaptive: standard plus ClientRateLimiter (CUBIC) before every attempt.
//  - legacy (botocore's): 5 attempts, rand * 2^(n-1) s with no cap, no quota, any 429.
//
// One strategy is shared by every call of a client (the quota and the rate are per
// client); per-call state lives in a CallRetryState the caller keeps for the call.
// Not thread-safe: use it from one event loop.

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include "certguard/aws/config/retry_settings.h"
#include "certguard/aws/http/transport.h"
#include "certguard/aws/retry/random.h"
#include "certguard/aws/retry/rate_limiter.h"
#include "certguard/aws/retry/retry_quota.h"
#include "certguard/core/clock.h"
#include "certguard/core/error.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"

namespace certguard::aws {

// RetryMode and the {mode, max_attempts} pair come from aws/config.
using RetryConfig = RetrySettings;

// "standard", "adaptive" or "legacy" (exactly, as the SDKs accept). Errors: kConfig
// naming the value and the accepted ones.
Result<RetryMode> parse_retry_mode(std::string_view text);

// The state of one logical call across its attempts.
struct CallRetryState {
  int attempt = 1;          // the attempt about to be made / just made (1-based)
  int last_retry_cost = 0;  // quota taken for the latest retry; 0 if none yet
};

class RetryStrategy {
 public:
  virtual ~RetryStrategy() = default;

  // Awaited before every attempt (adaptive: client-side rate limiting).
  virtual Task<void> before_attempt() = 0;

  // Attempt `state.attempt` failed with `error`: the delay before the next attempt, or
  // nullopt to give up. On a retry it advances state.attempt.
  virtual std::optional<std::chrono::nanoseconds> on_failure(const Error& error,
                                                             CallRetryState& state) = 0;

  // The attempt succeeded (refunds quota, feeds the adaptive rate).
  virtual void on_success(const CallRetryState& state) = 0;

  [[nodiscard]] virtual int max_attempts() const = 0;

  // For callers that keep only the attempt number per call (e.g. a RetryPolicy adapter):
  // the same decisions, except that a success after retries refunds kRetryCost (5) even
  // if the last retry followed a timeout (10): at most 5 tokens under-refunded per call.
  std::optional<std::chrono::nanoseconds> on_failure_at(const Error& error, int attempt) {
    CallRetryState state{attempt, 0};
    return on_failure(error, state);
  }
  void on_success_at(int attempt) {
    on_success(CallRetryState{attempt, attempt > 1 ? RetryQuota::kRetryCost : 0});
  }
};

struct StandardRetryOptions {
  int max_attempts = 3;
  std::chrono::nanoseconds max_backoff = std::chrono::seconds(20);  // 0: no cap (legacy)
  bool use_quota = true;
};

class StandardRetryStrategy : public RetryStrategy {
 public:
  StandardRetryStrategy(StandardRetryOptions options, RandomSource& random);

  Task<void> before_attempt() override;
  std::optional<std::chrono::nanoseconds> on_failure(const Error& error,
                                                     CallRetryState& state) override;
  void on_success(const CallRetryState& state) override;
  [[nodiscard]] int max_attempts() const override { return options_.max_attempts; }

  // rand * min(2^(attempt-1) s, max_backoff) for the attempt that just failed.
  [[nodiscard]] std::chrono::nanoseconds backoff(int failed_attempt, double rand) const;

  [[nodiscard]] const RetryQuota& quota() const { return quota_; }

 private:
  StandardRetryOptions options_;
  RandomSource* random_;
  RetryQuota quota_;
};

class AdaptiveRetryStrategy final : public StandardRetryStrategy {
 public:
  AdaptiveRetryStrategy(StandardRetryOptions options, RandomSource& random, const Clock& clock,
                        Sleeper& sleeper);

  Task<void> before_attempt() override;
  std::optional<std::chrono::nanoseconds> on_failure(const Error& error,
                                                     CallRetryState& state) override;
  void on_success(const CallRetryState& state) override;

  [[nodiscard]] const ClientRateLimiter& limiter() const { return limiter_; }

 private:
  ClientRateLimiter limiter_;
};

// The strategy for a configuration. `clock` and `sleeper` are used by adaptive only; all
// references must outlive the strategy.
std::unique_ptr<RetryStrategy> make_retry_strategy(const RetryConfig& config, RandomSource& random,
                                                   const Clock& clock, Sleeper& sleeper);

}  // namespace certguard::aws
