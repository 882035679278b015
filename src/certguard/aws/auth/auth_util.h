#pragma once

// Helpers shared by the credential providers.

#include <optional>
#include <string>
#include <string_view>

#include "certguard/aws/auth/credentials.h"
#include "certguard/core/clock.h"
#include "certguard/core/result.h"

namespace certguard::aws {

// "This source has no credentials" (kCredentials, kNoCredentialsCode): a chain tries the next.
Error not_available(std::string_view provider, std::string message);

// A real failure of a configured source (bad file, process failed, role refused, ...): the
// chain stops here instead of silently falling back to another identity.
Error provider_failure(ErrorKind kind, std::string_view provider, std::string message);

// Parses an ISO-8601 / RFC 3339 timestamp: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
// (a space is accepted for 'T'; 'z' for 'Z'). nullopt when malformed.
std::optional<WallTime> parse_iso8601(std::string_view text);

// "2026-11-22T12:39:04Z"
std::string format_iso8601(WallTime time);

// The account id in an ARN (field 5 of arn:partition:service:region:account:...), or "".
std::string account_from_arn(std::string_view arn);

// scheme://host[:port][/prefix] split into "host[:port]" and the path prefix ("" or "/x").
struct UrlParts {
  std::string scheme;  // "http" or "https"
  std::string authority;
  std::string host;  // without port; IPv6 without brackets
  std::string path;  // "" or starting with '/'
};
std::optional<UrlParts> split_url(std::string_view url);

// Checks that credentials are usable (both keys present), naming `provider` otherwise.
Result<Credentials> require_complete(Credentials creds, std::string_view provider);

}  // namespace certguard::aws
