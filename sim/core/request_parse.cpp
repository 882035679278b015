#include "sim/core/request_parse.h"

#include <cctype>

namespace certguard::sim {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Result<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return make_error(ErrorKind::kInvalidInput,
                          "malformed percent-escape in '" + std::string(text) + "'");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4U];
      out += kHex[u & 0xFU];
    }
  }
  return out;
}

Result<std::vector<std::string>> split_path(std::string_view raw_path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= raw_path.size()) {
    std::size_t end = raw_path.find('/', start);
    if (end == std::string_view::npos) end = raw_path.size();
    if (end > start) {
      auto decoded = percent_decode(raw_path.substr(start, end - start), false);
      if (!decoded) return decoded.error();
      out.push_back(std::move(decoded).value());
    }
    start = end + 1;
  }
  return out;
}

Result<std::multimap<std::string, std::string>> parse_query(std::string_view raw_query) {
  std::multimap<std::string, std::string> out;
  std::size_t start = 0;
  while (start < raw_query.size()) {
    std::size_t end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    std::string_view item = raw_query.substr(start, end - start);
    if (!item.empty()) {
      std::size_t eq = item.find('=');
      auto name = percent_decode(item.substr(0, eq), true);
      if (!name) return name.error();
      std::string value;
      if (eq != std::string_view::npos) {
        auto decoded = percent_decode(item.substr(eq + 1), true);
        if (!decoded) return decoded.error();
        value = std::move(decoded).value();
      }
      out.emplace(std::move(name).value(), std::move(value));
    }
    start = end + 1;
  }
  return out;
}

}  // namespace certguard::sim
