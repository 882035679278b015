#pragma once

#include <string_view>

namespace certguard::rules {

// Shell-style match of the whole text: '*' any run of characters ('/' included), '?' one
// character; everything else literal. Used for suppression resource patterns.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace certguard::rules
