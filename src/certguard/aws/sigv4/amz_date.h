#pragma once

#include <string>
#include <string_view>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"

namespace certguard::aws::sigv4 {

// "20150830T123600Z" (UTC, whole seconds).
std::string format_amz_date(WallTime time);

// Parses an X-Amz-Date value ("YYYYMMDDTHHMMSSZ"). Errors (kInvalidInput) name the value.
Result<WallTime> parse_amz_date(std::string_view amz_date);

}  // namespace certguard::aws::sigv4
