#pragma once

// AWS error codes and what they mean to certguard: which are throttling or transient
// (retryable, aws-protocol-notes §7.2), and the ErrorKind of a code with its HTTP status.

#include <string_view>

#include "certguard/core/error.h"

namespace certguard::aws::protocol {

// Throttling codes of the standard retry mode (botocore standard.py), including
// LimitExceededException and TooManyRequestsException.
bool is_throttling_code(std::string_view code);

// Transient codes of the standard retry mode (RequestTimeout, RequestTimeoutException,
// PriorRequestNotComplete) plus IDPCommunicationError (STS, retried by every SDK).
bool is_transient_code(std::string_view code);

// botocore's cleanup of a raw code: cut at the first ':' (x-amzn-ErrorType's namespace
// suffix) and keep what follows the last '#' (JSON 1.1 "namespace#Code").
std::string_view strip_error_code(std::string_view raw);

struct ClassifyContext {
  // API Gateway answers both its request rate and its quotas (e.g. 60 client
  // certificates per region) with LimitExceededException (HTTP 429). Operations that
  // create things set this, making it kLimitExceeded; otherwise it is kThrottled. Both
  // stay retryable in the standard mode and keep aws_code, so callers can tell.
  bool limit_exceeded_is_quota = false;
};

// The ErrorKind for an AWS error code (already stripped) and HTTP status. A known code
// decides; an unknown or empty one falls back on the status (429 throttled, 401/403
// access denied, 404 not found, 409 conflict, other 4xx invalid input, 5xx transient).
ErrorKind classify_error_code(std::string_view code, int http_status, ClassifyContext ctx = {});

}  // namespace certguard::aws::protocol
