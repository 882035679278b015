#pragma once

// ISO-8601 / RFC 3339 timestamps <-> epoch seconds, without the C library's time zone
// state (timegm/gmtime_r are avoided so results never depend on TZ).

#include <optional>
#include <string>
#include <string_view>

#include "certguard/inventory/estate/estate.h"

namespace certguard::inventory {

// Parses "2026-11-23T00:12:13Z", "2026-11-23T00:12:13.5Z", "2026-11-23T01:12:13+01:00"
// or a bare date "2026-11-23" (midnight UTC). Fractional seconds are truncated.
// Returns nullopt for anything else (including out-of-range fields).
std::optional<EpochSeconds> parse_iso8601(std::string_view text);

// "2026-11-23T00:12:13Z".
std::string format_iso8601(EpochSeconds seconds);

// Days since 1970-01-01 for a proleptic Gregorian date, and back (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

}  // namespace certguard::inventory
