#pragma once

// Credentials from sts:AssumeRole, signed with another provider's credentials. Used for
// profile role_arn and by the scanner to assume arn:aws:iam::<account>:role/<name> in every
// account of an organization. Wrap it in a CachingProvider: every get() calls STS.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/auth/sts_assume_role.h"
#include "certguard/aws/config/endpoints.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"

namespace certguard::aws {

class AssumeRoleProvider final : public CredentialsProvider {
 public:
  // `session_name` empty: "certguard-<epoch seconds>". `transport` and `clock` must outlive
  // the provider. `endpoint` is the STS endpoint (AwsConfig::endpoint(ServiceId::kSts, ...)).
  // With a `sleeper`, throttling, 5xx and network failures are retried (3 attempts in all,
  // waiting 0.5 s then 1 s; deterministic, no jitter); without one, STS is called once.
  AssumeRoleProvider(std::shared_ptr<CredentialsProvider> source, std::string role_arn,
                     std::string session_name, std::string external_id,
                     std::optional<std::chrono::seconds> duration, HttpTransport& transport,
                     Endpoint endpoint, const Clock& clock, Sleeper* sleeper = nullptr);

  // Errors: the source's error (prefixed with the role), or STS's (see sts_assume_role.h).
  Task<Result<Credentials>> get() override;

  [[nodiscard]] const AssumeRoleParams& params() const { return params_; }

 private:
  std::shared_ptr<CredentialsProvider> source_;
  AssumeRoleParams params_;
  HttpTransport* transport_;
  Endpoint endpoint_;
  const Clock* clock_;
  Sleeper* sleeper_;
};

// "certguard-<epoch seconds>"
std::string default_session_name(const Clock& clock);

}  // namespace certguard::aws
