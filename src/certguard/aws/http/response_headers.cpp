#include "certguard/aws/http/response_headers.h"

#include <algorithm>
#include <charconv>

namespace certguard::aws {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

void ResponseHeaderParser::on_line(std::string_view line) {
  if (line.starts_with("HTTP/")) {
    headers_.clear();
    status_ = 0;
    auto sp = line.find(' ');
    if (sp != std::string_view::npos) {
      auto code = line.substr(sp + 1);
      std::from_chars(code.data(), code.data() + std::min<std::size_t>(code.size(), 3), status_);
    }
    return;
  }
  if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    auto more = trim(line);
    if (!headers_.empty() && !more.empty()) {
      auto& value = headers_.back().second;
      if (!value.empty()) value += ' ';
      value += more;
    }
    return;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return;  // the blank line that ends the head
  headers_.emplace_back(std::string(line.substr(0, colon)),
                        std::string(trim(line.substr(colon + 1))));
}

}  // namespace certguard::aws
