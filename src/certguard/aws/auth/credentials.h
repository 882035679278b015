#pragma once

#include <optional>
#include <string>

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

// One source of credentials. get() never returns empty credentials: it returns an Error
// saying why this source has none (kCredentials) or what went wrong reading it.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  virtual Task<Result<Credentials>> get() = 0;
};

}  // namespace certguard::aws
