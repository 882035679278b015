#pragma once

// Small string helpers shared by the config and auth code.

#include <string>
#include <string_view>

namespace certguard::aws {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

}  // namespace certguard::aws
