#pragma once

// sts:AssumeRoleWithWebIdentity with an OIDC token read from a file each time (the file is
// rotated by the platform, e.g. EKS). Sent unsigned.
//   profile: web_identity_token_file + role_arn [+ role_session_name]
//   env:     AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN [+ AWS_ROLE_SESSION_NAME]

#include <optional>
#include <string>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/endpoints.h"
#include "certguard/aws/config/environment.h"
#include "certguard/aws/config/shared_config.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"

namespace certguard::aws {

struct WebIdentityConfig {
  std::string token_file;
  std::string role_arn;
  std::string session_name;  // empty: certguard-<epoch>
  std::string source;        // "environment" or "profile NAME", for messages
};

// The configuration from the environment, else from the profile; nullopt when neither has a
// token file. Only one of token file / role ARN set is a kConfig error.
Result<std::optional<WebIdentityConfig>> web_identity_config(const Environment& env,
                                                             const Profile* profile);

class WebIdentityProvider final : public CredentialsProvider {
 public:
  WebIdentityProvider(WebIdentityConfig config, HttpTransport& transport, Endpoint endpoint,
                      const Clock& clock)
      : config_(std::move(config)),
        transport_(&transport),
        endpoint_(std::move(endpoint)),
        clock_(&clock) {}

  // Errors: kConfig when the token file cannot be read or is empty; STS errors otherwise.
  Task<Result<Credentials>> get() override;

 private:
  WebIdentityConfig config_;
  HttpTransport* transport_;
  Endpoint endpoint_;
  const Clock* clock_;
};

}  // namespace certguard::aws
