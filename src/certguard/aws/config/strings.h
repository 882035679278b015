#pragma once

// Small string helpers shared by the config and auth code.

#include <string>
#include <string_view>

#include "certguard/core/ascii.h"

namespace certguard::aws {

// ASCII whitespace as Python's str.split() sees it: space, \t, \n, \v, \f, \r.
bool is_space(char c);
std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
using certguard::iequals;

}  // namespace certguard::aws
