#pragma once

// Connects aws/retry's RetryStrategy (standard, adaptive, legacy; one per client: the
// retry quota and the adaptive rate are per client) to the call pipeline's RetryPolicy.

#include "certguard/aws/client/hooks.h"
#include "certguard/aws/retry/retry_strategy.h"

namespace certguard::aws {

class StrategyRetryPolicy final : public RetryPolicy {
 public:
  explicit StrategyRetryPolicy(RetryStrategy& strategy) : strategy_(&strategy) {}

  std::optional<std::chrono::nanoseconds> on_failure(const Error& error, int attempt) override {
    return strategy_->on_failure_at(error, attempt);
  }
  void on_success(int attempt) override { strategy_->on_success_at(attempt); }
  Task<void> before_attempt() override { return strategy_->before_attempt(); }

 private:
  RetryStrategy* strategy_;
};

}  // namespace certguard::aws
