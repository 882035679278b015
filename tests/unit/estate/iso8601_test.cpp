#include "certguard/inventory/estate/iso8601.h"

#include <gtest/gtest.h>

namespace certguard::inventory {
namespace {

TEST(Iso8601, ParsesForms) {
  EXPECT_EQ(parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601("2026-11-23T00:00:00Z"), 1795392000);
  EXPECT_EQ(parse_iso8601("2026-11-23"), 1795392000);
  EXPECT_EQ(parse_iso8601("2026-11-23T01:00:00+01:00"), 1795392000);
  EXPECT_EQ(parse_iso8601("2026-11-22T23:00:00-01:00"), 1795392000);
  EXPECT_EQ(parse_iso8601("2026-11-23T00:00:00.999Z"), 1795392000);
  EXPECT_EQ(parse_iso8601("2024-02-29T12:00:00Z"), 1709208000);
  EXPECT_EQ(parse_iso8601("1969-12-31T23:59:59Z"), -1);
}

TEST(Iso8601, RejectsMalformed) {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-29", "2026-11-23T24:00:00Z",
                          "2026-11-23T00:00:00", "2026-11-23T00:00:00Zjunk", "2026-11-23T00:00Z",
                          "2026-11-23T00:00:00.Z", "2026-11-23T00:00:00+0100", "abcd-ef-gh"}) {
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
  }
}

TEST(Iso8601, FormatsAndRoundTrips) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(1795392000), "2026-11-23T00:00:00Z");
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59Z");
  for (EpochSeconds t : {EpochSeconds{0}, EpochSeconds{951782400}, EpochSeconds{1709208000},
                         EpochSeconds{4102444799}, EpochSeconds{-86401}}) {
    EXPECT_EQ(parse_iso8601(format_iso8601(t)), t) << t;
  }
}

}  // namespace
}  // namespace certguard::inventory
