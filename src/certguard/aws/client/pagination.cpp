#include "certguard/aws/client/pagination.h"

#include <fmt/format.h>

namespace certguard::aws {

Result<bool> PageTokens::advance(const std::string& token) {
  ++pages_;
  if (token.empty()) return false;
  if (!seen_.insert(token).second) {
    Error e = make_error(
        ErrorKind::kParse,
        fmt::format("the same pagination token was received twice (after {} pages); the service "
                    "or an endpoint override is looping, so the listing was stopped instead of "
                    "repeating forever",
                    pages_));
    return e.with_context(operation_, resource_);
  }
  return true;
}

}  // namespace certguard::aws
