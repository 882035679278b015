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
// the signature.
AuthOutcome verify_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                             std::string_view secret, WallTime real_now);

}  // namespace certguard::sim
