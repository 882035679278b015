#pragma once

// AWS timestamps as they come on the wire: epoch seconds in JSON (integer, fraction or
// exponent: 1700591229, 1700591229.801, 1.700591229801E9), ISO-8601 in XML and some
// JSON ("2026-11-22T12:39:04Z", with fractional seconds and offsets), and HTTP dates in
// headers ("Sun, 22 Nov 2026 12:39:04 GMT"). Results keep microseconds.
// Errors are kParse and quote the text.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"

namespace certguard::aws::protocol {

Result<WallTime> parse_epoch_seconds(std::string_view text);
Result<WallTime> parse_iso8601(std::string_view text);
Result<WallTime> parse_http_date(std::string_view text);

// Any of the three forms.
Result<WallTime> parse_timestamp(std::string_view text);

// A JSON number (epoch seconds) or string (any form above).
Result<WallTime> timestamp_from_json(const nlohmann::json& value);

// "2026-11-22T12:39:04Z"; with milliseconds ("...04.801Z") when `millis` is true.
std::string format_iso8601(WallTime t, bool millis = false);

// Epoch seconds as AWS JSON sends them: "1700591229" or, with a fraction, "1700591229.801".
std::string format_epoch_seconds(WallTime t);

}  // namespace certguard::aws::protocol
