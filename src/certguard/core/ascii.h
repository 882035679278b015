#pragma once

// ASCII case-insensitive comparison: HTTP header names, AWS enum spellings, INI keys.

#include <string_view>

namespace certguard {

bool iequals(std::string_view a, std::string_view b);

}  // namespace certguard
