#pragma once

// Redaction for --debug output: nothing secret may reach a terminal or a CI log.
// Removed: the Authorization signature, X-Amz-Security-Token, and in bodies secret
// keys, session tokens and web identity tokens (JSON, XML and form encodings), as in
// STS AssumeRole responses and credential-process output.

#include <string>
#include <string_view>

#include "certguard/aws/http/http_message.h"

namespace certguard::aws {

inline constexpr std::string_view kRedacted = "REDACTED";

// The header's value as it may be shown.
std::string redact_header(std::string_view name, std::string_view value);

// The body with secret values replaced by REDACTED.
std::string redact_body(std::string_view body);

// Multi-line renderings for the debug log.
std::string describe_request(std::string_view operation, const HttpRequest& request);
std::string describe_response(std::string_view operation, int attempt,
                              const HttpResponse& response);

}  // namespace certguard::aws
