#include "certguard/aws/sigv4/verifier.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "certguard/aws/sigv4/canonical.h"
#include "certguard/aws/sigv4/encoding.h"
#include "certguard/aws/sigv4/signer.h"

namespace certguard::aws::sigv4 {
namespace {

Error auth_error(std::string_view aws_code, std::string message) {
  Error e = make_error(ErrorKind::kCredentials, std::move(message));
  e.aws_code = std::string(aws_code);
  e.http_status = 403;
  return e;
}

Error incomplete(std::string message) {
  return auth_error("IncompleteSignatureException", std::move(message));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls visit(piece) for each `sep`-separated piece of `s` (an empty `s` is one empty
// piece), stopping early when visit returns false. No allocation: every Authorization
// header is taken apart this way.
template <typename Visit>
void for_each_piece(std::string_view s, char sep, Visit visit) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    if (end == std::string_view::npos) {
      visit(s.substr(start));
      return;
    }
    if (!visit(s.substr(start, end - start))) return;
    start = end + 1;
  }
}

bool is_lower_hex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

bool is_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status parse_credential(std::string_view value, ParsedAuthorization& out) {
  std::array<std::string_view, 5> parts;
  std::size_t count = 0;
  for_each_piece(value, '/', [&](std::string_view part) {
    if (count < parts.size()) parts[count] = part;
    return ++count <= parts.size();
  });
  if (count != parts.size()) {
    return incomplete(fmt::format(
        "Credential '{}' is malformed: expected <access key id>/<YYYYMMDD>/<region>/<service>/"
        "aws4_request",
        value));
  }
  if (parts[0].empty()) return incomplete("Credential has an empty access key id");
  if (parts[1].size() != 8 || !is_digits(parts[1])) {
    return incomplete(
        fmt::format("Credential should be scoped to a valid date (YYYYMMDD), not '{}'", parts[1]));
  }
  if (parts[2].empty()) return incomplete("Credential should be scoped to a valid region, not ''");
  if (parts[3].empty()) return incomplete("Credential should be scoped to correct service: ''");
  if (parts[4] != "aws4_request") {
    return incomplete(fmt::format(
        "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'", parts[4]));
  }
  out.access_key_id = std::string(parts[0]);
  out.date = std::string(parts[1]);
  out.region = std::string(parts[2]);
  out.service = std::string(parts[3]);
  return {};
}

Status parse_signed_headers(std::string_view value, ParsedAuthorization& out) {
  out.signed_headers.reserve(static_cast<std::size_t>(std::count(value.begin(), value.end(), ';')) +
                             1);
  bool empty_name = false;
  for_each_piece(value, ';', [&](std::string_view name) {
    empty_name = name.empty();
    if (!empty_name) out.signed_headers.push_back(ascii_lower(name));
    return !empty_name;
  });
  if (empty_name) {
    return incomplete(fmt::format("SignedHeaders '{}' has an empty header name", value));
  }
  if (std::find(out.signed_headers.begin(), out.signed_headers.end(), "host") ==
      out.signed_headers.end()) {
    return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return {};
}

}  // namespace

std::string ParsedAuthorization::credential_scope() const {
  return sigv4::credential_scope(date, region, service);
}

Result<ParsedAuthorization> parse_authorization(std::string_view header) {
  header = trim(header);
  const std::size_t space = header.find(' ');
  const std::string_view algorithm = header.substr(0, space);
  if (algorithm != kAlgorithm) {
    return incomplete(
        fmt::format("Unsupported Authorization algorithm '{}': only AWS4-HMAC-SHA256 is accepted",
                    algorithm.substr(0, 64)));
  }
  const std::string_view rest = space == std::string_view::npos ? "" : header.substr(space + 1);
  std::optional<std::string_view> credential;
  std::optional<std::string_view> signed_headers;
  std::optional<std::string_view> sig;
  std::optional<Error> bad_component;
  for_each_piece(rest, ',', [&](std::string_view piece) {
    piece = trim(piece);
    if (piece.empty()) return true;
    const std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) {
      bad_component = incomplete(fmt::format(
          "Authorization component '{}' must be of the form key=value", piece.substr(0, 64)));
      return false;
    }
    const std::string_view key = piece.substr(0, eq);
    const std::string_view value = piece.substr(eq + 1);
    std::optional<std::string_view>* slot = nullptr;
    if (key == "Credential") slot = &credential;
    if (key == "SignedHeaders") slot = &signed_headers;
    if (key == "Signature") slot = &sig;
    if (slot == nullptr) {
      bad_component =
          incomplete(fmt::format("Authorization has an unknown component '{}'", key.substr(0, 64)));
      return false;
    }
    if (slot->has_value()) {
      bad_component = incomplete(fmt::format("Authorization repeats the '{}' component", key));
      return false;
    }
    *slot = value;
    return true;
  });
  if (bad_component) return std::move(*bad_component);
  std::string missing;
  if (!credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!signed_headers) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!sig) missing += "Authorization header requires 'Signature' parameter. ";
  if (!missing.empty()) return incomplete(missing + "Authorization=" + std::string(algorithm));

  ParsedAuthorization out;
  if (Status s = parse_credential(*credential, out); !s.ok()) return std::move(s).take_error();
  if (Status s = parse_signed_headers(*signed_headers, out); !s.ok()) {
    return std::move(s).take_error();
  }
  if (!is_lower_hex(*sig)) {
    return incomplete("Signature must be a non-empty lowercase hex string");
  }
  out.signature = std::string(*sig);
  return out;
}

Result<PresignedQuery> parse_presigned_query(std::string_view wire_query) {
  std::optional<std::string> algorithm;
  std::optional<std::string> credential;
  std::optional<std::string> date;
  std::optional<std::string> expires;
  std::optional<std::string> signed_headers;
  std::optional<std::string> sig;
  std::optional<std::string> token;
  PresignedQuery out;
  std::optional<Error> repeated;
  for_each_piece(wire_query, '&', [&](std::string_view piece) {
    if (piece.empty()) return true;
    const std::size_t eq = piece.find('=');
    const std::string key = uri_decode(piece.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : uri_decode(piece.substr(eq + 1));
    std::optional<std::string>* slot = nullptr;
    if (key == "X-Amz-Algorithm") slot = &algorithm;
    if (key == "X-Amz-Credential") slot = &credential;
    if (key == "X-Amz-Date") slot = &date;
    if (key == "X-Amz-Expires") slot = &expires;
    if (key == "X-Amz-SignedHeaders") slot = &signed_headers;
    if (key == "X-Amz-Signature") slot = &sig;
    if (key == "X-Amz-Security-Token") slot = &token;
    if (slot != nullptr) {
      if (slot->has_value()) {
        repeated = incomplete(fmt::format("the presigned query repeats '{}'", key));
        return false;
      }
      *slot = std::move(value);
    }
    if (key == "X-Amz-Signature") return true;
    if (!out.query_without_signature.empty()) out.query_without_signature.push_back('&');
    out.query_without_signature.append(piece);
    return true;
  });
  if (repeated) return std::move(*repeated);
  const std::pair<const std::optional<std::string>*, std::string_view> required[] = {
      {&algorithm, "X-Amz-Algorithm"},
      {&credential, "X-Amz-Credential"},
      {&date, "X-Amz-Date"},
      {&expires, "X-Amz-Expires"},
      {&signed_headers, "X-Amz-SignedHeaders"},
      {&sig, "X-Amz-Signature"}};
  std::string missing;
  for (const auto& [slot, name] : required) {
    if (!slot->has_value()) missing += fmt::format("the presigned query requires '{}'. ", name);
  }
  if (!missing.empty()) return incomplete(missing);
  if (*algorithm != kAlgorithm) {
    return incomplete(fmt::format("Unsupported X-Amz-Algorithm '{}': only AWS4-HMAC-SHA256",
                                  algorithm->substr(0, 64)));
  }
  if (Status s = parse_credential(*credential, out.auth); !s.ok()) {
    return std::move(s).take_error();
  }
  if (Status s = parse_signed_headers(*signed_headers, out.auth); !s.ok()) {
    return std::move(s).take_error();
  }
  if (!is_lower_hex(*sig)) {
    return incomplete("X-Amz-Signature must be a non-empty lowercase hex string");
  }
  if (expires->empty() || expires->size() > 9 || !is_digits(*expires)) {
    return incomplete(
        fmt::format("X-Amz-Expires '{}' is not a number of seconds", expires->substr(0, 32)));
  }
  out.auth.signature = *sig;
  out.amz_date = *date;
  out.expires_seconds = std::stoll(*expires);
  out.session_token = token.value_or("");
  return out;
}

Result<std::string> expected_signature(const SignableRequest& received,
                                       const ParsedAuthorization& auth, std::string_view secret,
                                       std::string_view amz_date, SigningKeyCache* cache) {
  if (amz_date.substr(0, 8) != auth.date) {
    return incomplete(fmt::format(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
        "HTTP: '{}' != '{}', from '{}'",
        auth.date, amz_date.substr(0, 8), amz_date));
  }
  for (const std::string& name : auth.signed_headers) {
    if (received.find_header(name) == nullptr) {
      return auth_error(
          "SignatureDoesNotMatch",
          fmt::format("SignedHeaders lists '{}' but the request has no such header", name));
    }
  }
  // Most requests (every GET) have no body: its hash is a constant.
  constexpr std::string_view kEmptyBodyHash =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string body_hash =
      received.body.empty() ? std::string(kEmptyBodyHash) : sha256_hex(received.body);
  std::string payload_hash = body_hash;
  if (const std::string* claimed = received.find_header("x-amz-content-sha256")) {
    if (*claimed != body_hash && *claimed != "UNSIGNED-PAYLOAD") {
      return auth_error("XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was "
                        "computed.");
    }
    payload_hash = *claimed;
  }
  const CanonicalRequest canonical =
      canonical_request_with(received, auth.signed_headers, payload_hash,
                             /*normalize_path=*/true, /*encode_path=*/true);
  const std::string sts = string_to_sign(canonical.text, amz_date, auth.credential_scope());
  if (cache != nullptr) {
    return to_hex(cache->get_hmac(secret, auth.date, auth.region, auth.service)->mac(sts));
  }
  return signature(derive_signing_key(secret, auth.date, auth.region, auth.service), sts);
}

}  // namespace certguard::aws::sigv4
