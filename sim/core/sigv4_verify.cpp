#include "sim/core/sigv4_verify.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "sim/core/request_parse.h"

namespace certguard::sim {

std::string to_hex(std::string_view bytes) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    out += kHex[u >> 4U];
    out += kHex[u & 0xFU];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

Error incomplete(std::string message) {
  Error e = make_error(ErrorKind::kInvalidInput, std::move(message));
  e.aws_code = "IncompleteSignature";
  return e;
}

// Removes "." and ".." segments and collapses "//", as the SDKs do before signing.
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> kept;
  for (std::string_view seg : split(path, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(seg);
  }
  std::string out;
  for (std::string_view seg : kept) {
    out += '/';
    out += seg;
  }
  if (out.empty()) return "/";
  if (path.size() > 1 && path.back() == '/') out += '/';
  return out;
}

std::string canonical_query(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!raw_query.empty()) {
    for (std::string_view item : split(raw_query, '&')) {
      if (item.empty()) continue;
      std::size_t eq = item.find('=');
      std::string_view name = item.substr(0, eq);
      std::string_view value =
          eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
      auto dn = percent_decode(name, false);
      auto dv = percent_decode(value, false);
      pairs.emplace_back(percent_encode(dn ? *dn : std::string(name), false),
                         percent_encode(dv ? *dv : std::string(value), false));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string canonical_header_value(const SimHeaders& headers, std::string_view name) {
  std::string joined;
  bool first = true;
  for (const auto& [key, value] : headers) {
    if (!iequals(key, name)) continue;
    if (!first) joined += ',';
    first = false;
    // Trim and collapse runs of spaces.
    std::string_view v = trim(value);
    bool space = false;
    for (char c : v) {
      if (c == ' ' || c == '\t') {
        space = true;
        continue;
      }
      if (space) joined += ' ';
      space = false;
      joined += c;
    }
  }
  return joined;
}

std::string_view header_of(const SimHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

// "YYYYMMDDTHHMMSSZ" -> epoch seconds; nullopt if malformed.
std::optional<std::int64_t> parse_amz_date(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  for (std::size_t i = 0; i < 15; ++i) {
    if (i != 8 && (s[i] < '0' || s[i] > '9')) return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string format_amz_date(std::int64_t epoch) {
  auto t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &tm);
  return buffer;
}
}  // namespace

Result<ParsedAuthorization> parse_authorization(std::string_view header) {
  constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
  const std::string suffix = fmt::format(" Authorization={}", header);
  if (header.substr(0, kAlgorithm.size()) != kAlgorithm) {
    return incomplete("Unsupported AWS 'algorithm': '" +
                      std::string(header.substr(0, header.find(' '))) + "'");
  }
  ParsedAuthorization out;
  bool have_credential = false;
  bool have_signed = false;
  bool have_signature = false;
  for (std::string_view part : split(header.substr(kAlgorithm.size()), ',')) {
    part = trim(part);
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = part.substr(0, eq);
    std::string_view value = part.substr(eq + 1);
    if (key == "Credential") {
      auto fields = split(value, '/');
      if (fields.size() != 5) {
        return incomplete(
            "Credential should be scoped to a valid region. Credential must have exactly 5 "
            "slash-delimited elements, e.g. keyid/date/region/service/term, got '" +
            std::string(value) + "'");
      }
      out.access_key_id = fields[0];
      out.date = fields[1];
      out.region = fields[2];
      out.service = fields[3];
      out.terminator = fields[4];
      have_credential = true;
    } else if (key == "SignedHeaders") {
      for (std::string_view h : split(value, ';')) out.signed_headers.emplace_back(h);
      have_signed = true;
    } else if (key == "Signature") {
      out.signature = value;
      have_signature = true;
    }
  }
  std::string missing;
  if (!have_credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!have_signature) missing += "Authorization header requires 'Signature' parameter. ";
  if (!have_signed) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!missing.empty()) return incomplete(missing + suffix.substr(1));
  return out;
}

std::string expected_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                               std::string_view amz_date, std::string_view secret) {
  std::string canonical;
  canonical.reserve(512);
  canonical += request.method;
  canonical += '\n';
  canonical += percent_encode(normalize_path(request.raw_path), true);
  canonical += '\n';
  canonical += canonical_query(request.raw_query);
  canonical += '\n';
  std::string signed_list;
  for (const std::string& name : auth.signed_headers) {
    canonical += name;
    canonical += ':';
    canonical += canonical_header_value(*request.headers, name);
    canonical += '\n';
    if (!signed_list.empty()) signed_list += ';';
    signed_list += name;
  }
  canonical += '\n';
  canonical += signed_list;
  canonical += '\n';
  std::string_view content_sha = header_of(*request.headers, "x-amz-content-sha256");
  canonical += content_sha.empty() ? sha256_hex(request.body) : std::string(content_sha);

  std::string scope =
      fmt::format("{}/{}/{}/{}", auth.date, auth.region, auth.service, auth.terminator);
  std::string to_sign =
      fmt::format("AWS4-HMAC-SHA256\n{}\n{}\n{}", amz_date, scope, sha256_hex(canonical));
  std::string key = hmac_sha256("AWS4" + std::string(secret), auth.date);
  key = hmac_sha256(key, auth.region);
  key = hmac_sha256(key, auth.service);
  key = hmac_sha256(key, auth.terminator);
  return to_hex(hmac_sha256(key, to_sign));
}

AuthOutcome verify_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                             std::string_view secret, WallTime real_now) {
  std::string_view amz_date = header_of(*request.headers, "x-amz-date");
  if (amz_date.empty()) {
    return {AuthFailure::kIncomplete,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header."};
  }
  auto when = parse_amz_date(amz_date);
  if (!when) {
    return {AuthFailure::kIncomplete,
            fmt::format("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\", "
                        "got '{}'",
                        amz_date)};
  }
  if (auth.terminator != "aws4_request") {
    return {AuthFailure::kBadScope,
            fmt::format("Credential should be scoped with a valid terminator: 'aws4_request', "
                        "not '{}'.",
                        auth.terminator)};
  }
  if (auth.date != amz_date.substr(0, 8)) {
    return {AuthFailure::kBadScope,
            fmt::format("Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                        "of date from HTTP: '{}' != '{}', from '{}'.",
                        auth.date, amz_date.substr(0, 8), amz_date)};
  }
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(real_now.time_since_epoch()).count();
  constexpr std::int64_t kSkew = std::int64_t{15} * 60;
  if (*when < now - kSkew) {
    return {AuthFailure::kExpired,
            fmt::format("Signature expired: {} is now earlier than {} ({} - 15 min.)", amz_date,
                        format_amz_date(now - kSkew), format_amz_date(now))};
  }
  if (*when > now + kSkew) {
    return {AuthFailure::kExpired,
            fmt::format("Signature not yet current: {} is still later than {} ({} + 15 min.)",
                        amz_date, format_amz_date(now + kSkew), format_amz_date(now))};
  }
  std::string expected = expected_signature(request, auth, amz_date, secret);
  if (expected.size() != auth.signature.size() ||
      CRYPTO_memcmp(expected.data(), auth.signature.data(), expected.size()) != 0) {
    return {AuthFailure::kMismatch,
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details."};
  }
  return {};
}

}  // namespace certguard::sim
