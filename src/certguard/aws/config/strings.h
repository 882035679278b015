#pragma once

// Small string helpers shared by the config and auth code.

#include <string>
#include <string_view>

#include "certguard/core/ascii.h"

namespace certguard::aws {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
using certguard::iequals;

}  // namespace certguard::aws
