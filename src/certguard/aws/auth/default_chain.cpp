#include "certguard/aws/auth/default_chain.h"

#include <fmt/format.h>

#include <set>

#include "certguard/aws/auth/assume_role_provider.h"
#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/caching_provider.h"
#include "certguard/aws/auth/environment_provider.h"
#include "certguard/aws/auth/imds_provider.h"
#include "certguard/aws/auth/process_provider.h"
#include "certguard/aws/auth/profile_provider.h"
#include "certguard/aws/auth/static_provider.h"
#include "certguard/aws/auth/web_identity_provider.h"

namespace certguard::aws {
namespace {

using ProviderPtr = std::shared_ptr<CredentialsProvider>;

Error config_error(const std::string& profile, std::string message) {
  Error e = make_error(ErrorKind::kConfig, std::move(message));
  e.operation = "ResolveCredentials";
  e.resource = fmt::format("profile {}", profile);
  return e;
}

// STS for the active profile: its region if any (us-east-1 otherwise), its endpoint settings.
Result<Endpoint> sts_endpoint(const AwsConfig& config) {
  auto region = config.region();
  std::string r = region.ok() ? *region : std::string("us-east-1");
  return config.endpoint(ServiceId::kSts, r);
}

struct Builder {
  const AwsConfig& config;
  HttpTransport& transport;
  const Clock& clock;
  const ChainOptions& options;

  ProviderPtr cached(ProviderPtr p) const {
    return std::make_shared<CachingProvider>(std::move(p), clock, options.refresh_window);
  }

  Result<ProviderPtr> web_identity(const Profile& p) const {
    auto wi = web_identity_config(Environment{}, &p);
    if (!wi) return wi.error();
    auto ep = sts_endpoint(config);
    if (!ep) return ep.error();
    return ProviderPtr(std::make_shared<WebIdentityProvider>(**wi, transport, *ep, clock));
  }

  Result<ProviderPtr> credential_source(const std::string& profile,
                                        const std::string& source) const {
    if (source == "Environment") {
      return ProviderPtr(std::make_shared<EnvironmentProvider>(config.env()));
    }
    if (source == "Ec2InstanceMetadata") {
      return ProviderPtr(std::make_shared<ImdsProvider>(config.env(), transport));
    }
    if (source == "EcsContainer") {
      return ProviderPtr(
          std::make_shared<ContainerProvider>(config.env(), transport, options.container));
    }
    return config_error(profile, fmt::format("profile '{}' has credential_source = {}; it must be "
                                             "Environment, Ec2InstanceMetadata or EcsContainer",
                                             profile, source));
  }

  // Credentials of a source_profile that has no role_arn of its own (or names itself).
  Result<ProviderPtr> source_credentials(const Profile& p) const {
    if (p.get("web_identity_token_file")) return web_identity(p);
    if (auto cmd = p.get("credential_process")) {
      return ProviderPtr(std::make_shared<ProcessProvider>(p.name, *cmd, config.env(), clock,
                                                           options.process_timeout));
    }
    if (!p.get("aws_access_key_id")) {
      return config_error(p.name, fmt::format("profile '{}' is used as a source_profile but has no "
                                              "credentials (aws_access_key_id, "
                                              "credential_process or web_identity_token_file) "
                                              "[{}]",
                                              p.name, p.origin));
    }
    return ProviderPtr(std::make_shared<ProfileProvider>(p));
  }

  Result<ProviderPtr> role(const std::string& name, std::vector<std::string> path) const {
    const Profile* p = config.shared().find_profile(name);
    if (p == nullptr) {
      return config_error(name, fmt::format("source_profile '{}' (reached from {}) does not exist",
                                            name, path.empty() ? "?" : path.back()));
    }
    auto role_arn = p->get("role_arn");
    if (!role_arn) return not_available(fmt::format("profile {}", name), "no role_arn");
    if (p->get("mfa_serial")) {
      return config_error(name, fmt::format("profile '{}' sets mfa_serial: MFA-protected roles "
                                            "are not supported by certguard; use a profile "
                                            "whose role does not require MFA, or export "
                                            "temporary credentials obtained with MFA",
                                            name));
    }
    auto source_profile = p->get("source_profile");
    auto credential_src = p->get("credential_source");
    if (source_profile && credential_src) {
      return config_error(name, fmt::format("profile '{}' sets both source_profile and "
                                            "credential_source; keep one",
                                            name));
    }
    if (!source_profile && !credential_src && !p->get("web_identity_token_file")) {
      return config_error(name, fmt::format("profile '{}' has role_arn but neither source_profile "
                                            "nor credential_source",
                                            name));
    }
    if (!source_profile && !credential_src) {
      return not_available(fmt::format("profile {}", name), "role_arn is for web identity");
    }
    path.push_back(name);
    Result<ProviderPtr> source = [&]() -> Result<ProviderPtr> {
      if (credential_src) return credential_source(name, *credential_src);
      const std::string& sp = *source_profile;
      if (sp == name) return source_credentials(*p);
      for (const auto& seen : path) {
        if (seen == sp) {
          std::string chain;
          for (const auto& s : path) chain += s + " -> ";
          return config_error(name, fmt::format("source_profile loop: {}{}", chain, sp));
        }
      }
      const Profile* src = config.shared().find_profile(sp);
      if (src == nullptr) {
        return config_error(name, fmt::format("profile '{}' has source_profile = {}, which does "
                                              "not exist",
                                              name, sp));
      }
      if (src->get("role_arn") && (src->get("source_profile") || src->get("credential_source"))) {
        return role(sp, path);
      }
      return source_credentials(*src);
    }();
    if (!source) return source.error();

    std::optional<std::chrono::seconds> duration;
    if (auto d = p->get("duration_seconds")) {
      char* end = nullptr;
      long v = std::strtol(d->c_str(), &end, 10);
      if (end == d->c_str() || *end != '\0' || v < 900 || v > 43200) {
        return config_error(name, fmt::format("profile '{}' has duration_seconds = {}; it must be "
                                              "a whole number of seconds from 900 to 43200",
                                              name, *d));
      }
      duration = std::chrono::seconds(v);
    }
    auto ep = sts_endpoint(config);
    if (!ep) return ep.error();
    return cached(std::make_shared<AssumeRoleProvider>(
        cached(*source), *role_arn, p->get("role_session_name").value_or(""),
        p->get("external_id").value_or(""), duration, transport, *ep, clock, options.sleeper));
  }
};

ProviderPtr or_error(Result<ProviderPtr> r) {
  if (r.ok()) return *r;
  return std::make_shared<ErrorProvider>(r.error());
}

}  // namespace

Result<std::shared_ptr<CredentialsProvider>> profile_role_provider(const AwsConfig& config,
                                                                   const std::string& profile,
                                                                   HttpTransport& transport,
                                                                   const Clock& clock,
                                                                   const ChainOptions& options) {
  Builder b{config, transport, clock, options};
  return b.role(profile, {});
}

std::vector<ChainLink> default_chain_links(const AwsConfig& config, HttpTransport& transport,
                                           const Clock& clock, const ChainOptions& options) {
  Builder b{config, transport, clock, options};
  std::vector<ChainLink> links;
  const std::string& name = config.profile_name();
  const Profile* profile = config.profile();
  std::string pname = fmt::format("profile {}", name);

  if (options.explicit_keys) {
    Credentials c;
    c.access_key_id = options.explicit_keys->access_key_id;
    c.secret_access_key = options.explicit_keys->secret_access_key;
    c.session_token = options.explicit_keys->session_token;
    links.push_back({"explicit keys", std::make_shared<StaticProvider>(c, "explicit keys")});
  }
  if (!config.profile_from_cli()) {
    links.push_back({"environment", std::make_shared<EnvironmentProvider>(config.env())});
  }
  if (profile != nullptr && profile->get("role_arn")) {
    links.push_back({pname + " (assume role)", or_error(b.role(name, {}))});
  } else {
    links.push_back(
        {pname + " (assume role)", std::make_shared<ErrorProvider>(not_available(
                                       pname, fmt::format("profile '{}' has no role_arn", name)))});
  }
  {
    auto wi = web_identity_config(config.env(), profile);
    ProviderPtr p;
    if (!wi) {
      p = std::make_shared<ErrorProvider>(wi.error());
    } else if (!*wi) {
      p = std::make_shared<ErrorProvider>(
          not_available("web identity",
                        "neither AWS_WEB_IDENTITY_TOKEN_FILE nor the profile's "
                        "web_identity_token_file is set"));
    } else {
      auto ep = sts_endpoint(config);
      p = ep ? ProviderPtr(std::make_shared<WebIdentityProvider>(**wi, transport, *ep, clock))
             : ProviderPtr(std::make_shared<ErrorProvider>(ep.error()));
    }
    links.push_back({"web identity", p});
  }
  if (profile != nullptr) {
    links.push_back({pname + " (static keys)", std::make_shared<ProfileProvider>(*profile)});
  } else {
    links.push_back(
        {pname + " (static keys)",
         std::make_shared<ErrorProvider>(not_available(
             pname, fmt::format("no profile '{}' in {} or {}", name, config.shared().config_path,
                                config.shared().credentials_path)))});
  }
  if (auto cmd = profile != nullptr ? profile->get("credential_process") : std::nullopt) {
    links.push_back({pname + " (credential_process)",
                     std::make_shared<ProcessProvider>(name, *cmd, config.env(), clock,
                                                       options.process_timeout)});
  } else {
    links.push_back({pname + " (credential_process)",
                     std::make_shared<ErrorProvider>(not_available(
                         pname, fmt::format("profile '{}' has no credential_process", name)))});
  }
  links.push_back({"container", std::make_shared<ContainerProvider>(config.env(), transport,
                                                                    options.container)});
  links.push_back({"instance metadata", std::make_shared<ImdsProvider>(config.env(), transport)});
  return links;
}

std::shared_ptr<CredentialsProvider> make_default_chain(const AwsConfig& config,
                                                        HttpTransport& transport,
                                                        const Clock& clock,
                                                        const ChainOptions& options) {
  auto chain =
      std::make_shared<ChainProvider>(default_chain_links(config, transport, clock, options));
  return std::make_shared<CachingProvider>(chain, clock, options.refresh_window);
}

}  // namespace certguard::aws
