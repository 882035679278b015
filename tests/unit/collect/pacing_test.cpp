#include "certguard/inventory/collect/pacing.h"

#include <gtest/gtest.h>

#include "fake_aws.h"

namespace certguard::inventory {
namespace {

using std::chrono::milliseconds;

TEST(TokenBucket, BurstThenSteadyRate) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  TokenBucket bucket(10.0, 40.0, clock, sleeper);
  for (int i = 0; i < 40; ++i) run_sync(bucket.acquire());
  EXPECT_EQ(sleeper.total.count(), 0);
  for (int i = 0; i < 10; ++i) run_sync(bucket.acquire());
  // Ten more at 10/s: one second.
  EXPECT_NEAR(std::chrono::duration<double>(clock.monotonic().time_since_epoch()).count(), 1.0,
              1e-6);
}

TEST(TokenBucket, ReservationsQueueInOrder) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  TokenBucket bucket(2.0, 1.0, clock, sleeper);
  EXPECT_EQ(bucket.reserve().count(), 0);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(bucket.reserve()).count(), 500);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(bucket.reserve()).count(), 1000);
}

TEST(RegionPacer, GetResourcesFivePerTwoSeconds) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  RegionPacer pacer(PacingOptions{}, clock, sleeper);
  for (int i = 0; i < 5; ++i) run_sync(pacer.acquire("GetResources"));
  EXPECT_EQ(sleeper.total.count(), 0);
  for (int i = 0; i < 5; ++i) run_sync(pacer.acquire("GetResources"));
  EXPECT_NEAR(std::chrono::duration<double>(clock.monotonic().time_since_epoch()).count(), 2.0,
              1e-6);
  // Other operations still have their burst.
  auto before = clock.monotonic();
  for (int i = 0; i < 20; ++i) run_sync(pacer.acquire("GetStages"));
  EXPECT_EQ((clock.monotonic() - before).count(), 0);
}

TEST(RegionPacer, ZeroRateIsUnlimited) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  RegionPacer pacer(PacingOptions{0, 1, 0, 1}, clock, sleeper);
  for (int i = 0; i < 1000; ++i) run_sync(pacer.acquire("GetResources"));
  EXPECT_EQ(sleeper.total.count(), 0);
}

}  // namespace
}  // namespace certguard::inventory
