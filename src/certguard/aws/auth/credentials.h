#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"

namespace certguard::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;           // empty for long-term keys
  std::optional<WallTime> expiration;  // absent for long-term keys
  std::string account_id;              // when the source tells us
  std::string provider;                // which provider produced them, e.g. "environment"
};

// The aws_code of an Error that means "this source has no credentials" (nothing configured
// for it), as opposed to "this source is configured and failed". A chain moves on after the
// first and stops at the second, as botocore does (it never falls back to another identity
// when, say, a configured role cannot be assumed).
inline constexpr std::string_view kNoCredentialsCode = "NoCredentials";

inline bool is_no_credentials(const Error& e) {
  return e.kind == ErrorKind::kCredentials && e.aws_code == kNoCredentialsCode;
}

// One source of credentials. get() never returns empty credentials: it returns an Error
// saying why this source has none (kCredentials + kNoCredentialsCode) or what went wrong
// reading it (any kind).
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  virtual Task<Result<Credentials>> get() = 0;
};

}  // namespace certguard::aws
