#pragma once

// The resolved AWS configuration for one run: which profile, region, endpoints, retry
// settings and CA bundle, from CLI options, the Environment and the shared files.
//
// Profile:  --profile > AWS_PROFILE > "default". A profile named by --profile or AWS_PROFILE
//           must exist in one of the files; "default" may be absent.
// Region:   --region > AWS_REGION > AWS_DEFAULT_REGION > profile `region`. Unlike awscli v1
//           (which ignores AWS_REGION), we read AWS_REGION like CLI v2 and the other SDKs.
// CA bundle: --ca-bundle > AWS_CA_BUNDLE > profile `ca_bundle`.

#include <optional>
#include <string>
#include <string_view>

#include "certguard/aws/config/endpoints.h"
#include "certguard/aws/config/environment.h"
#include "certguard/aws/config/retry_settings.h"
#include "certguard/aws/config/shared_config.h"
#include "certguard/core/result.h"

namespace certguard::aws {

// What the command line said (all optional).
struct ConfigOptions {
  std::optional<std::string> profile;
  std::optional<std::string> region;
  std::optional<std::string> endpoint_url;
  std::optional<std::string> ca_bundle;
};

class AwsConfig {
 public:
  // Reads the shared files named by `env` (see shared_config.h) and resolves the profile.
  static Result<AwsConfig> load(ConfigOptions options, Environment env);
  // Same, from files already parsed (tests, and callers that cache them).
  static Result<AwsConfig> from_shared(ConfigOptions options, Environment env, SharedConfig shared);

  [[nodiscard]] const std::string& profile_name() const { return profile_name_; }
  // True when --profile was given: the environment credentials provider is then skipped, as
  // botocore does (AWS_PROFILE does not skip it).
  [[nodiscard]] bool profile_from_cli() const { return options_.profile.has_value(); }
  // The active profile's section, or nullptr when it has none (only possible for "default").
  [[nodiscard]] const Profile* profile() const { return shared_.find_profile(profile_name_); }

  [[nodiscard]] const Environment& env() const { return env_; }
  [[nodiscard]] const SharedConfig& shared() const { return shared_; }
  [[nodiscard]] const ConfigOptions& options() const { return options_; }

  // The region, or an error (kConfig) that says how to set one.
  [[nodiscard]] Result<std::string> region() const;
  // The endpoint for `service` in `region` (see endpoints.h).
  [[nodiscard]] Result<Endpoint> endpoint(ServiceId service, std::string_view region) const;
  [[nodiscard]] Result<RetrySettings> retry() const;
  [[nodiscard]] std::optional<std::string> ca_bundle() const;

 private:
  AwsConfig(ConfigOptions options, Environment env, SharedConfig shared, std::string profile)
      : options_(std::move(options)),
        env_(std::move(env)),
        shared_(std::move(shared)),
        profile_name_(std::move(profile)) {}

  ConfigOptions options_;
  Environment env_;
  SharedConfig shared_;
  std::string profile_name_;
};

// Region precedence as above, as a free function (used by AwsConfig::region()).
Result<std::string> resolve_region(const std::optional<std::string>& cli_region,
                                   const Environment& env, const Profile* profile,
                                   std::string_view profile_name, std::string_view config_path);

}  // namespace certguard::aws
