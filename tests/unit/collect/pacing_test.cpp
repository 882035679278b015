#include "certguard/inventory/collect/pacing.h"

#include <gtest/gtest.h>

#include "fake_aws.h"

namespace certguard::inventory {
namespace {

using std::chrono::milliseconds;

// Records each wait without moving any clock, as if every caller arrived at once.
class RecordingSleeper final : public aws::Sleeper {
 public:
  Task<void> sleep_for(std::chrono::nanoseconds d) override {
    sleeps.push_back(d);
    co_return;
  }
  std::vector<std::chrono::nanoseconds> sleeps;
};

// The bucket's own arithmetic (burst, steady rate, queued reservations, unlimited) is
// tested with aws::TokenBucket in tests/unit/retry/token_bucket_test.cpp.

TEST(RegionPacer, BurstThenSteadyRate) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  RegionPacer pacer(PacingOptions{}, clock, sleeper);
  for (int i = 0; i < 40; ++i) run_sync(pacer.acquire("GetStages"));
  EXPECT_EQ(sleeper.total.count(), 0);
  for (int i = 0; i < 10; ++i) run_sync(pacer.acquire("GetStages"));
  // Ten more at 10/s: one second.
  EXPECT_NEAR(std::chrono::duration<double>(clock.monotonic().time_since_epoch()).count(), 1.0,
              1e-6);
}

TEST(RegionPacer, ReservationsQueueInOrder) {
  ManualClock clock{WallTime{}};
  RecordingSleeper sleeper;  // the clock stands still: all callers arrive at once
  RegionPacer pacer(PacingOptions{2.0, 1.0, 0, 1}, clock, sleeper);
  for (int i = 0; i < 3; ++i) run_sync(pacer.acquire("GetStages"));
  ASSERT_EQ(sleeper.sleeps.size(), 2U);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(sleeper.sleeps[0]).count(), 500);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(sleeper.sleeps[1]).count(), 1000);
}

TEST(RegionPacer, GetResourcesJustUnderFivePerTwoSeconds) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  RegionPacer pacer(PacingOptions{}, clock, sleeper);
  for (int i = 0; i < 5; ++i) run_sync(pacer.acquire("GetResources"));
  EXPECT_EQ(sleeper.total.count(), 0);
  for (int i = 0; i < 5; ++i) run_sync(pacer.acquire("GetResources"));
  // Never faster than AWS's 5 per 2 s, and no more than 5% slower.
  const double elapsed =
      std::chrono::duration<double>(clock.monotonic().time_since_epoch()).count();
  EXPECT_GE(elapsed, 2.0);
  EXPECT_LE(elapsed, 2.1);
  // Other operations still have their burst.
  auto before = clock.monotonic();
  for (int i = 0; i < 20; ++i) run_sync(pacer.acquire("GetStages"));
  EXPECT_EQ((clock.monotonic() - before).count(), 0);
}

TEST(RegionPacer, ZeroRateIsUnlimited) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  RegionPacer pacer(PacingOptions{0, 1, 0, 1}, clock, sleeper);
  for (int i = 0; i < 1000; ++i) {
    run_sync(pacer.acquire("GetResources"));
    pacer.on_response(false);  // as AwsClient does after each attempt
  }
  EXPECT_EQ(sleeper.total.count(), 0);
}

// A coroutine that takes a slot and records when it got it.
Task<void> take_slot(InFlightLimit* limit, std::vector<int>* order, int id) {
  co_await limit->acquire();
  order->push_back(id);
}

TEST(InFlightLimit, WaitersGetSlotsInArrivalOrder) {
  InFlightLimit limit(2);
  std::vector<int> order;
  std::vector<Task<void>> tasks;
  for (int i = 0; i < 5; ++i) tasks.push_back(take_slot(&limit, &order, i));
  for (auto& t : tasks) start(std::move(t), [] {});
  EXPECT_EQ(order, (std::vector<int>{0, 1}));
  EXPECT_EQ(limit.in_use(), 2U);
  EXPECT_EQ(limit.waiting(), 3U);
  limit.release();  // handed to waiter 2
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(limit.in_use(), 2U);
  limit.release();
  limit.release();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(limit.waiting(), 0U);
  limit.release();
  limit.release();
  EXPECT_EQ(limit.in_use(), 0U);
}

Task<void> take_urgent_slot(InFlightLimit* limit, std::vector<int>* order, int id) {
  co_await limit->acquire(true);
  order->push_back(id);
}

TEST(InFlightLimit, UrgentWaitersGoFirst) {
  InFlightLimit limit(1);
  std::vector<int> order;
  start(take_slot(&limit, &order, 0), [] {});
  start(take_slot(&limit, &order, 1), [] {});
  start(take_urgent_slot(&limit, &order, 2), [] {});
  start(take_urgent_slot(&limit, &order, 3), [] {});
  EXPECT_EQ(order, (std::vector<int>{0}));
  for (int i = 0; i < 3; ++i) limit.release();
  EXPECT_EQ(order, (std::vector<int>{0, 2, 3, 1}));
  limit.release();
  EXPECT_EQ(limit.in_use(), 0U);
}

TEST(InFlightLimit, ZeroIsUnlimited) {
  InFlightLimit limit(0);
  std::vector<int> order;
  for (int i = 0; i < 1000; ++i) start(take_slot(&limit, &order, i), [] {});
  EXPECT_EQ(order.size(), 1000U);
  EXPECT_EQ(limit.waiting(), 0U);
}

TEST(RegionPacer, PacersShareOneInFlightCap) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  PacingOptions options;
  options.in_flight = std::make_shared<InFlightLimit>(3);
  RegionPacer a(options, clock, sleeper);
  RegionPacer b(options, clock, sleeper);
  int done = 0;
  for (RegionPacer* p : {&a, &b, &a, &b}) start(p->acquire("GetStages"), [&done] { ++done; });
  EXPECT_EQ(done, 3);  // the fourth waits for a slot, whichever region it is for
  b.on_response(false);
  EXPECT_EQ(done, 4);
  EXPECT_EQ(options.in_flight->in_use(), 3U);
}

TEST(RegionPacer, AThrottleEmptiesTheBuckets) {
  ManualClock clock{WallTime{}};
  testing::ClockSleeper sleeper(clock);
  RegionPacer pacer(PacingOptions{}, clock, sleeper);
  run_sync(pacer.acquire("GetResources"));
  pacer.on_response(true);  // the server says its bucket is empty
  auto before = clock.monotonic();
  run_sync(pacer.acquire("GetResources"));
  pacer.on_response(false);
  // No burst left: the next GetResources waits for one fresh token.
  EXPECT_NEAR(std::chrono::duration<double>(clock.monotonic() - before).count(),
              1.0 / PacingOptions{}.get_resources_rate, 1e-6);
}

}  // namespace
}  // namespace certguard::inventory
