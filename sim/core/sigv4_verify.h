#pragma once

// Verifying an AWS Signature Version 4 Authorization header the way AWS's front end
// does, for the services the sim serves (not S3: paths are double-encoded).

#include <string>
#include <string_view>
#include <vector>

#include "certguard/aws/sigv4/verifier.h"
#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "sim/core/sim_types.h"

namespace certguard::sim {

// The Authorization header taken apart: the client library's own parser (aws/sigv4),
// so the sim and certguard share one SigV4 implementation, tested against AWS's suite.
using ParsedAuthorization = aws::sigv4::ParsedAuthorization;

// Why verification failed, in AWS's terms (code and message per protocol chosen by the
// caller); kOk when the signature matches.
enum class AuthFailure {
  kOk,
  kMissing,     // no Authorization header: MissingAuthenticationToken
  kIncomplete,  // malformed header: IncompleteSignature
  kBadScope,    // wrong date/terminator/region in the credential scope
  kExpired,     // x-amz-date more than 15 minutes from real time
  kMismatch,    // the signature does not match
};

struct AuthOutcome {
  AuthFailure failure = AuthFailure::kOk;
  std::string message;  // AWS's message for the failure
};

// Parses "AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request,
// SignedHeaders=a;b, Signature=hex" (aws::sigv4::parse_authorization). Errors carry AWS's
// IncompleteSignature message.
using aws::sigv4::parse_authorization;

// The inputs of the canonical request, as received.
struct SignedRequestView {
  std::string_view method;
  std::string_view raw_path;   // percent-encoded as on the wire
  std::string_view raw_query;  // without '?'
  const SimHeaders* headers = nullptr;
  std::string_view body;
};

// Checks the scope, the timestamp (against `real_now`, never the virtual clock) and
// the signature. `received` is the request as it arrived (path and query as on the wire).
// `cache` (may be null) keeps derived signing keys across requests.
AuthOutcome verify_signature(const aws::sigv4::SignableRequest& received,
                             const ParsedAuthorization& auth, std::string_view secret,
                             WallTime real_now, aws::sigv4::SigningKeyCache* cache = nullptr);
// The same for a request seen through a view (copies it).
AuthOutcome verify_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                             std::string_view secret, WallTime real_now);

// A presigned URL's parameters (aws::sigv4::parse_presigned_query).
using PresignedQuery = aws::sigv4::PresignedQuery;
using aws::sigv4::parse_presigned_query;

// True when the query carries query-string SigV4 (X-Amz-Algorithm, X-Amz-Credential or
// X-Amz-Signature), so it is a presigned URL rather than an unsigned request.
bool looks_presigned(std::string_view raw_query);

// Verifies a presigned URL (query-string SigV4) against `real_now`: X-Amz-Expires at most
// 604800 s (7 days), X-Amz-Date not more than 15 minutes ahead, not past X-Amz-Date +
// X-Amz-Expires, and the signature (aws::sigv4::expected_signature) over `received`, whose
// query must be presigned.query_without_signature.
AuthOutcome verify_presigned(const aws::sigv4::SignableRequest& received,
                             const PresignedQuery& presigned, std::string_view secret,
                             WallTime real_now, aws::sigv4::SigningKeyCache* cache = nullptr);
// The same through a view (copies it; request.raw_query is not read).
AuthOutcome verify_presigned(const SignedRequestView& request, const PresignedQuery& presigned,
                             std::string_view secret, WallTime real_now);

}  // namespace certguard::sim
