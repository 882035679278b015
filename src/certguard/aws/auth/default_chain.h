#pragma once

// The default credential chain, in the AWS CLI's order:
//   1. explicit keys (CLI options)
//   2. environment            (skipped when --profile was given, as botocore does;
//                              AWS_PROFILE does not skip it)
//   3. profile assume-role    (role_arn + source_profile | credential_source)
//   4. web identity           (env AWS_WEB_IDENTITY_TOKEN_FILE..., or the profile's)
//   5. profile static keys
//   6. credential_process
//   7. container (ECS/EKS)
//   8. EC2 instance metadata
// wrapped in a CachingProvider. See chain_provider.h for how failures stop the chain.
//
// Profile assume-role: source_profile is followed recursively (a source profile with its own
// role_arn is assumed first; one with web_identity_token_file, credential_process or static
// keys supplies the credentials; a profile naming itself uses its own static keys); cycles are
// a kConfig error naming the path. credential_source is Environment, Ec2InstanceMetadata or
// EcsContainer. Options: external_id, duration_seconds (900..43200), role_session_name
// (default certguard-<epoch>). mfa_serial is refused with a clear "not supported" error.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "certguard/aws/auth/chain_provider.h"
#include "certguard/aws/auth/container_provider.h"
#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/aws_config.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"

namespace certguard::aws {

struct ExplicitKeys {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

struct ChainOptions {
  std::optional<ExplicitKeys> explicit_keys;
  ContainerOptions container;
  std::chrono::milliseconds process_timeout{30000};
  std::chrono::seconds refresh_window{std::chrono::minutes(15)};
  Sleeper* sleeper =
      nullptr;  // when set, STS AssumeRole calls are retried (see assume_role_provider.h)
};

// The chain's links, uncached (tests inspect them).
std::vector<ChainLink> default_chain_links(const AwsConfig& config, HttpTransport& transport,
                                           const Clock& clock, const ChainOptions& options = {});

// The cached chain. `transport` and `clock` must outlive it.
std::shared_ptr<CredentialsProvider> make_default_chain(const AwsConfig& config,
                                                        HttpTransport& transport,
                                                        const Clock& clock,
                                                        const ChainOptions& options = {});

// The provider for a profile's role_arn (recursively through source_profile), or an Error
// (kConfig) describing the misconfiguration; not available when the profile has no role_arn.
Result<std::shared_ptr<CredentialsProvider>> profile_role_provider(const AwsConfig& config,
                                                                   const std::string& profile,
                                                                   HttpTransport& transport,
                                                                   const Clock& clock,
                                                                   const ChainOptions& options);

}  // namespace certguard::aws
