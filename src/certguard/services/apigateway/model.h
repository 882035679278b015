#pragma once

// API Gateway (REST APIs, v1) shapes certguard reads and writes, named after
// botocore's apigateway 2015-07-09 model (members in snake_case). Only the members the
// scanner and remediation use are kept; everything else on the wire is ignored.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "certguard/core/clock.h"

namespace certguard::services::apigateway {

using Tags = std::map<std::string, std::string>;
using Timestamp = std::optional<WallTime>;

struct EndpointConfiguration {
  std::vector<std::string> types;  // EDGE | REGIONAL | PRIVATE
  std::string ip_address_type;
  std::vector<std::string> vpc_endpoint_ids;
};

struct RestApi {
  std::string id;
  std::string name;
  std::string description;
  Timestamp created_date;
  std::string version;
  std::string api_key_source;
  EndpointConfiguration endpoint_configuration;
  std::string policy;
  Tags tags;
  bool disable_execute_api_endpoint = false;
  std::string root_resource_id;
};

struct AccessLogSettings {
  std::string format;
  std::string destination_arn;
};

struct Stage {
  std::string deployment_id;
  std::string client_certificate_id;  // empty: none attached
  std::string stage_name;
  std::string description;
  bool cache_cluster_enabled = false;
  std::string cache_cluster_size;
  std::string cache_cluster_status;
  std::map<std::string, std::string> variables;
  std::string documentation_version;
  AccessLogSettings access_log_settings;
  bool tracing_enabled = false;
  std::string web_acl_arn;
  Tags tags;
  Timestamp created_date;
  Timestamp last_updated_date;
};

struct Deployment {
  std::string id;
  std::string description;
  Timestamp created_date;
};

struct ClientCertificate {
  std::string client_certificate_id;
  std::string description;
  std::string pem_encoded_certificate;
  Timestamp created_date;
  Timestamp expiration_date;
  Tags tags;
};

struct MutualTlsAuthentication {
  std::string truststore_uri;
  std::string truststore_version;
  std::vector<std::string> truststore_warnings;
};

struct DomainName {
  std::string domain_name;
  std::string domain_name_id;
  std::string domain_name_arn;
  std::string certificate_name;
  std::string certificate_arn;  // edge-optimized
  Timestamp certificate_upload_date;
  std::string regional_domain_name;
  std::string regional_hosted_zone_id;
  std::string regional_certificate_name;
  std::string regional_certificate_arn;  // regional
  std::string distribution_domain_name;
  std::string distribution_hosted_zone_id;
  EndpointConfiguration endpoint_configuration;
  std::string domain_name_status;
  std::string domain_name_status_message;
  std::string security_policy;
  Tags tags;
  MutualTlsAuthentication mutual_tls_authentication;  // callers' mTLS, not backend auth
  std::string ownership_verification_certificate_arn;
};

struct Integration {
  std::string type;  // HTTP | AWS | MOCK | HTTP_PROXY | AWS_PROXY
  std::string http_method;
  std::string uri;
  std::string connection_type;  // INTERNET | VPC_LINK
  std::string connection_id;
  std::int64_t timeout_in_millis = 0;
  bool tls_insecure_skip_verification = false;
};

struct Method {
  std::string http_method;
  std::string authorization_type;  // NONE | AWS_IAM | CUSTOM | COGNITO_USER_POOLS
  bool api_key_required = false;
  std::string authorizer_id;                      // CUSTOM / COGNITO_USER_POOLS only
  std::optional<Integration> method_integration;  // present with embed=methods
};

struct Resource {
  std::string id;
  std::string parent_id;
  std::string path_part;
  std::string path;
  std::map<std::string, Method> resource_methods;  // keyed by HTTP method
};

// A JSON Patch operation; value is always a string on the wire.
struct PatchOperation {
  std::string op;  // add | remove | replace | move | copy | test
  std::string path;
  std::optional<std::string> value;
  std::optional<std::string> from;
};

// One page of a paginated list; position empty at the end.
template <typename T>
struct Page {
  std::vector<T> items;
  std::string position;
};

}  // namespace certguard::services::apigateway
