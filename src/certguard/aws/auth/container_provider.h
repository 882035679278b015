#pragma once

// ECS/EKS container credentials.
//   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI -> GET http://169.254.170.2<uri>
//   AWS_CONTAINER_CREDENTIALS_FULL_URI     -> GET <uri>: https to any host, or http only to
//       a loopback address, 169.254.170.2, 169.254.170.23, fd00:ec2::23 or localhost.
//   Authorization: the contents of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on each call)
//       or AWS_CONTAINER_AUTHORIZATION_TOKEN.
// Response JSON: AccessKeyId, SecretAccessKey, Token, Expiration[, AccountId].
// Not available when neither URI variable is set. Once configured, failures stop the chain:
// a forbidden FULL_URI host (kConfig), an unreadable token file (kConfig), no answer within
// the timeout on every attempt (kTimeout/kNetwork), a non-200 status or bad JSON.

#include <chrono>
#include <optional>
#include <string>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/environment.h"
#include "certguard/aws/http/transport.h"

namespace certguard::aws {

struct ContainerOptions {
  std::chrono::milliseconds timeout{2000};
  int attempts = 3;
};

class ContainerProvider final : public CredentialsProvider {
 public:
  ContainerProvider(Environment env, HttpTransport& transport, ContainerOptions options = {})
      : env_(std::move(env)), transport_(&transport), options_(options) {}
  Task<Result<Credentials>> get() override;

 private:
  Environment env_;
  HttpTransport* transport_;
  ContainerOptions options_;
};

// The URL to call, or nullopt when the container variables are not set; kConfig for a
// FULL_URI that is not allowed.
Result<std::optional<std::string>> container_credentials_url(const Environment& env);

// Parses the container/IMDS credentials JSON; `who` names the source in errors.
Result<Credentials> parse_credentials_json(std::string_view body, std::string_view who,
                                           std::string_view token_key);

}  // namespace certguard::aws
