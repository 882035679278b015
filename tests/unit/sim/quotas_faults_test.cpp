#include <gtest/gtest.h>

#include "sim/core/faults.h"
#include "sim/core/quotas.h"

namespace certguard::sim {
namespace {

const WallTime kStart = WallTime(std::chrono::seconds(1767225600));

TEST(Quotas, BurstOf40ThenThrottledThenRefillsAt10PerSecond) {
  ManualClock clock(kStart);
  QuotaBook quotas({true, 1.0}, clock);
  for (int i = 0; i < 40; ++i) {
    EXPECT_TRUE(quotas.admit("apigateway", "GetStages", "111111111111", "us-east-1")) << i;
  }
  EXPECT_FALSE(quotas.admit("apigateway", "GetStages", "111111111111", "us-east-1"));
  // Other account-regions have their own buckets; other services are not throttled.
  EXPECT_TRUE(quotas.admit("apigateway", "GetStages", "111111111111", "eu-west-1"));
  EXPECT_TRUE(quotas.admit("acm", "ListCertificates", "111111111111", "us-east-1"));
  clock.advance(std::chrono::milliseconds(100));  // one token at 10/s
  EXPECT_TRUE(quotas.admit("apigateway", "GetStages", "111111111111", "us-east-1"));
  EXPECT_FALSE(quotas.admit("apigateway", "GetStages", "111111111111", "us-east-1"));
}

TEST(Quotas, GetResourcesIs5Per2SecondsAndCreateDeployment1Per5Seconds) {
  ManualClock clock(kStart);
  QuotaBook quotas({true, 1.0}, clock);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(quotas.admit("apigateway", "GetResources", "a", "r"));
  EXPECT_FALSE(quotas.admit("apigateway", "GetResources", "a", "r"));
  EXPECT_TRUE(quotas.admit("apigateway", "GetStages", "a", "r"));  // total still has room
  EXPECT_TRUE(quotas.admit("apigateway", "CreateDeployment", "a", "r"));
  EXPECT_FALSE(quotas.admit("apigateway", "CreateDeployment", "a", "r"));
  clock.advance(std::chrono::seconds(5));
  EXPECT_TRUE(quotas.admit("apigateway", "CreateDeployment", "a", "r"));
}

TEST(Quotas, ScaleAndOff) {
  ManualClock clock(kStart);
  QuotaBook scaled({true, 10.0}, clock);
  for (int i = 0; i < 400; ++i) ASSERT_TRUE(scaled.admit("apigateway", "GetStages", "a", "r"));
  EXPECT_FALSE(scaled.admit("apigateway", "GetStages", "a", "r"));
  QuotaBook off({false, 1.0}, clock);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(off.admit("apigateway", "GetStages", "a", "r"));
}

TEST(Faults, ParsesSpecAndRejectsBadOnes) {
  auto faults = parse_faults("5xx=0.05,reset=0.02,stall=0.01", 7);
  ASSERT_TRUE(faults.ok());
  EXPECT_DOUBLE_EQ(faults->error_5xx, 0.05);
  EXPECT_DOUBLE_EQ(faults->reset, 0.02);
  EXPECT_DOUBLE_EQ(faults->stall, 0.01);
  EXPECT_EQ(faults->seed, 7U);
  EXPECT_FALSE(parse_faults("5xx=2", 1).ok());
  EXPECT_FALSE(parse_faults("boom=0.1", 1).ok());
  EXPECT_FALSE(parse_faults("5xx", 1).ok());
  auto latency = parse_latency("50:10");
  ASSERT_TRUE(latency.ok());
  EXPECT_EQ(latency->base.count(), 50);
  EXPECT_EQ(latency->jitter.count(), 10);
  EXPECT_FALSE(parse_latency("x").ok());
}

TEST(Faults, DrawsAreDeterministicForASeedAndNearTheRates) {
  FaultOptions options{0.2, 0.1, 0.05, 42};
  FaultInjector a(options, {});
  FaultInjector b(options, {});
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 10000; ++i) {
    FaultDraw da = a.draw();
    ASSERT_EQ(da, b.draw());
    ++counts[static_cast<int>(da)];
  }
  EXPECT_NEAR(counts[static_cast<int>(FaultDraw::kError5xx)], 2000, 200);
  EXPECT_NEAR(counts[static_cast<int>(FaultDraw::kReset)], 1000, 150);
  EXPECT_NEAR(counts[static_cast<int>(FaultDraw::kStall)], 500, 100);
}

TEST(Faults, LatencyWithJitterStaysInRange) {
  FaultInjector injector({}, {std::chrono::milliseconds(50), std::chrono::milliseconds(10)});
  for (int i = 0; i < 100; ++i) {
    auto ms = injector.latency().count();
    EXPECT_GE(ms, 50);
    EXPECT_LE(ms, 60);
  }
}

}  // namespace
}  // namespace certguard::sim
