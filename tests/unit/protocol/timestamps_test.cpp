#include "certguard/aws/protocol/timestamps.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace certguard::aws::protocol {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

long long micros_of(const Result<WallTime>& r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return -1;
  return std::chrono::duration_cast<microseconds>(r->time_since_epoch()).count();
}

TEST(Timestamps, EpochForms) {
  EXPECT_EQ(micros_of(parse_epoch_seconds("1700591229")), 1700591229000000LL);
  EXPECT_EQ(micros_of(parse_epoch_seconds("1700591229.801")), 1700591229801000LL);
  EXPECT_EQ(micros_of(parse_epoch_seconds("1.700591229801E9")), 1700591229801000LL);
  EXPECT_EQ(micros_of(parse_epoch_seconds("1.700591229801e+09")), 1700591229801000LL);
  EXPECT_EQ(micros_of(parse_epoch_seconds("0")), 0);
  for (const char* bad : {"", "abc", "12x", "1e999", "nan", "inf", "1.7E20"}) {
    auto r = parse_epoch_seconds(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kParse);
  }
}

TEST(Timestamps, Iso8601Forms) {
  const long long base = 1795955944000000LL;  // 2026-11-29T12:39:04Z
  EXPECT_EQ(micros_of(parse_iso8601("2026-11-29T12:39:04Z")), base);
  EXPECT_EQ(micros_of(parse_iso8601("2026-11-29T12:39:04.5Z")), base + 500000);
  EXPECT_EQ(micros_of(parse_iso8601("2026-11-29T12:39:04.123456789Z")), base + 123456);
  EXPECT_EQ(micros_of(parse_iso8601("2026-11-29T14:39:04+02:00")), base);
  EXPECT_EQ(micros_of(parse_iso8601("2026-11-29T07:09:04-0530")), base);
  EXPECT_EQ(micros_of(parse_iso8601("2026-11-29T12:39:04")), base);  // no zone: UTC
  for (const char* bad : {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-29",
                          "2026-11-29T12:39Z", "2026-11-29T12:39:04Zjunk", "2026-11-29T12:39:04.Z",
                          "2026-11-29T25:00:00Z", "2026-11-29T12:39:04+2"}) {
    EXPECT_FALSE(parse_iso8601(bad).ok()) << bad;
  }
}

TEST(Timestamps, HttpDateAndAnyForm) {
  const long long base = 1795955944000000LL;
  EXPECT_EQ(micros_of(parse_http_date("Sun, 29 Nov 2026 12:39:04 GMT")), base);
  EXPECT_FALSE(parse_http_date("Sun, 29 Foo 2026 12:39:04 GMT").ok());
  EXPECT_EQ(micros_of(parse_timestamp("Sun, 29 Nov 2026 12:39:04 GMT")), base);
  EXPECT_EQ(micros_of(parse_timestamp("2026-11-29T12:39:04Z")), base);
  EXPECT_EQ(micros_of(parse_timestamp("1795955944")), base);
  EXPECT_FALSE(parse_timestamp("yesterday").ok());
}

TEST(Timestamps, FromJson) {
  EXPECT_EQ(micros_of(timestamp_from_json(nlohmann::json(1700591229))), 1700591229000000LL);
  EXPECT_EQ(micros_of(timestamp_from_json(nlohmann::json::parse("1.700591229801E9"))),
            1700591229801000LL);
  EXPECT_EQ(micros_of(timestamp_from_json(nlohmann::json("2026-11-29T12:39:04Z"))),
            1795955944000000LL);
  EXPECT_FALSE(timestamp_from_json(nlohmann::json::object()).ok());
  EXPECT_FALSE(timestamp_from_json(nlohmann::json(nullptr)).ok());
}

TEST(Timestamps, Format) {
  WallTime t =
      WallTime{} + std::chrono::duration_cast<WallTime::duration>(microseconds{1795955944801000LL});
  EXPECT_EQ(format_iso8601(t), "2026-11-29T12:39:04Z");
  EXPECT_EQ(format_iso8601(t, true), "2026-11-29T12:39:04.801Z");
  EXPECT_EQ(format_epoch_seconds(t), "1795955944.801");
  EXPECT_EQ(format_epoch_seconds(WallTime{} + seconds{1795955944}), "1795955944");
  // Round trip.
  EXPECT_EQ(micros_of(parse_iso8601(format_iso8601(t, true))), 1795955944801000LL);
}

}  // namespace
}  // namespace certguard::aws::protocol
