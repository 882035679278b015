#pragma once

// Endpoint resolution for the services certguard calls, following the SDKs' configured
// endpoint rules (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
//   1. the explicit --endpoint-url
//   2. AWS_ENDPOINT_URL_<SERVICE>   (e.g. AWS_ENDPOINT_URL_API_GATEWAY)
//   3. AWS_ENDPOINT_URL
//   4. the profile's `services = NAME` -> [services NAME] -> `<config_key> =\n endpoint_url = ...`
//   5. the profile's `endpoint_url`
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true or profile ignore_configured_endpoint_urls=true
// turns off 2-5 (never 1). Otherwise the partition's default endpoint is used.

#include <optional>
#include <string>
#include <string_view>

#include "certguard/aws/config/environment.h"
#include "certguard/aws/config/shared_config.h"
#include "certguard/core/result.h"

namespace certguard::aws {

enum class ServiceId { kApiGateway, kAcm, kSts, kOrganizations, kEc2 };

struct ServiceInfo {
  ServiceId id;
  std::string_view service_id;    // botocore serviceId: "API Gateway"
  std::string_view env_suffix;    // AWS_ENDPOINT_URL_<env_suffix>: "API_GATEWAY"
  std::string_view config_key;    // key in [services x]: "api_gateway"
  std::string_view signing_name;  // SigV4 service name: "apigateway"
  std::string_view host_prefix;   // first DNS label of the default endpoint
};

const ServiceInfo& service_info(ServiceId id);

struct Endpoint {
  std::string url;             // scheme://host[:port][/prefix], no trailing '/'
  std::string signing_region;  // SigV4 scope region (us-east-1 for global endpoints)
  std::string signing_name;    // SigV4 scope service
  std::string source;  // what chose it: "default", "--endpoint-url", "AWS_ENDPOINT_URL_STS",
                       // "[services x] in <file>", "profile p endpoint_url"
};

struct EndpointInputs {
  std::optional<std::string> explicit_url;  // --endpoint-url
  const Environment* env = nullptr;         // required
  const Profile* profile = nullptr;         // the active profile, if it has a section
  const SharedConfig* shared = nullptr;     // for [services x] lookups; may be null
};

// The partition default for `service` in `region`, ignoring every configured URL.
// `sts_legacy` selects the global STS endpoint for the legacy regions (aws partition).
Endpoint default_endpoint(ServiceId service, std::string_view region, bool sts_legacy);

// Resolves the endpoint as described above. Errors (kConfig) for a configured URL that is not
// http(s)://..., an invalid region name, or a bad sts_regional_endpoints value.
Result<Endpoint> resolve_endpoint(ServiceId service, std::string_view region,
                                  const EndpointInputs& in);

// True when `region` is a valid DNS label (letters, digits, '-'), so it can go into a host.
bool is_valid_region_name(std::string_view region);

}  // namespace certguard::aws
