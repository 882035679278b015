#include "certguard/aws/config/aws_config.h"

#include <fmt/format.h>

#include "certguard/aws/config/strings.h"

namespace certguard::aws {

Result<AwsConfig> AwsConfig::load(ConfigOptions options, Environment env) {
  auto shared = load_shared_config(env);
  if (!shared) return shared.error();
  return from_shared(std::move(options), std::move(env), std::move(*shared));
}

Result<AwsConfig> AwsConfig::from_shared(ConfigOptions options, Environment env,
                                         SharedConfig shared) {
  std::string name = "default";
  std::string source;
  if (options.profile && !trim(*options.profile).empty()) {
    name = std::string(trim(*options.profile));
    source = "--profile";
  } else if (auto p = env.get("AWS_PROFILE")) {
    name = std::string(trim(*p));
    source = "AWS_PROFILE";
  }
  if (!source.empty() && shared.find_profile(name) == nullptr) {
    Error e = make_error(
        ErrorKind::kConfig,
        fmt::format("the profile '{}' (from {}) is not in {} or {}; add a [profile {}] section "
                    "or choose another profile",
                    name, source, shared.config_path, shared.credentials_path, name));
    e.operation = "LoadProfile";
    e.resource = name;
    return e;
  }
  return AwsConfig(std::move(options), std::move(env), std::move(shared), std::move(name));
}

Result<std::string> resolve_region(const std::optional<std::string>& cli_region,
                                   const Environment& env, const Profile* profile,
                                   std::string_view profile_name, std::string_view config_path) {
  std::optional<std::string> region;
  std::string source;
  if (cli_region && !trim(*cli_region).empty()) {
    region = std::string(trim(*cli_region));
    source = "--region";
  } else if (auto r = env.get("AWS_REGION")) {
    region = std::string(trim(*r));
    source = "AWS_REGION";
  } else if (auto d = env.get("AWS_DEFAULT_REGION")) {
    region = std::string(trim(*d));
    source = "AWS_DEFAULT_REGION";
  } else if (profile != nullptr) {
    if (auto pr = profile->get("region")) {
      region = std::string(trim(*pr));
      source = fmt::format("region in profile {}", profile_name);
    }
  }
  if (!region || region->empty()) {
    Error e = make_error(
        ErrorKind::kConfig,
        fmt::format("no AWS region is configured; pass --region, set AWS_REGION or "
                    "AWS_DEFAULT_REGION, or add 'region = us-east-1' (for example) to profile "
                    "'{}' in {}",
                    profile_name, config_path));
    e.operation = "ResolveRegion";
    e.resource = profile_name;
    return e;
  }
  if (!is_valid_region_name(*region)) {
    Error e =
        make_error(ErrorKind::kConfig,
                   fmt::format("region '{}' from {} is not a valid region name", *region, source));
    e.operation = "ResolveRegion";
    e.resource = source;
    return e;
  }
  return *region;
}

Result<std::string> AwsConfig::region() const {
  return resolve_region(options_.region, env_, profile(), profile_name_, shared_.config_path);
}

Result<Endpoint> AwsConfig::endpoint(ServiceId service, std::string_view region) const {
  EndpointInputs in;
  in.explicit_url = options_.endpoint_url;
  in.env = &env_;
  in.profile = profile();
  in.shared = &shared_;
  return resolve_endpoint(service, region, in);
}

Result<RetrySettings> AwsConfig::retry() const {
  return resolve_retry_settings(env_, profile());
}

std::optional<std::string> AwsConfig::ca_bundle() const {
  if (options_.ca_bundle && !options_.ca_bundle->empty()) return options_.ca_bundle;
  if (auto v = env_.get("AWS_CA_BUNDLE")) return v;
  if (const Profile* p = profile()) return p->get("ca_bundle");
  return std::nullopt;
}

}  // namespace certguard::aws
