#include "certguard/inventory/collect/pacing.h"

namespace certguard::inventory {

bool InFlightLimit::try_take() {
  if (limit_ != 0 && (used_ >= limit_ || !waiters_.empty())) return false;
  ++used_;
  return true;
}

void InFlightLimit::release() {
  if (waiters_.empty()) {
    if (used_ > 0) --used_;
    return;
  }
  // The slot passes to the oldest waiter: used_ stays the same.
  std::coroutine_handle<> next = waiters_.front();
  waiters_.pop_front();
  next.resume();
}

RegionPacer::RegionPacer(const PacingOptions& options, const Clock& clock, aws::Sleeper& sleeper)
    : all_(options.apigateway_rate, options.apigateway_burst, clock, sleeper),
      get_resources_(options.get_resources_rate, options.get_resources_burst, clock, sleeper),
      in_flight_(options.in_flight.get()) {}

Task<void> RegionPacer::acquire(std::string_view operation) {
  // GetResources waits for its own quota first and only then takes a general token, so
  // it never holds general capacity it cannot use yet; the in-flight slot comes last,
  // so no slot is held while waiting for a token.
  if (operation == "GetResources") {
    auto own = get_resources_.acquire();
    co_await std::move(own);
  }
  auto general = all_.acquire();
  co_await std::move(general);
  if (in_flight_ != nullptr) co_await in_flight_->acquire();
}

namespace {
// Spends whatever the bucket holds: the next callers wait for fresh tokens.
void drain(aws::TokenBucket& bucket) {
  double left = bucket.available();
  if (left > 0) bucket.reserve(left);
}
}  // namespace

void RegionPacer::on_response(bool throttled) {
  // A throttle means the server's bucket for this account-region is empty, whatever
  // ours says (its clock started later, or requests reached it bunched up): start over
  // from empty so the next requests are spaced at the steady rate.
  if (throttled) {
    drain(all_);
    drain(get_resources_);
  }
  if (in_flight_ != nullptr) in_flight_->release();
}

}  // namespace certguard::inventory
