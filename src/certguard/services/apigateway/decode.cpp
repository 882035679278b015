#include "certguard/services/apigateway/decode.h"

#include <string>

#include "certguard/aws/client/json_read.h"

namespace certguard::services::apigateway {
namespace {

using aws::JsonView;

EndpointConfiguration read_endpoint_configuration(const JsonView& v) {
  return {.types = v.strings("types"),
          .ip_address_type = v.string("ipAddressType"),
          .vpc_endpoint_ids = v.strings("vpcEndpointIds")};
}

RestApi read_rest_api(const JsonView& v) {
  RestApi api;
  api.id = v.string("id");
  api.name = v.string("name");
  api.description = v.string("description");
  api.created_date = v.timestamp("createdDate");
  api.version = v.string("version");
  api.api_key_source = v.string("apiKeySource");
  api.endpoint_configuration = read_endpoint_configuration(v.object("endpointConfiguration"));
  api.policy = v.string("policy");
  api.tags = v.string_map("tags");
  api.disable_execute_api_endpoint = v.boolean("disableExecuteApiEndpoint");
  api.root_resource_id = v.string("rootResourceId");
  return api;
}

Stage read_stage(const JsonView& v) {
  Stage s;
  s.deployment_id = v.string("deploymentId");
  s.client_certificate_id = v.string("clientCertificateId");
  s.stage_name = v.string("stageName");
  s.description = v.string("description");
  s.cache_cluster_enabled = v.boolean("cacheClusterEnabled");
  s.cache_cluster_size = v.string("cacheClusterSize");
  s.cache_cluster_status = v.string("cacheClusterStatus");
  s.variables = v.string_map("variables");
  s.documentation_version = v.string("documentationVersion");
  JsonView logs = v.object("accessLogSettings");
  s.access_log_settings = {.format = logs.string("format"),
                           .destination_arn = logs.string("destinationArn")};
  s.tracing_enabled = v.boolean("tracingEnabled");
  s.web_acl_arn = v.string("webAclArn");
  s.tags = v.string_map("tags");
  s.created_date = v.timestamp("createdDate");
  s.last_updated_date = v.timestamp("lastUpdatedDate");
  return s;
}

ClientCertificate read_client_certificate(const JsonView& v) {
  ClientCertificate c;
  c.client_certificate_id = v.string("clientCertificateId");
  c.description = v.string("description");
  c.pem_encoded_certificate = v.string("pemEncodedCertificate");
  c.created_date = v.timestamp("createdDate");
  c.expiration_date = v.timestamp("expirationDate");
  c.tags = v.string_map("tags");
  return c;
}

DomainName read_domain_name(const JsonView& v) {
  DomainName d;
  d.domain_name = v.string("domainName");
  d.domain_name_id = v.string("domainNameId");
  d.domain_name_arn = v.string("domainNameArn");
  d.certificate_name = v.string("certificateName");
  d.certificate_arn = v.string("certificateArn");
  d.certificate_upload_date = v.timestamp("certificateUploadDate");
  d.regional_domain_name = v.string("regionalDomainName");
  d.regional_hosted_zone_id = v.string("regionalHostedZoneId");
  d.regional_certificate_name = v.string("regionalCertificateName");
  d.regional_certificate_arn = v.string("regionalCertificateArn");
  d.distribution_domain_name = v.string("distributionDomainName");
  d.distribution_hosted_zone_id = v.string("distributionHostedZoneId");
  d.endpoint_configuration = read_endpoint_configuration(v.object("endpointConfiguration"));
  d.domain_name_status = v.string("domainNameStatus");
  d.domain_name_status_message = v.string("domainNameStatusMessage");
  d.security_policy = v.string("securityPolicy");
  d.tags = v.string_map("tags");
  JsonView mtls = v.object("mutualTlsAuthentication");
  d.mutual_tls_authentication = {.truststore_uri = mtls.string("truststoreUri"),
                                 .truststore_version = mtls.string("truststoreVersion"),
                                 .truststore_warnings = mtls.strings("truststoreWarnings")};
  d.ownership_verification_certificate_arn = v.string("ownershipVerificationCertificateArn");
  return d;
}

Integration read_integration(const JsonView& v) {
  Integration i;
  i.type = v.string("type");
  i.http_method = v.string("httpMethod");
  i.uri = v.string("uri");
  i.connection_type = v.string("connectionType");
  i.connection_id = v.string("connectionId");
  i.timeout_in_millis = v.integer("timeoutInMillis");
  i.tls_insecure_skip_verification = v.object("tlsConfig").boolean("insecureSkipVerification");
  return i;
}

Resource read_resource(const JsonView& v) {
  Resource r;
  r.id = v.string("id");
  r.parent_id = v.string("parentId");
  r.path_part = v.string("pathPart");
  r.path = v.string("path");
  for (const auto& [verb, m] : v.object_map("resourceMethods")) {
    Method method;
    method.http_method = m.string("httpMethod");
    if (method.http_method.empty()) method.http_method = verb;
    method.authorization_type = m.string("authorizationType");
    method.api_key_required = m.boolean("apiKeyRequired");
    method.authorizer_id = m.string("authorizerId");
    if (m.has("methodIntegration")) {
      method.method_integration = read_integration(m.object("methodIntegration"));
    }
    r.resource_methods.emplace(verb, std::move(method));
  }
  return r;
}

// Decodes a body into T with `read`, turning any recorded problem into a kParse error.
template <typename T, typename Read>
Result<T> decode_one(std::string_view body, std::string_view operation, Read read) {
  auto json = aws::parse_json_object(body, operation);
  if (!json.ok()) return json.error();
  std::string problem;
  T value = read(JsonView(&*json, "", &problem));
  if (!problem.empty()) return aws::parse_error(operation, problem);
  return value;
}

template <typename T, typename Read>
Result<Page<T>> decode_page(std::string_view body, std::string_view operation, Read read) {
  return decode_one<Page<T>>(body, operation, [&read](const JsonView& v) {
    Page<T> page;
    for (const auto& item : v.objects("item")) page.items.push_back(read(item));
    page.position = v.string("position");
    return page;
  });
}

}  // namespace

Result<Page<RestApi>> decode_get_rest_apis(std::string_view body) {
  return decode_page<RestApi>(body, "GetRestApis", read_rest_api);
}

Result<RestApi> decode_get_rest_api(std::string_view body) {
  return decode_one<RestApi>(body, "GetRestApi", read_rest_api);
}

Result<std::vector<Stage>> decode_get_stages(std::string_view body) {
  return decode_one<std::vector<Stage>>(body, "GetStages", [](const JsonView& v) {
    std::vector<Stage> stages;
    for (const auto& item : v.objects("item")) stages.push_back(read_stage(item));
    return stages;
  });
}

Result<Stage> decode_stage(std::string_view body, std::string_view operation) {
  return decode_one<Stage>(body, operation, read_stage);
}

Result<Deployment> decode_create_deployment(std::string_view body) {
  return decode_one<Deployment>(body, "CreateDeployment", [](const JsonView& v) {
    return Deployment{.id = v.string("id"),
                      .description = v.string("description"),
                      .created_date = v.timestamp("createdDate")};
  });
}

Result<Page<ClientCertificate>> decode_get_client_certificates(std::string_view body) {
  return decode_page<ClientCertificate>(body, "GetClientCertificates", read_client_certificate);
}

Result<ClientCertificate> decode_client_certificate(std::string_view body,
                                                    std::string_view operation) {
  return decode_one<ClientCertificate>(body, operation, read_client_certificate);
}

Result<Page<DomainName>> decode_get_domain_names(std::string_view body) {
  return decode_page<DomainName>(body, "GetDomainNames", read_domain_name);
}

Result<Page<Resource>> decode_get_resources(std::string_view body) {
  return decode_page<Resource>(body, "GetResources", read_resource);
}

Result<Tags> decode_get_tags(std::string_view body) {
  return decode_one<Tags>(body, "GetTags", [](const JsonView& v) { return v.string_map("tags"); });
}

}  // namespace certguard::services::apigateway
