#include "sim/core/quotas.h"

#include <algorithm>

namespace certguard::sim {

bool TokenBucket::available(MonoTime now) {
  if (now > last_) {
    double elapsed = std::chrono::duration<double>(now - last_).count();
    tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
    last_ = now;
  }
  return tokens_ >= 1.0;
}

namespace {
struct Limit {
  double rate;
  double burst;
};

// API Gateway's per-operation limits beyond the account total (see the header).
std::optional<Limit> operation_limit(std::string_view operation) {
  if (operation == "GetResources") return Limit{2.5, 5.0};
  if (operation == "CreateDeployment") return Limit{0.2, 1.0};
  return std::nullopt;
}
}  // namespace

TokenBucket& QuotaBook::bucket(const std::string& key, double rate, double burst, MonoTime now) {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) it = buckets_.emplace(key, TokenBucket(rate, burst, now)).first;
  return it->second;
}

bool QuotaBook::admit(std::string_view service, std::string_view operation,
                      std::string_view account, std::string_view region) {
  if (service != "apigateway") return true;
  std::lock_guard guard(mutex_);
  if (!options_.enabled) return true;
  const double scale = options_.scale;
  MonoTime now = clock_.monotonic();
  std::string base = std::string(account) + "/" + std::string(region);
  // A scaled burst below one token would never admit anything.
  TokenBucket& total = bucket(base, 10.0 * scale, std::max(1.0, 40.0 * scale), now);
  if (!total.available(now)) return false;
  if (auto limit = operation_limit(operation)) {
    TokenBucket& op = bucket(base + "/" + std::string(operation), limit->rate * scale,
                             std::max(1.0, limit->burst * scale), now);
    if (!op.available(now)) return false;
    op.take();
  }
  total.take();
  return true;
}

void QuotaBook::reset() {
  std::lock_guard guard(mutex_);
  buckets_.clear();
}

void QuotaBook::set_options(QuotaOptions options) {
  std::lock_guard guard(mutex_);
  options_ = options;
  buckets_.clear();
}

QuotaOptions QuotaBook::options() const {
  std::lock_guard guard(mutex_);
  return options_;
}

}  // namespace certguard::sim
