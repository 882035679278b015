#include "certguard/aws/sigv4/canonical.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "certguard/aws/sigv4/crypto.h"
#include "certguard/aws/sigv4/encoding.h"

namespace certguard::aws::sigv4 {
namespace {

// Lowercase name -> trimmed values in arrival order.
using HeaderGroups = std::map<std::string, std::vector<std::string>>;

HeaderGroups group_headers(const SignableRequest& req) {
  HeaderGroups groups;
  for (const auto& [name, value] : req.headers) {
    std::string key = ascii_lower(trim_all(name));
    if (key.empty()) continue;  // a nameless header cannot be sent, so it is never signed
    groups[key].push_back(trim_all(value));
  }
  return groups;
}

std::string ascii_upper(std::string_view in) {
  std::string out(in);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string payload_hash_of(const SignableRequest& req) {
  if (const std::string* h = req.find_header("x-amz-content-sha256")) return *h;
  return sha256_hex(req.body);
}

}  // namespace

std::string canonical_uri(std::string_view wire_path, bool normalize, bool encode) {
  // (Not `path = "/"` after the fact: g++ 12 -O3 raises a false -Wrestrict on that.)
  const std::string_view source = wire_path.empty() ? std::string_view("/") : wire_path;
  const std::string path = normalize ? normalize_path(source) : std::string(source);
  return encode ? uri_encode(path, /*keep_slash=*/true) : path;
}

std::string canonical_query(std::string_view wire_query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= wire_query.size()) {
    std::size_t end = wire_query.find('&', start);
    if (end == std::string_view::npos) end = wire_query.size();
    const std::string_view piece = wire_query.substr(start, end - start);
    if (!piece.empty()) {
      const std::size_t eq = piece.find('=');
      const std::string_view key = piece.substr(0, eq);
      const std::string_view value =
          eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
      pairs.emplace_back(uri_encode(uri_decode(key), false), uri_encode(uri_decode(value), false));
    }
    start = end + 1;
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (!out.empty()) out.push_back('&');
    out.append(k).append("=").append(v);
  }
  return out;
}

bool is_signable_header(std::string_view lowercase_name) {
  // botocore's SIGNED_HEADERS_BLACKLIST, plus the ones an HTTP client adds after signing.
  static constexpr std::array<std::string_view, 14> kUnsigned = {"authorization",
                                                                 "connection",
                                                                 "content-length",
                                                                 "expect",
                                                                 "keep-alive",
                                                                 "proxy-authenticate",
                                                                 "proxy-authorization",
                                                                 "te",
                                                                 "trailer",
                                                                 "transfer-encoding",
                                                                 "upgrade",
                                                                 "user-agent",
                                                                 "x-amzn-trace-id",
                                                                 "x-amz-signature"};
  return std::find(kUnsigned.begin(), kUnsigned.end(), lowercase_name) == kUnsigned.end();
}

CanonicalRequest canonical_request(const SignableRequest& req, const SigningParams& params) {
  const HeaderGroups groups = group_headers(req);
  std::vector<std::string> names;
  for (const auto& [name, values] : groups) {
    if (params.sign_all_headers || is_signable_header(name)) names.push_back(name);
  }
  return canonical_request_with(req, names, payload_hash_of(req), params.normalize_path,
                                params.encode_path);
}

CanonicalRequest canonical_request_with(const SignableRequest& req,
                                        const std::vector<std::string>& signed_headers,
                                        std::string_view payload_hash, bool normalize_path,
                                        bool encode_path) {
  // Only the listed headers are looked at (a verifier's request also carries Authorization,
  // User-Agent and the like): a few name comparisons each, no map and no copies.
  CanonicalRequest out;
  std::string& text = out.text;
  text.reserve(256 + req.path.size() + req.query.size());
  text.append(ascii_upper(req.method)).push_back('\n');
  text.append(canonical_uri(req.path, normalize_path, encode_path)).push_back('\n');
  text.append(canonical_query(req.query)).push_back('\n');
  for (std::size_t i = 0; i < signed_headers.size(); ++i) {
    const std::string& name = signed_headers[i];
    text.append(name).push_back(':');
    bool first = true;
    for (const auto& [raw_name, value] : req.headers) {
      if (!header_name_is(raw_name, name)) continue;
      if (!first) text.push_back(',');
      first = false;
      append_trim_all(text, value);
    }
    text.push_back('\n');
    if (i > 0) out.signed_headers.push_back(';');
    out.signed_headers.append(name);
  }
  text.push_back('\n');
  text.append(out.signed_headers).push_back('\n');
  out.payload_hash = std::string(payload_hash);
  text.append(out.payload_hash);
  return out;
}

}  // namespace certguard::aws::sigv4
