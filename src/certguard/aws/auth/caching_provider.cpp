#include "certguard/aws/auth/caching_provider.h"

namespace certguard::aws {
namespace {

// Suspends until the running refresh finishes. Trivially destructible (g++ 12 rule).
struct JoinFlight {
  CachingProvider::Flight* flight;
  [[nodiscard]] bool await_ready() const noexcept { return flight->result.has_value(); }
  void await_suspend(std::coroutine_handle<> h) { flight->waiters.push_back(h); }
  void await_resume() const noexcept {}
};

}  // namespace

bool CachingProvider::fresh() const {
  if (!cached_) return false;
  if (!cached_->expiration) return true;
  return clock_->now() + window_ < *cached_->expiration;
}

Task<Result<Credentials>> CachingProvider::get() {
  if (fresh()) co_return *cached_;
  if (flight_) {
    std::shared_ptr<Flight> flight = flight_;  // keeps it alive while we wait
    co_await JoinFlight{flight.get()};
    co_return *flight->result;
  }
  auto task = refresh();
  Result<Credentials> r = co_await std::move(task);
  co_return r;
}

Task<Result<Credentials>> CachingProvider::refresh() {
  std::shared_ptr<Flight> flight = std::make_shared<Flight>();
  flight_ = flight;
  ++refreshes_;
  auto task = source_->get();
  Result<Credentials> r = co_await std::move(task);
  if (r.ok()) {
    cached_ = *r;
  } else if (cached_ && (!cached_->expiration || clock_->now() < *cached_->expiration)) {
    r = *cached_;  // still valid, only inside the refresh window: keep using it
  }
  flight_.reset();
  flight->result = r;
  // Resume the waiters; each reads flight->result (the Flight stays alive through our copy).
  std::vector<std::coroutine_handle<>> waiters = std::move(flight->waiters);
  for (auto h : waiters) h.resume();
  co_return r;
}

}  // namespace certguard::aws
