#include "certguard/aws/http/http_message.h"

#include <algorithm>
#include <cctype>

#include "certguard/core/ascii.h"

namespace certguard::aws {
namespace {

std::string_view find_header(const Headers& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return {};
}

}  // namespace

std::string_view HttpRequest::header(std::string_view name) const {
  return find_header(headers, name);
}

std::string_view HttpResponse::header(std::string_view name) const {
  return find_header(headers, name);
}

}  // namespace certguard::aws
