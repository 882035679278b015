#pragma once

#include <string_view>

#include "certguard/aws/http/http_message.h"

namespace certguard::aws {

// Collects response header lines as libcurl delivers them (one call per line, status
// lines and the blank line included). A status line starts over, so after "100 Continue"
// or a proxy's CONNECT reply only the final response's status and headers remain.
// Obsolete folded lines (starting with a space or tab) continue the previous value.
class ResponseHeaderParser {
 public:
  void on_line(std::string_view line);

  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] const Headers& headers() const { return headers_; }
  Headers take() { return std::move(headers_); }

 private:
  int status_ = 0;
  Headers headers_;
};

}  // namespace certguard::aws
