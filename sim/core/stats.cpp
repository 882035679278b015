#include "sim/core/stats.h"

namespace certguard::sim {

nlohmann::json to_json(const StatsSnapshot& stats) {
  return nlohmann::json{{"total", stats.total},
                        {"throttled", stats.throttled},
                        {"faults_injected", stats.faults_injected},
                        {"rejected_auth", stats.rejected_auth},
                        {"by_operation", stats.by_operation},
                        {"by_account_region", stats.by_account_region}};
}

void Stats::count(std::string_view service, std::string_view operation, std::string_view account,
                  std::string_view region) {
  std::string op_key = std::string(service) + ":" + std::string(operation);
  std::string ar_key = std::string(account) + "/" + std::string(region);
  std::lock_guard guard(mutex_);
  ++stats_.total;
  ++stats_.by_operation[op_key];
  ++stats_.by_account_region[ar_key];
}

void Stats::count_unrouted() {
  std::lock_guard guard(mutex_);
  ++stats_.total;
}

void Stats::count_throttled() {
  std::lock_guard guard(mutex_);
  ++stats_.throttled;
}

void Stats::count_fault() {
  std::lock_guard guard(mutex_);
  ++stats_.faults_injected;
}

void Stats::count_rejected_auth() {
  std::lock_guard guard(mutex_);
  ++stats_.rejected_auth;
}

StatsSnapshot Stats::snapshot() const {
  std::lock_guard guard(mutex_);
  return stats_;
}

void Stats::reset() {
  std::lock_guard guard(mutex_);
  stats_ = StatsSnapshot{};
}

}  // namespace certguard::sim
