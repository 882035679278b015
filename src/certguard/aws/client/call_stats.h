#pragma once

// Per-operation call counters; the scanner reports them (calls, retries, throttles).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace certguard::aws {

struct OperationStats {
  std::uint64_t calls = 0;      // logical calls (one per AwsClient::call)
  std::uint64_t attempts = 0;   // HTTP attempts, including retries
  std::uint64_t throttles = 0;  // attempts answered with a throttling error
  std::uint64_t failures = 0;   // calls that ended in an error
};

class CallStats {
 public:
  void record_call(std::string_view operation) { update(operation, &OperationStats::calls); }
  void record_attempt(std::string_view operation) { update(operation, &OperationStats::attempts); }
  void record_throttle(std::string_view operation) {
    update(operation, &OperationStats::throttles);
  }
  void record_failure(std::string_view operation) { update(operation, &OperationStats::failures); }

  // A copy, keyed by operation name.
  [[nodiscard]] std::map<std::string, OperationStats, std::less<>> snapshot() const {
    std::lock_guard lock(mutex_);
    return by_operation_;
  }
  [[nodiscard]] OperationStats get(std::string_view operation) const {
    std::lock_guard lock(mutex_);
    auto it = by_operation_.find(operation);
    return it == by_operation_.end() ? OperationStats{} : it->second;
  }

 private:
  void update(std::string_view operation, std::uint64_t OperationStats::*field) {
    std::lock_guard lock(mutex_);
    auto it = by_operation_.find(operation);
    if (it == by_operation_.end())
      it = by_operation_.emplace(std::string(operation), OperationStats{}).first;
    ++(it->second.*field);
  }

  mutable std::mutex mutex_;
  std::map<std::string, OperationStats, std::less<>> by_operation_;
};

}  // namespace certguard::aws
