#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "certguard/core/clock.h"

namespace certguard::aws::sigv4 {

// The parts of an HTTP request that SigV4 reads. Plain data: no HTTP library involved.
struct SignableRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // as on the wire (already percent-encoded), e.g. "/tags/arn%3Aaws%3A..."
  std::string query;   // as on the wire, without '?'; may be empty
  std::vector<std::pair<std::string, std::string>> headers;  // in send order; may repeat
  std::string body;

  // Case-insensitive; the first match or nullptr.
  [[nodiscard]] const std::string* find_header(std::string_view name) const;
  // Removes every header with this name (case-insensitive).
  void remove_header(std::string_view name);
};

struct SigningParams {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty: none
  std::string region;         // the endpoint's signing region (credential scope)
  std::string service;        // the signing name, e.g. "apigateway"
  WallTime time;              // the signing time; nothing here reads a clock
  // Remove "."/".." and empty segments from the path before encoding (all but S3).
  bool normalize_path = true;
  // Percent-encode the wire path once more (all but S3: double encoding).
  bool encode_path = true;
  // Add and sign x-amz-content-sha256 holding the payload hash.
  bool sign_body = false;
  // Add X-Amz-Security-Token after signing, unsigned (some services want that).
  bool omit_session_token = false;
  // Sign every header present (the AWS test suite's rule). When false, skip the headers
  // botocore never signs: user-agent, expect, x-amzn-trace-id, content-length, hop-by-hop.
  bool sign_all_headers = false;
};

// Every stage of one signing, so callers and tests can see how the signature came about.
struct SigningResult {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;       // lowercase hex
  std::string signed_headers;  // "host;x-amz-date"
  std::string amz_date;        // "20150830T123600Z"
  std::string scope;           // "20150830/us-east-1/service/aws4_request"
};

}  // namespace certguard::aws::sigv4
