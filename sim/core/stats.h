#pragma once

// Request counters for GET /_sim/stats.

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace certguard::sim {

struct StatsSnapshot {
  std::uint64_t total = 0;
  std::uint64_t throttled = 0;
  std::uint64_t faults_injected = 0;
  std::uint64_t rejected_auth = 0;                         // signature, key or token problems
  std::map<std::string, std::uint64_t> by_operation;       // "apigateway:GetStages"
  std::map<std::string, std::uint64_t> by_account_region;  // "123456789012/us-east-1"
};

nlohmann::json to_json(const StatsSnapshot& stats);

class Stats {
 public:
  void count(std::string_view service, std::string_view operation, std::string_view account,
             std::string_view region);
  void count_unrouted();  // requests rejected before an operation was known
  void count_throttled();
  void count_fault();
  void count_rejected_auth();
  StatsSnapshot snapshot() const;
  void reset();

 private:
  mutable std::mutex mutex_;
  StatsSnapshot stats_;
};

}  // namespace certguard::sim
