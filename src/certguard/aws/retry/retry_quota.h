#pragma once

// The standard mode's retry quota: one token bucket per client (aws-protocol-notes §7.2).
// A retry takes 5 tokens (10 after a timeout); with too few left the SDK stops retrying.
// A success refunds 1 if the call needed no retry, else what its last retry took.

namespace certguard::aws {

class RetryQuota {
 public:
  static constexpr int kInitialCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  explicit RetryQuota(int capacity = kInitialCapacity) : max_(capacity), available_(capacity) {}

  // Takes `amount` if available.
  bool acquire(int amount) {
    if (amount > available_) return false;
    available_ -= amount;
    return true;
  }
  void release(int amount) { available_ = available_ + amount > max_ ? max_ : available_ + amount; }

  [[nodiscard]] int available() const { return available_; }
  [[nodiscard]] int capacity() const { return max_; }

 private:
  int max_;
  int available_;
};

}  // namespace certguard::aws
