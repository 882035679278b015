#pragma once

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/environment.h"

namespace certguard::aws {

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (or its legacy alias
// AWS_SECURITY_TOKEN), AWS_CREDENTIAL_EXPIRATION (ISO-8601) and AWS_ACCOUNT_ID.
// Not available (kCredentials) when neither key is set; kConfig when only one is, or the
// expiration is not a timestamp.
class EnvironmentProvider final : public CredentialsProvider {
 public:
  explicit EnvironmentProvider(Environment env) : env_(std::move(env)) {}
  Task<Result<Credentials>> get() override;

  // The same, synchronously (no I/O).
  [[nodiscard]] Result<Credentials> read() const;

 private:
  Environment env_;
};

}  // namespace certguard::aws
