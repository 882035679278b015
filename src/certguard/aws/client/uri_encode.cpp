#include "certguard/aws/client/uri_encode.h"

namespace certguard::aws {
namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c)) {
      out += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

std::string encode_query(const QueryParams& query) {
  std::string out;
  for (const auto& [name, value] : query) {
    if (!out.empty()) out += '&';
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

EndpointParts split_endpoint_url(std::string_view url) {
  EndpointParts parts;
  std::size_t scheme_end = url.find("://");
  std::size_t host_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  std::size_t path_start = url.find('/', host_start);
  if (path_start == std::string_view::npos) path_start = url.size();
  parts.origin = std::string(url.substr(0, path_start));
  parts.host_header = std::string(url.substr(host_start, path_start - host_start));
  std::string_view prefix = url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  parts.path_prefix = std::string(prefix);
  // Default ports are not part of Host (botocore signs host without :443 / :80).
  if (url.starts_with("https://") && parts.host_header.ends_with(":443")) {
    parts.host_header.resize(parts.host_header.size() - 4);
  } else if (url.starts_with("http://") && parts.host_header.ends_with(":80")) {
    parts.host_header.resize(parts.host_header.size() - 3);
  }
  return parts;
}

}  // namespace certguard::aws
