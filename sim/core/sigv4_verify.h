#pragma once

// Verifying an AWS Signature Version 4 Authorization header the way AWS's front end
// does, for the services the sim serves (not S3: paths are double-encoded).

#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "sim/core/sim_types.h"

namespace certguard::sim {

struct ParsedAuthorization {
  std::string access_key_id;
  std::string date;  // YYYYMMDD
  std::string region;
  std::string service;
  std::string terminator;  // "aws4_request"
  std::vector<std::string> signed_headers;
  std::string signature;  // lowercase hex
};

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
// SignedHeaders=a;b, Signature=hex". Errors: kInvalidInput with AWS's
// IncompleteSignature message.
Result<ParsedAuthorization> parse_authorization(std::string_view header);

// The inputs of the canonical request, as received.
struct SignedRequestView {
  std::string_view method;
  std::string_view raw_path;   // percent-encoded as on the wire
  std::string_view raw_query;  // without '?'
  const SimHeaders* headers = nullptr;
  std::string_view body;
};

// The signature the client should have sent with `secret`.
std::string expected_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                               std::string_view amz_date, std::string_view secret);

// Checks the scope, the timestamp (against `real_now`, never the virtual clock) and
// the signature.
AuthOutcome verify_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                             std::string_view secret, WallTime real_now);

// Hex SHA-256 and HMAC-SHA-256 (raw) helpers.
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string to_hex(std::string_view bytes);

}  // namespace certguard::sim
