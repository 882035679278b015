#include "certguard/aws/sigv4/request.h"

#include <algorithm>

#include "certguard/core/ascii.h"

namespace certguard::aws::sigv4 {
const std::string* SignableRequest::find_header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return &v;
  }
  return nullptr;
}

void SignableRequest::remove_header(std::string_view name) {
  std::erase_if(headers, [&](const auto& h) { return iequals(h.first, name); });
}

}  // namespace certguard::aws::sigv4
