#include "certguard/aws/retry/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace certguard::aws {

CubicCalculator::CubicCalculator(double starting_max_rate, double start_time)
    : w_max_(starting_max_rate),
      k_(std::cbrt(starting_max_rate * (1 - kBeta) / kScaleConstant)),
      last_fail_(start_time) {}

double CubicCalculator::success_received(double timestamp) const {
  double dt = timestamp - last_fail_;
  return kScaleConstant * std::pow(dt - k_, 3) + w_max_;
}

double CubicCalculator::error_received(double current_rate, double timestamp) {
  w_max_ = current_rate;
  k_ = std::cbrt(w_max_ * (1 - kBeta) / kScaleConstant);
  last_fail_ = timestamp;
  return current_rate * kBeta;
}

RateClocker::RateClocker(double now) : last_bucket_(std::floor(now)) {}

double RateClocker::record(double now) {
  constexpr double kScale = 1 / kBucketSeconds;
  double bucket = std::floor(now * kScale) / kScale;
  count_ += 1;
  if (bucket > last_bucket_) {
    double current_rate = count_ / (bucket - last_bucket_);
    measured_rate_ = current_rate * kSmoothing + measured_rate_ * (1 - kSmoothing);
    count_ = 0;
    last_bucket_ = bucket;
  }
  return measured_rate_;
}

namespace {
double seconds_of(MonoTime t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}
}  // namespace

ClientRateLimiter::ClientRateLimiter(const Clock& clock, Sleeper& sleeper)
    : clock_(&clock),
      sleeper_(&sleeper),
      cubic_(kMinFillRate, seconds_of(clock.monotonic())),
      clocker_(seconds_of(clock.monotonic())) {
  // botocore starts the bucket at max_rate 1 with no tokens.
  set_max_rate(1.0);
}

double ClientRateLimiter::now() const {
  return seconds_of(clock_->monotonic());
}

void ClientRateLimiter::refill() {
  double t = now();
  if (last_refill_ < 0) {
    last_refill_ = t;
    return;
  }
  capacity_ = std::min(max_capacity_, capacity_ + (t - last_refill_) * fill_rate_);
  last_refill_ = t;
}

void ClientRateLimiter::set_max_rate(double rate) {
  refill();
  fill_rate_ = std::max(rate, kMinFillRate);
  max_capacity_ = rate >= 1 ? rate : 1;
  capacity_ = std::min(capacity_, max_capacity_);
}

Task<void> ClientRateLimiter::acquire() {
  if (!enabled_) co_return;
  refill();
  capacity_ -= 1;
  if (capacity_ >= 0) co_return;
  auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(-capacity_ / fill_rate_));
  auto sleep = sleeper_->sleep_for(wait);
  co_await std::move(sleep);
}

void ClientRateLimiter::on_response(bool throttled) {
  double t = now();
  double measured = clocker_.record(t);
  double new_rate = 0;
  if (!throttled) {
    new_rate = cubic_.success_received(t);
  } else {
    double rate_to_use = enabled_ ? std::min(measured, fill_rate_) : measured;
    new_rate = cubic_.error_received(rate_to_use, t);
    enabled_ = true;
  }
  set_max_rate(std::min(new_rate, kMaxRateAdjustScale * measured));
}

}  // namespace certguard::aws
