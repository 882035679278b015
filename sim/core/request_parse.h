#pragma once

// From the HTTP request line to SimRequest fields: percent-decoding, path segments,
// query strings and form bodies.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/result.h"

namespace certguard::sim {

// %XX decoding; with `plus_is_space`, '+' becomes ' ' (form and query encoding).
// Errors: kInvalidInput for a malformed escape.
Result<std::string> percent_decode(std::string_view text, bool plus_is_space);
// Encodes everything but A-Za-z0-9-_.~ (and '/' when keep_slash).
std::string percent_encode(std::string_view text, bool keep_slash);

// "/restapis/a%2Fb/stages" -> {"restapis", "a/b", "stages"}.
Result<std::vector<std::string>> split_path(std::string_view raw_path);
// "a=1&b=x%20y&a=2" -> {a:1, a:2, b:"x y"}.
Result<std::multimap<std::string, std::string>> parse_query(std::string_view raw_query);

}  // namespace certguard::sim
