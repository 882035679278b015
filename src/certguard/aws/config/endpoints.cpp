#include "certguard/aws/config/endpoints.h"

#include <fmt/format.h>

#include <array>

#include "certguard/aws/config/partitions.h"
#include "certguard/aws/config/strings.h"

namespace certguard::aws {
namespace {

constexpr std::array<ServiceInfo, 5> kServices = {{
    {ServiceId::kApiGateway, "API Gateway", "API_GATEWAY", "api_gateway", "apigateway",
     "apigateway"},
    {ServiceId::kAcm, "ACM", "ACM", "acm", "acm", "acm"},
    {ServiceId::kSts, "STS", "STS", "sts", "sts", "sts"},
    {ServiceId::kOrganizations, "Organizations", "ORGANIZATIONS", "organizations", "organizations",
     "organizations"},
    {ServiceId::kEc2, "EC2", "EC2", "ec2", "ec2", "ec2"},
}};

// botocore args.py LEGACY_GLOBAL_STS_REGIONS: with sts_regional_endpoints=legacy these
// regions use https://sts.amazonaws.com; every other region stays regional.
constexpr std::array<std::string_view, 16> kLegacyGlobalStsRegions = {
    "ap-northeast-1", "ap-south-1",   "ap-southeast-1", "ap-southeast-2",
    "aws-global",     "ca-central-1", "eu-central-1",   "eu-north-1",
    "eu-west-1",      "eu-west-2",    "eu-west-3",      "sa-east-1",
    "us-east-1",      "us-east-2",    "us-west-1",      "us-west-2",
};

bool is_legacy_global_sts_region(std::string_view region) {
  for (auto r : kLegacyGlobalStsRegions) {
    if (r == region) return true;
  }
  return false;
}

Error endpoint_error(std::string message, std::string_view resource) {
  Error e = make_error(ErrorKind::kConfig, std::move(message));
  e.operation = "ResolveEndpoint";
  e.resource = resource;
  return e;
}

// Checks the scheme and drops a trailing '/', keeping any path prefix.
Result<std::string> normalize_url(std::string_view url, std::string_view source) {
  std::string_view t = trim(url);
  std::string lower = to_lower(t);
  bool http = lower.starts_with("http://");
  bool https = lower.starts_with("https://");
  std::size_t host_start = http ? 7 : (https ? 8 : 0);
  if (host_start == 0 || t.size() <= host_start || t[host_start] == '/') {
    return endpoint_error(
        fmt::format("endpoint URL '{}' from {} is not an http:// or https:// URL with a host; "
                    "fix it (for example https://apigateway.us-east-1.amazonaws.com)",
                    t, source),
        std::string(source));
  }
  std::string out(t);
  while (out.size() > host_start + 1 && out.back() == '/') out.pop_back();
  return out;
}

Result<bool> sts_legacy_mode(const EndpointInputs& in) {
  std::optional<std::string> v = in.env->get("AWS_STS_REGIONAL_ENDPOINTS");
  std::string source = "AWS_STS_REGIONAL_ENDPOINTS";
  if (!v && in.profile != nullptr) {
    v = in.profile->get("sts_regional_endpoints");
    source = fmt::format("sts_regional_endpoints in profile {}", in.profile->name);
  }
  if (!v) return false;
  std::string lower = to_lower(trim(*v));
  if (lower == "legacy") return true;
  if (lower == "regional") return false;
  return endpoint_error(fmt::format("{} is '{}'; it must be 'legacy' or 'regional'", source, *v),
                        source);
}

bool ignore_configured(const EndpointInputs& in) {
  if (auto v = in.env->get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
    return iequals(trim(*v), "true");
  }
  if (in.profile != nullptr) {
    if (auto v = in.profile->get("ignore_configured_endpoint_urls")) {
      return iequals(trim(*v), "true");
    }
  }
  return false;
}

// Steps 2-5; nullopt when none applies.
std::optional<std::pair<std::string, std::string>> configured_url(const ServiceInfo& info,
                                                                  const EndpointInputs& in) {
  std::string var = fmt::format("AWS_ENDPOINT_URL_{}", info.env_suffix);
  if (auto v = in.env->get(var)) return std::pair{*v, var};
  if (auto v = in.env->get("AWS_ENDPOINT_URL"))
    return std::pair{*v, std::string("AWS_ENDPOINT_URL")};
  if (in.profile == nullptr) return std::nullopt;
  if (auto services_name = in.profile->get("services"); services_name && in.shared != nullptr) {
    if (const IniSection* s = in.shared->find_services(*services_name)) {
      auto block = s->nested.find(std::string(info.config_key));
      if (block != s->nested.end()) {
        auto url = block->second.find("endpoint_url");
        if (url != block->second.end() && !url->second.empty()) {
          return std::pair{url->second, fmt::format("[services {}] {} in {}", *services_name,
                                                    info.config_key, in.shared->config_path)};
        }
      }
    }
  }
  if (auto v = in.profile->get("endpoint_url")) {
    return std::pair{*v, fmt::format("endpoint_url in profile {}", in.profile->name)};
  }
  return std::nullopt;
}

}  // namespace

const ServiceInfo& service_info(ServiceId id) {
  for (const auto& s : kServices) {
    if (s.id == id) return s;
  }
  return kServices[0];  // unreachable: every enumerator is in the table
}

bool is_valid_region_name(std::string_view region) {
  if (region.empty() || region.size() > 63) return false;
  if (region.front() == '-' || region.back() == '-') return false;
  for (char c : region) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

Endpoint default_endpoint(ServiceId service, std::string_view region, bool sts_legacy) {
  const ServiceInfo& info = service_info(service);
  if (service == ServiceId::kSts && region == "aws-global") {
    return {"https://sts.amazonaws.com", "us-east-1", "sts", "default"};
  }
  const Partition& part = partition_for_region(region);
  if (service == ServiceId::kSts && sts_legacy && part.id == "aws" &&
      is_legacy_global_sts_region(region)) {
    return {"https://sts.amazonaws.com", "us-east-1", "sts", "default (sts legacy global)"};
  }
  if (service == ServiceId::kOrganizations) {
    // Global service: one endpoint per partition, signed for that partition's home region.
    return {fmt::format("https://organizations.{}.{}", part.organizations_region, part.dns_suffix),
            std::string(part.organizations_region), std::string(info.signing_name), "default"};
  }
  return {fmt::format("https://{}.{}.{}", info.host_prefix, region, part.dns_suffix),
          std::string(region), std::string(info.signing_name), "default"};
}

Result<Endpoint> resolve_endpoint(ServiceId service, std::string_view region,
                                  const EndpointInputs& in) {
  const ServiceInfo& info = service_info(service);
  if (!is_valid_region_name(region)) {
    return endpoint_error(
        fmt::format("region '{}' is not a valid region name (letters, digits and '-' only)",
                    region),
        region);
  }
  if (in.explicit_url) {
    auto url = normalize_url(*in.explicit_url, "--endpoint-url");
    if (!url) return url.error();
    return Endpoint{*url, std::string(region), std::string(info.signing_name), "--endpoint-url"};
  }
  if (in.env != nullptr && !ignore_configured(in)) {
    if (auto configured = configured_url(info, in)) {
      auto url = normalize_url(configured->first, configured->second);
      if (!url) return url.error();
      // A configured endpoint is signed for the client's region, as botocore does.
      return Endpoint{*url, std::string(region), std::string(info.signing_name),
                      configured->second};
    }
  }
  bool legacy = false;
  if (service == ServiceId::kSts && in.env != nullptr) {
    auto mode = sts_legacy_mode(in);
    if (!mode) return mode.error();
    legacy = *mode;
  }
  return default_endpoint(service, region, legacy);
}

}  // namespace certguard::aws
