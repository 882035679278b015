#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "certguard/aws/sigv4/crypto.h"
#include "certguard/aws/sigv4/request.h"
#include "certguard/aws/sigv4/signing_key.h"

namespace certguard::aws::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// "20150830/us-east-1/service/aws4_request"; date_stamp is YYYYMMDD.
std::string credential_scope(std::string_view date_stamp, std::string_view region,
                             std::string_view service);

// Stage 2: "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\nhex(sha256(canonical_request))".
std::string string_to_sign(std::string_view canonical_request, std::string_view amz_date,
                           std::string_view scope);

// Stage 3: hex(HMAC(signing_key, string_to_sign)).
std::string signature(const Digest& signing_key, std::string_view string_to_sign);

// "AWS4-HMAC-SHA256 Credential=<akid>/<scope>, SignedHeaders=<list>, Signature=<hex>".
std::string authorization_header(std::string_view access_key_id, std::string_view scope,
                                 std::string_view signed_headers, std::string_view signature);

// Header mode. The caller has put "host" (with ":port" when not the default) and every other
// header it will send in req.headers. Replaces any X-Amz-Date/Authorization, adds X-Amz-Date,
// X-Amz-Security-Token (signed, or after signing when omit_session_token), x-amz-content-sha256
// when sign_body, then Authorization. `cache` may be null (the key is derived every time).
SigningResult sign_headers(SignableRequest& req, const SigningParams& params,
                           SigningKeyCache* cache = nullptr);

// Query (presigned URL) mode. Appends to req.query, in this order: X-Amz-Algorithm,
// X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token
// (signed unless omit_session_token), X-Amz-Signature. Headers are signed but not changed.
SigningResult presign_query(SignableRequest& req, const SigningParams& params,
                            std::chrono::seconds expires, SigningKeyCache* cache = nullptr);

}  // namespace certguard::aws::sigv4
