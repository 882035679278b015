#include "certguard/aws/retry/retry_strategy.h"

#include <algorithm>
#include <cmath>

#include "certguard/aws/retry/retryable.h"

namespace certguard::aws {

Result<RetryMode> parse_retry_mode(std::string_view text) {
  if (text == "standard") return RetryMode::kStandard;
  if (text == "adaptive") return RetryMode::kAdaptive;
  if (text == "legacy") return RetryMode::kLegacy;
  Error e =
      make_error(ErrorKind::kConfig,
                 "retry mode '" + std::string(text) +
                     "' is not one of legacy, standard, adaptive (AWS_RETRY_MODE / retry_mode)");
  return e;
}

StandardRetryStrategy::StandardRetryStrategy(StandardRetryOptions options, RandomSource& random)
    : options_(options), random_(&random) {
  options_.max_attempts = std::max(1, options_.max_attempts);
}

Task<void> StandardRetryStrategy::before_attempt() {
  co_return;
}

std::chrono::nanoseconds StandardRetryStrategy::backoff(int failed_attempt, double rand) const {
  double base = std::pow(2.0, std::max(0, failed_attempt - 1));  // seconds
  if (options_.max_backoff.count() > 0) {
    base = std::min(base, std::chrono::duration<double>(options_.max_backoff).count());
  }
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(rand * base));
}

std::optional<std::chrono::nanoseconds> StandardRetryStrategy::on_failure(const Error& error,
                                                                          CallRetryState& state) {
  RetryClass cls = classify_for_retry(error);
  if (!options_.use_quota && cls == RetryClass::kNotRetryable && error.http_status == 429) {
    cls = RetryClass::kThrottling;  // legacy retries any 429
  }
  if (cls == RetryClass::kNotRetryable) return std::nullopt;
  if (state.attempt >= options_.max_attempts) return std::nullopt;
  if (options_.use_quota) {
    int cost = cls == RetryClass::kTimeout ? RetryQuota::kTimeoutRetryCost : RetryQuota::kRetryCost;
    if (!quota_.acquire(cost)) return std::nullopt;
    state.last_retry_cost = cost;
  }
  auto delay = backoff(state.attempt, random_->uniform01());
  ++state.attempt;
  return delay;
}

void StandardRetryStrategy::on_success(const CallRetryState& state) {
  if (!options_.use_quota) return;
  quota_.release(state.last_retry_cost > 0 ? state.last_retry_cost : RetryQuota::kNoRetryIncrement);
}

AdaptiveRetryStrategy::AdaptiveRetryStrategy(StandardRetryOptions options, RandomSource& random,
                                             const Clock& clock, Sleeper& sleeper)
    : StandardRetryStrategy(options, random), limiter_(clock, sleeper) {}

Task<void> AdaptiveRetryStrategy::before_attempt() {
  auto gate = limiter_.acquire();
  co_await std::move(gate);
}

std::optional<std::chrono::nanoseconds> AdaptiveRetryStrategy::on_failure(const Error& error,
                                                                          CallRetryState& state) {
  limiter_.on_response(classify_for_retry(error) == RetryClass::kThrottling);
  return StandardRetryStrategy::on_failure(error, state);
}

void AdaptiveRetryStrategy::on_success(const CallRetryState& state) {
  limiter_.on_response(false);
  StandardRetryStrategy::on_success(state);
}

std::unique_ptr<RetryStrategy> make_retry_strategy(const RetryConfig& config, RandomSource& random,
                                                   const Clock& clock, Sleeper& sleeper) {
  StandardRetryOptions opts;
  opts.max_attempts = config.max_attempts;
  switch (config.mode) {
    case RetryMode::kLegacy:
      opts.max_backoff = std::chrono::nanoseconds{0};
      opts.use_quota = false;
      return std::make_unique<StandardRetryStrategy>(opts, random);
    case RetryMode::kAdaptive:
      return std::make_unique<AdaptiveRetryStrategy>(opts, random, clock, sleeper);
    case RetryMode::kStandard:
      break;
  }
  return std::make_unique<StandardRetryStrategy>(opts, random);
}

}  // namespace certguard::aws
