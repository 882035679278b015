#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "certguard/aws/sigv4/crypto.h"  // constant_time_equal
#include "certguard/aws/sigv4/request.h"
#include "certguard/aws/sigv4/signing_key.h"
#include "certguard/core/result.h"

namespace certguard::aws::sigv4 {

// The server side of SigV4, for the emulator (certguard-sim).

// An Authorization header taken apart.
struct ParsedAuthorization {
  std::string access_key_id;
  std::string date;  // YYYYMMDD from the credential scope
  std::string region;
  std::string service;
  std::vector<std::string> signed_headers;  // lowercase, in the order the client listed them
  std::string signature;                    // lowercase hex as sent

  [[nodiscard]] std::string credential_scope() const;  // "date/region/service/aws4_request"
};

// Parses "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=<hex>" (commas with or without spaces).
// Errors: kind kCredentials, aws_code "IncompleteSignatureException", with a message in
// AWS's words saying which part is missing or malformed (unknown algorithm, missing
// Credential/SignedHeaders/Signature, a scope that is not date/region/service/aws4_request,
// SignedHeaders without host, a non-hex signature).
Result<ParsedAuthorization> parse_authorization(std::string_view header);

// Recomputes the signature the client should have sent for `received` (the path and query
// exactly as they arrived on the wire), using ONLY the headers the client listed in
// SignedHeaders. `amz_date` is the request's X-Amz-Date value. Compare the result to
// auth.signature with constant_time_equal.
// Errors (kCredentials): a listed header missing from the request ("SignatureDoesNotMatch"),
// an amz_date whose day differs from the scope's ("IncompleteSignatureException"), an
// x-amz-content-sha256 header that does not match the body ("XAmzContentSHA256Mismatch").
Result<std::string> expected_signature(const SignableRequest& received,
                                       const ParsedAuthorization& auth, std::string_view secret,
                                       std::string_view amz_date, SigningKeyCache* cache = nullptr);

// A presigned URL's authentication parameters taken out of its query.
struct PresignedQuery {
  ParsedAuthorization auth;
  std::string amz_date;                 // X-Amz-Date
  long long expires_seconds = 0;        // X-Amz-Expires
  std::string session_token;            // X-Amz-Security-Token, decoded; empty if absent
  std::string query_without_signature;  // the wire query minus X-Amz-Signature
};

// Parses X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders
// and X-Amz-Signature from a wire query. Errors as parse_authorization's, naming the
// missing or malformed parameter. To verify, call expected_signature on the request with
// its query replaced by query_without_signature.
Result<PresignedQuery> parse_presigned_query(std::string_view wire_query);

}  // namespace certguard::aws::sigv4
