#include "certguard/aws/retry/rate_limiter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "certguard/aws/retry/retry_loop.h"
#include "certguard/aws/retry/retry_strategy.h"
#include "certguard/aws/retry/token_bucket.h"
#include "fakes.h"

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;
using testing::FakeSleeper;
using testing::secs;

double since(const ManualClock& c, MonoTime start) {
  return std::chrono::duration<double>(c.monotonic() - start).count();
}

TEST(Cubic, DropsByBetaAndRecoversToWmaxAfterK) {
  CubicCalculator cubic(10, 0);
  EXPECT_DOUBLE_EQ(cubic.error_received(10, 100), 7.0);
  double k = std::cbrt(10 * 0.3 / 0.4);
  EXPECT_DOUBLE_EQ(cubic.k(), k);
  EXPECT_NEAR(cubic.success_received(100), 7.0, 1e-9);  // 0.4 * (-K)^3 + 10
  EXPECT_NEAR(cubic.success_received(100 + k), 10.0, 1e-9);
  EXPECT_NEAR(cubic.success_received(100 + k + 2), 10 + 0.4 * 8, 1e-9);  // probes above
}

TEST(RateClocker, HalfSecondBucketsWithEma) {
  RateClocker clocker(0);
  double r = 0;
  for (int i = 1; i <= 5; ++i) r = clocker.record(i * 0.1);
  EXPECT_NEAR(r, 0.8 * (5 / 0.5), 1e-9);  // the 0.5 s boundary closes the first bucket
  for (int i = 6; i <= 10; ++i) r = clocker.record(i * 0.1);
  EXPECT_NEAR(r, 0.8 * 10 + 0.2 * 8, 1e-9);
}

TEST(ClientRateLimiter, OffUntilFirstThrottleThenPacedAtReducedRate) {
  ManualClock clock(WallTime{});
  FakeSleeper sleeper(&clock);
  ClientRateLimiter limiter(clock, sleeper);
  // 10 requests/s for 5 s, all fine: no limiting, no sleeps.
  for (int i = 0; i < 50; ++i) {
    run_sync(limiter.acquire());
    clock.advance(100ms);
    limiter.on_response(false);
  }
  EXPECT_FALSE(limiter.enabled());
  EXPECT_TRUE(sleeper.sleeps.empty());
  double measured = limiter.measured_rate();
  EXPECT_NEAR(measured, 10.0, 0.5);
  // A throttle: the rate drops to beta * measured and the limiter turns on.
  limiter.on_response(true);
  EXPECT_TRUE(limiter.enabled());
  double after_throttle = limiter.fill_rate();
  EXPECT_NEAR(after_throttle, 0.7 * limiter.measured_rate(), 0.05);
  // Tokens saved while it was off are spent first; then every acquire waits for a
  // token at that rate.
  for (int i = 0; i < 20 && sleeper.sleeps.empty(); ++i) run_sync(limiter.acquire());
  ASSERT_FALSE(sleeper.sleeps.empty());
  MonoTime start = clock.monotonic();
  for (int i = 0; i < 7; ++i) run_sync(limiter.acquire());
  EXPECT_NEAR(since(clock, start), 7 / after_throttle, 0.05);
}

TEST(ClientRateLimiter, RecoversAlongTheCubicCurve) {
  ManualClock clock(WallTime{});
  FakeSleeper sleeper(&clock);
  ClientRateLimiter limiter(clock, sleeper);
  for (int i = 0; i < 50; ++i) {
    clock.advance(100ms);
    limiter.on_response(false);
  }
  double w_max = limiter.measured_rate();
  limiter.on_response(true);
  double k = std::cbrt(w_max * 0.3 / 0.4);
  // Successes keep arriving at 10/s; the allowed rate follows 0.4 (t-K)^3 + W_max,
  // capped at twice the measured rate.
  double t = 0;
  std::vector<double> rates;
  for (int i = 0; i < 40; ++i) {
    clock.advance(100ms);
    t += 0.1;
    limiter.on_response(false);
    double expected = std::min(0.4 * std::pow(t - k, 3) + w_max, 2 * limiter.measured_rate());
    EXPECT_NEAR(limiter.fill_rate(), std::max(expected, 0.5), 1e-6) << "t=" << t;
    rates.push_back(limiter.fill_rate());
  }
  EXPECT_LT(rates.front(), w_max);         // still below the old rate right after
  EXPECT_GT(rates.back(), rates.front());  // and climbing back
}

TEST(ClientRateLimiter, FillRateNeverBelowHalfPerSecond) {
  ManualClock clock(WallTime{});
  FakeSleeper sleeper(&clock);
  ClientRateLimiter limiter(clock, sleeper);
  for (int i = 0; i < 20; ++i) {
    clock.advance(1s);
    limiter.on_response(true);
  }
  EXPECT_GE(limiter.fill_rate(), 0.5);
}

TEST(AdaptiveRetry, ThrottleEnablesLimiterForLaterCalls) {
  ManualClock clock(WallTime{});
  FakeSleeper sleeper(&clock);
  FixedRandom rand(0.0);
  AdaptiveRetryStrategy s({}, rand, clock, sleeper);
  CallRetryState state;
  Error throttled = make_error(ErrorKind::kThrottled, "slow down");
  throttled.aws_code = "TooManyRequestsException";
  throttled.http_status = 429;
  EXPECT_FALSE(s.limiter().enabled());
  auto delay = s.on_failure(throttled, state);
  ASSERT_TRUE(delay);
  EXPECT_EQ(state.attempt, 2);
  EXPECT_TRUE(s.limiter().enabled());
  // The next attempt has to wait for a token.
  run_sync(s.before_attempt());
  EXPECT_FALSE(sleeper.sleeps.empty());
}

TEST(TokenBucket, BurstThenSteadyRate) {
  ManualClock clock(WallTime{});
  FakeSleeper sleeper(&clock);
  TokenBucket bucket(10, 40, clock, sleeper);
  MonoTime start = clock.monotonic();
  for (int i = 0; i < 40; ++i) run_sync(bucket.acquire());
  EXPECT_DOUBLE_EQ(since(clock, start), 0.0);
  for (int i = 0; i < 60; ++i) run_sync(bucket.acquire());
  EXPECT_NEAR(since(clock, start), 6.0, 1e-6);
}

TEST(TokenBucket, GetResourcesFivePerTwoSeconds) {
  ManualClock clock(WallTime{});
  FakeSleeper sleeper(&clock);
  TokenBucket bucket(2.5, 5, clock, sleeper);
  MonoTime start = clock.monotonic();
  for (int i = 0; i < 15; ++i) run_sync(bucket.acquire());
  EXPECT_NEAR(since(clock, start), 4.0, 1e-6);
}

TEST(TokenBucket, ConcurrentWaitersAreSpacedInOrder) {
  ManualClock clock(WallTime{});
  FakeSleeper sleeper;  // does not move the clock: all callers arrive at once
  TokenBucket bucket(10, 1, clock, sleeper);
  for (int i = 0; i < 4; ++i) run_sync(bucket.acquire());
  ASSERT_EQ(sleeper.sleeps.size(), 3U);
  EXPECT_NEAR(secs(sleeper.sleeps[0]), 0.1, 1e-9);
  EXPECT_NEAR(secs(sleeper.sleeps[1]), 0.2, 1e-9);
  EXPECT_NEAR(secs(sleeper.sleeps[2]), 0.3, 1e-9);
  EXPECT_FALSE(bucket.try_acquire());
  clock.advance(1s);
  EXPECT_NEAR(bucket.available(), 1.0, 1e-9);  // debt repaid, capped at burst
  EXPECT_TRUE(bucket.try_acquire());
}

}  // namespace
}  // namespace certguard::aws
