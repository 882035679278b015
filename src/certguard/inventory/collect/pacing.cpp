#include "certguard/inventory/collect/pacing.h"

namespace certguard::inventory {

bool InFlightLimit::try_take(bool urgent) {
  bool queued = urgent ? !urgent_.empty() : waiting() > 0;
  if (limit_ != 0 && (used_ >= limit_ || queued)) return false;
  ++used_;
  return true;
}

void InFlightLimit::release() {
  std::deque<std::coroutine_handle<>>& queue = urgent_.empty() ? waiters_ : urgent_;
  if (queue.empty()) {
    if (used_ > 0) --used_;
    return;
  }
  // The slot passes to the next waiter: used_ stays the same.
  std::coroutine_handle<> next = queue.front();
  queue.pop_front();
  next.resume();
}

RegionPacer::RegionPacer(const PacingOptions& options, const Clock& clock, aws::Sleeper& sleeper)
    : all_(options.apigateway_rate, options.apigateway_burst, clock, sleeper),
      get_resources_(options.get_resources_rate, options.get_resources_burst, clock, sleeper),
      in_flight_(options.in_flight) {}

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
  // GetResources goes first in the queue for a slot: if it waited behind the burst of
  // other calls, it would reach the server bunched up with the next ones and be throttled.
  if (in_flight_ != nullptr) co_await in_flight_->acquire(operation == "GetResources");
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
