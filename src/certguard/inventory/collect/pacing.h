#pragma once

// Client-side pacing for one account-region, so a scan runs at AWS's request quotas
// instead of being throttled into backoff: aws/retry's token bucket for every API Gateway
// call (10 requests/s, burst 40 by default) and a second one for GetResources (5 per 2 s).
// It implements aws::CallLimiter, which AwsClient consults before each attempt.
//
// Every account-region's pacer also shares one cap on the API Gateway requests in flight
// for the whole scan (InFlightLimit). Without it a scan of hundreds of account-regions
// hands thousands of requests to libcurl at once: each holds an easy handle and buffers
// (the 850-region benchmark peaked at 280 MB), libcurl spends its time walking the queue,
// and the server receives the first burst late and the paced requests after it early, so
// it throttles requests that the client had spaced correctly.

#include <coroutine>
#include <cstddef>
#include <deque>
#include <memory>
#include <string_view>

#include "certguard/aws/client/hooks.h"
#include "certguard/aws/http/transport.h"
#include "certguard/aws/retry/token_bucket.h"
#include "certguard/core/clock.h"
#include "certguard/core/task.h"

namespace certguard::inventory {

// A counting semaphore for coroutines on one event loop (one thread). Waiters are served
// in arrival order, urgent ones first; release() hands the slot straight to the next.
class InFlightLimit {
 public:
  // 0 means no limit.
  explicit InFlightLimit(std::size_t limit) : limit_(limit) {}
  InFlightLimit(const InFlightLimit&) = delete;
  InFlightLimit& operator=(const InFlightLimit&) = delete;

  // Trivially destructible (raw pointer only), as awaiters must be under g++ 12.
  struct Awaiter {
    InFlightLimit* limit;
    bool urgent;
    [[nodiscard]] bool await_ready() const noexcept { return limit->try_take(urgent); }
    void await_suspend(std::coroutine_handle<> h) const {
      (urgent ? limit->urgent_ : limit->waiters_).push_back(h);
    }
    void await_resume() const noexcept {}
  };
  // `co_await limit.acquire()` takes a slot, waiting for one if all are taken. Urgent
  // callers (the quota-paced GetResources, whose spacing must survive the wait) go
  // before every ordinary waiter.
  Awaiter acquire(bool urgent = false) { return Awaiter{this, urgent}; }
  // Gives a slot back (once per completed acquire); resumes the next waiter, if any.
  void release();

  [[nodiscard]] std::size_t in_use() const { return used_; }
  [[nodiscard]] std::size_t waiting() const { return urgent_.size() + waiters_.size(); }

 private:
  bool try_take(bool urgent);

  std::size_t limit_;
  std::size_t used_ = 0;
  std::deque<std::coroutine_handle<>> urgent_;
  std::deque<std::coroutine_handle<>> waiters_;
};

// Rates <= 0 mean unlimited. Copies share `in_flight`, so every account-region of one
// collection (which copies its CollectOptions) draws from the same cap.
struct PacingOptions {
  double apigateway_rate = 10.0;  // every API Gateway operation of one account-region
  double apigateway_burst = 40.0;
  // GetResources: AWS allows 5 per 2 s. Pacing at 96% of that leaves room for the jitter
  // between our sends and their arrival: in bench/scan, 2.5/s drew ~100 429s per scan and
  // 2.4/s ~7, at the same wall time. Every 429 also eats the account's shared quota.
  double get_resources_rate = 2.4;
  double get_resources_burst = 5.0;
  // API Gateway requests in flight across the whole scan: 256 at 50 ms a round trip is
  // ~5,000 requests/s. An organization's first wave (3 calls per account-region: 2,500 for
  // bench/scan's 833) waited about 1 s behind 128 slots before the quota-bound chains of
  // GetResources could start; 256 cut bench/scan from 9.5 to 8.4 s at the same peak RSS
  // (88 MB), while 512 drew more 429s and was no faster.
  std::shared_ptr<InFlightLimit> in_flight = std::make_shared<InFlightLimit>(256);
};

// The limiter for one account-region's API Gateway client.
class RegionPacer final : public aws::CallLimiter {
 public:
  // Shares `options.in_flight` (null: no cap).
  RegionPacer(const PacingOptions& options, const Clock& clock, aws::Sleeper& sleeper);
  Task<void> acquire(std::string_view operation) override;
  // AwsClient calls this once after every attempt it acquired for.
  void on_response(bool throttled) override;

 private:
  aws::TokenBucket all_;
  aws::TokenBucket get_resources_;
  std::shared_ptr<InFlightLimit> in_flight_;
};

}  // namespace certguard::inventory
