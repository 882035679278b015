#pragma once

#include <string>
#include <string_view>

namespace certguard {

// What kind of failure an Error is. Callers branch on the kind (retry on kThrottled
// and kTransient, report kAccessDenied as a permissions problem, ...), never on text.
enum class ErrorKind {
  kThrottled,      // the service asked us to slow down (429, ThrottlingException, ...)
  kAccessDenied,   // authenticated but not allowed, or the role cannot be assumed
  kNotFound,       // the resource does not exist
  kInvalidInput,   // the request (or user input) is malformed; retrying will not help
  kConflict,       // the resource is in a state that forbids the change
  kLimitExceeded,  // a service quota (not a rate) was hit
  kTransient,      // 5xx and other server-side failures worth retrying
  kNetwork,        // connection refused/reset, DNS, TLS: no HTTP response
  kTimeout,        // connect or total timeout
  kCredentials,    // no usable credentials, or they were rejected (signature, token)
  kConfig,         // a configuration or credentials file is malformed
  kParse,          // a response or file could not be decoded
  kInternal,       // a bug or an unexpected state in certguard itself
};

std::string_view to_string(ErrorKind kind);

// An error travelling as a value across layers. `message` says what failed in words a
// user can act on; the other fields carry what the layers below knew.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  int http_status = 0;     // 0 when no HTTP response was received
  std::string aws_code;    // e.g. "NotFoundException", empty if none
  std::string request_id;  // x-amzn-RequestId or the XML RequestId, if any
  std::string operation;   // e.g. "GetStages"
  std::string resource;    // e.g. an ARN, a file path with line, a profile name

  // One line: "GetStages on arn:...: NotFoundException (HTTP 404): message [request id r]".
  [[nodiscard]] std::string describe() const;

  // Returns a copy with operation/resource filled in where they were empty.
  [[nodiscard]] Error with_context(std::string_view op, std::string_view res) const;
};

Error make_error(ErrorKind kind, std::string message);

}  // namespace certguard
