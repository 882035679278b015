// aws::TokenBucket's reservations and its unlimited mode (the collector's RegionPacer is
// built on it; its own tests are in tests/unit/collect/pacing_test.cpp).

#include "certguard/aws/retry/token_bucket.h"

#include <gtest/gtest.h>

#include "fakes.h"

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using testing::FakeSleeper;

double seconds_since_epoch(const ManualClock& c) {
  return std::chrono::duration<double>(c.monotonic().time_since_epoch()).count();
}

TEST(TokenBucketReserve, TenPerSecondAfterTheBurst) {
  ManualClock clock{WallTime{}};
  FakeSleeper sleeper(&clock);
  TokenBucket bucket(10.0, 40.0, clock, sleeper);
  for (int i = 0; i < 40; ++i) run_sync(bucket.acquire());
  EXPECT_TRUE(sleeper.sleeps.empty());
  for (int i = 0; i < 10; ++i) run_sync(bucket.acquire());
  // Ten more at 10/s: one second.
  EXPECT_NEAR(seconds_since_epoch(clock), 1.0, 1e-6);
}

TEST(TokenBucketReserve, ReservationsQueueInOrder) {
  ManualClock clock{WallTime{}};
  FakeSleeper sleeper(&clock);
  TokenBucket bucket(2.0, 1.0, clock, sleeper);
  EXPECT_EQ(bucket.reserve().count(), 0);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(bucket.reserve()).count(), 500);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(bucket.reserve()).count(), 1000);
  EXPECT_NEAR(bucket.available(), -2.0, 1e-9);
  EXPECT_TRUE(sleeper.sleeps.empty());  // reserve() never sleeps itself
  clock.advance(1500ms);                // the debt repaid, one token saved
  EXPECT_NEAR(bucket.available(), 1.0, 1e-9);
  EXPECT_EQ(bucket.reserve().count(), 0);
}

TEST(TokenBucketReserve, SeveralTokensAtOnce) {
  ManualClock clock{WallTime{}};
  FakeSleeper sleeper(&clock);
  TokenBucket bucket(4.0, 4.0, clock, sleeper);
  EXPECT_EQ(bucket.reserve(3).count(), 0);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(bucket.reserve(3)).count(), 500);
}

TEST(TokenBucketUnlimited, ZeroOrNegativeRateNeverWaits) {
  for (double rate : {0.0, -1.0}) {
    ManualClock clock{WallTime{}};
    FakeSleeper sleeper(&clock);
    TokenBucket bucket(rate, 1.0, clock, sleeper);
    EXPECT_TRUE(bucket.unlimited());
    for (int i = 0; i < 1000; ++i) {
      EXPECT_EQ(bucket.reserve().count(), 0);
      run_sync(bucket.acquire());
      EXPECT_TRUE(bucket.try_acquire());
    }
    EXPECT_TRUE(sleeper.sleeps.empty());
    EXPECT_EQ(seconds_since_epoch(clock), 0.0);
    EXPECT_GE(bucket.available(), 1.0);
  }
}

TEST(TokenBucketUnlimited, PositiveRateIsLimited) {
  ManualClock clock{WallTime{}};
  FakeSleeper sleeper(&clock);
  TokenBucket bucket(0.5, 1.0, clock, sleeper);
  EXPECT_FALSE(bucket.unlimited());
  EXPECT_TRUE(bucket.try_acquire());
  EXPECT_FALSE(bucket.try_acquire());
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(bucket.reserve()).count(), 2000);
}

}  // namespace
}  // namespace certguard::aws
