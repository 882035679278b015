#include "certguard/aws/sigv4/signer.h"

#include <fmt/format.h>

#include "certguard/aws/sigv4/amz_date.h"
#include "certguard/aws/sigv4/canonical.h"
#include "certguard/aws/sigv4/encoding.h"

namespace certguard::aws::sigv4 {
namespace {

std::string signature_for(const SigningParams& params, std::string_view date_stamp,
                          std::string_view string_to_sign, SigningKeyCache* cache) {
  if (cache != nullptr) {
    return to_hex(
        cache->get_hmac(params.secret_access_key, date_stamp, params.region, params.service)
            ->mac(string_to_sign));
  }
  return signature(
      derive_signing_key(params.secret_access_key, date_stamp, params.region, params.service),
      string_to_sign);
}

void append_query(std::string& query, std::string_view key, std::string_view value) {
  if (!query.empty()) query.push_back('&');
  query.append(key).push_back('=');
  query.append(uri_encode(value, /*keep_slash=*/false));
}

// Stages 2 and 3 from a finished canonical request.
void finish(SigningResult& out, const CanonicalRequest& canonical, const SigningParams& params,
            SigningKeyCache* cache) {
  out.canonical_request = canonical.text;
  out.signed_headers = canonical.signed_headers;
  out.string_to_sign = string_to_sign(canonical.text, out.amz_date, out.scope);
  const std::string date_stamp = out.amz_date.substr(0, 8);
  out.signature = signature_for(params, date_stamp, out.string_to_sign, cache);
}

SigningResult start(const SigningParams& params) {
  SigningResult out;
  out.amz_date = format_amz_date(params.time);
  out.scope = credential_scope(out.amz_date.substr(0, 8), params.region, params.service);
  return out;
}

}  // namespace

// Both are built on every signature (and every verification in the sim): sized once and
// appended, not formatted.
std::string credential_scope(std::string_view date_stamp, std::string_view region,
                             std::string_view service) {
  constexpr std::string_view kTerminator = "/aws4_request";
  std::string out;
  out.reserve(date_stamp.size() + region.size() + service.size() + 2 + kTerminator.size());
  out.append(date_stamp).append(1, '/').append(region).append(1, '/').append(service);
  out.append(kTerminator);
  return out;
}

std::string string_to_sign(std::string_view canonical_request, std::string_view amz_date,
                           std::string_view scope) {
  const Digest hash = sha256(canonical_request);
  std::string out;
  out.reserve(kAlgorithm.size() + amz_date.size() + scope.size() + 3 + 2 * hash.size());
  out.append(kAlgorithm).append(1, '\n').append(amz_date).append(1, '\n').append(scope);
  out.append(1, '\n');
  append_hex(out, hash);
  return out;
}

std::string signature(const Digest& signing_key, std::string_view string_to_sign) {
  return to_hex(hmac_sha256(signing_key, string_to_sign));
}

std::string authorization_header(std::string_view access_key_id, std::string_view scope,
                                 std::string_view signed_headers, std::string_view signature) {
  return fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}", kAlgorithm,
                     access_key_id, scope, signed_headers, signature);
}

SigningResult sign_headers(SignableRequest& req, const SigningParams& params,
                           SigningKeyCache* cache) {
  SigningResult out = start(params);
  req.remove_header("authorization");
  req.remove_header("x-amz-date");
  req.headers.emplace_back("X-Amz-Date", out.amz_date);
  const bool has_token = !params.session_token.empty();
  if (has_token) {
    req.remove_header("x-amz-security-token");
    if (!params.omit_session_token)
      req.headers.emplace_back("X-Amz-Security-Token", params.session_token);
  }
  if (params.sign_body) {
    req.remove_header("x-amz-content-sha256");
    req.headers.emplace_back("x-amz-content-sha256", sha256_hex(req.body));
  }
  finish(out, canonical_request(req, params), params, cache);
  if (has_token && params.omit_session_token) {
    req.headers.emplace_back("X-Amz-Security-Token", params.session_token);
  }
  req.headers.emplace_back(
      "Authorization",
      authorization_header(params.access_key_id, out.scope, out.signed_headers, out.signature));
  return out;
}

SigningResult presign_query(SignableRequest& req, const SigningParams& params,
                            std::chrono::seconds expires, SigningKeyCache* cache) {
  SigningResult out = start(params);
  // The signed-header list goes into the query, so it is computed before the query changes.
  const std::string signed_headers = canonical_request(req, params).signed_headers;
  append_query(req.query, "X-Amz-Algorithm", kAlgorithm);
  append_query(req.query, "X-Amz-Credential",
               fmt::format("{}/{}", params.access_key_id, out.scope));
  append_query(req.query, "X-Amz-Date", out.amz_date);
  append_query(req.query, "X-Amz-SignedHeaders", signed_headers);
  append_query(req.query, "X-Amz-Expires", std::to_string(expires.count()));
  const bool has_token = !params.session_token.empty();
  if (has_token && !params.omit_session_token) {
    append_query(req.query, "X-Amz-Security-Token", params.session_token);
  }
  finish(out, canonical_request(req, params), params, cache);
  if (has_token && params.omit_session_token) {
    append_query(req.query, "X-Amz-Security-Token", params.session_token);
  }
  append_query(req.query, "X-Amz-Signature", out.signature);
  return out;
}

}  // namespace certguard::aws::sigv4
