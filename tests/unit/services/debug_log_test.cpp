#include "certguard/aws/client/debug_log.h"

#include <gtest/gtest.h>

#include <sstream>

namespace certguard::aws {
namespace {

TEST(DebugLog, TimestampIsUtcToTheMillisecond) {
  // 1800000000 s is 2027-01-15 08:00:00 UTC.
  WallTime t{std::chrono::seconds{1800000000} + std::chrono::milliseconds{7}};
  EXPECT_EQ(debug_timestamp(t), "2027-01-15 08:00:00.007");
  EXPECT_EQ(debug_timestamp(t + std::chrono::microseconds{999'999}), "2027-01-15 08:00:01.006");
  EXPECT_EQ(debug_timestamp(WallTime{}), "1970-01-01 00:00:00.000");
}

TEST(DebugLog, SinkStampsEachMessageWithTheClockAtWritingTime) {
  ManualClock clock{WallTime{std::chrono::seconds{1800000000}}};
  std::ostringstream out;
  DebugSink sink = make_debug_sink(clock, out);
  sink("certguard debug: first\n");
  clock.advance(std::chrono::milliseconds{1250});
  sink("certguard debug: second\n  header: x\n");
  EXPECT_EQ(out.str(),
            "2027-01-15 08:00:00.000 certguard debug: first\n"
            "2027-01-15 08:00:01.250 certguard debug: second\n  header: x\n");
}

}  // namespace
}  // namespace certguard::aws
