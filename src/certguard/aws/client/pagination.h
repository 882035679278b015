#pragma once

// Token bookkeeping for paginated list calls. The end is an absent or empty token.
// A token seen before is an error (botocore raises "The same next token was received
// twice"); remembering every token also stops a service that cycles A -> B -> A.

#include <set>
#include <string>
#include <string_view>

#include "certguard/core/result.h"

namespace certguard::aws {

class PageTokens {
 public:
  PageTokens(std::string operation, std::string resource)
      : operation_(std::move(operation)), resource_(std::move(resource)) {}

  // Given the token a page returned: true if another page should be fetched with it,
  // false at the end, or a kParse error if the token repeats.
  Result<bool> advance(const std::string& token);

  [[nodiscard]] int pages() const { return pages_; }

 private:
  std::string operation_;
  std::string resource_;
  std::set<std::string, std::less<>> seen_;
  int pages_ = 0;
};

}  // namespace certguard::aws
