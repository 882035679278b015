#pragma once

// Adapts aws/retry's RetryStrategy (standard, adaptive, legacy) to the AwsClient's
// RetryPolicy hook. Owns the strategy: one per client, as the SDKs do.

#include <memory>

#include "certguard/aws/client/hooks.h"
#include "certguard/aws/retry/retry_strategy.h"

namespace certguard::inventory {

class StrategyRetryPolicy final : public aws::RetryPolicy {
 public:
  explicit StrategyRetryPolicy(std::unique_ptr<aws::RetryStrategy> strategy)
      : strategy_(std::move(strategy)) {}
  std::optional<std::chrono::nanoseconds> on_failure(const Error& error, int attempt) override {
    return strategy_->on_failure_at(error, attempt);
  }
  void on_success(int attempt) override { strategy_->on_success_at(attempt); }

 private:
  std::unique_ptr<aws::RetryStrategy> strategy_;
};

}  // namespace certguard::inventory
