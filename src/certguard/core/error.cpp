#include "certguard/core/error.h"

#include <fmt/format.h>

namespace certguard {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kThrottled:
      return "throttled";
    case ErrorKind::kAccessDenied:
      return "access denied";
    case ErrorKind::kNotFound:
      return "not found";
    case ErrorKind::kInvalidInput:
      return "invalid input";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kLimitExceeded:
      return "limit exceeded";
    case ErrorKind::kTransient:
      return "transient";
    case ErrorKind::kNetwork:
      return "network";
    case ErrorKind::kTimeout:
      return "timeout";
    case ErrorKind::kCredentials:
      return "credentials";
    case ErrorKind::kConfig:
      return "config";
    case ErrorKind::kParse:
      return "parse";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Error::describe() const {
  std::string out;
  if (!operation.empty()) out += operation;
  if (!resource.empty()) out += (out.empty() ? "" : " on ") + resource;
  if (!out.empty()) out += ": ";
  if (!aws_code.empty()) {
    out += aws_code;
    if (http_status != 0) out += fmt::format(" (HTTP {})", http_status);
    out += ": ";
  } else if (http_status != 0) {
    out += fmt::format("HTTP {}: ", http_status);
  }
  out += message.empty() ? std::string(to_string(kind)) : message;
  if (!request_id.empty()) out += fmt::format(" [request id {}]", request_id);
  return out;
}

Error Error::with_context(std::string_view op, std::string_view res) const {
  Error copy = *this;
  if (copy.operation.empty()) copy.operation = op;
  if (copy.resource.empty()) copy.resource = res;
  return copy;
}

Error make_error(ErrorKind kind, std::string message) {
  Error e;
  e.kind = kind;
  e.message = std::move(message);
  return e;
}

}  // namespace certguard
