#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace certguard::aws {

// Header names are kept as given; lookups are case-insensitive.
using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute, already percent-encoded: scheme://host[:port]/path?query
  Headers headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{3100};
  std::chrono::milliseconds total_timeout{60000};

  // Case-insensitive; the first match, or an empty view.
  [[nodiscard]] std::string_view header(std::string_view name) const;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;

  [[nodiscard]] std::string_view header(std::string_view name) const;
};

}  // namespace certguard::aws
