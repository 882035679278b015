#include "sim/http/response_head.h"

#include <array>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <stdexcept>
#include <string_view>

#include "certguard/core/ascii.h"

namespace certguard::sim {
namespace {

// Fields whose value the server decides from the connection and the body.
bool server_owned(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "transfer-encoding") ||
         iequals(name, "connection");
}

// Beast trims optional whitespace around a field value: so do we.
std::string_view trim(std::string_view v) {
  const auto first = v.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = v.find_last_not_of(" \t");
  return v.substr(first, last - first + 1);
}

}  // namespace

void append_response_head(std::string& out, int status, const HeaderList& headers, bool keep_alive,
                          std::optional<std::size_t> content_length) {
  if (status < 100 || status > 999) {
    throw std::invalid_argument("HTTP server: status " + std::to_string(status) +
                                " is not a 3-digit status code");
  }
  const auto code = static_cast<unsigned>(status);
  // The reason phrase Beast used: the standard one, "<unknown-status>" for others.
  const auto reason = boost::beast::http::obsolete_reason(boost::beast::http::int_to_status(code));
  out.append("HTTP/1.1 ");
  out.push_back(static_cast<char>('0' + code / 100));
  out.push_back(static_cast<char>('0' + code / 10 % 10));
  out.push_back(static_cast<char>('0' + code % 10));
  out.push_back(' ');
  out.append(reason.data(), reason.size());
  out.append("\r\n");
  for (const auto& [name, value] : headers) {
    if (server_owned(name)) continue;
    out.append(name).append(": ").append(trim(value)).append("\r\n");
  }
  if (!keep_alive) out.append("Connection: close\r\n");
  if (content_length) {
    std::array<char, 24> digits{};
    const auto [end, ec] =
        std::to_chars(digits.data(), digits.data() + digits.size(), *content_length);
    out.append("Content-Length: ").append(digits.data(), end).append("\r\n");
  }
  out.append("\r\n");
}

}  // namespace certguard::sim
