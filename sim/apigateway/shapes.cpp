// The JSON shapes of API Gateway's responses (botocore apigateway model; plain JSON,
// not HAL; epoch-second timestamps as numbers).

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "sim/apigateway/context.h"

namespace certguard::sim::apigw {

namespace {
// Stable, process-independent hash (FNV-1a) for names AWS derives from an id.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string base36(std::uint64_t value, std::size_t length) {
  static constexpr std::string_view kAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    out += kAlphabet[value % 36];
    value /= 36;
  }
  return out;
}

nlohmann::json endpoint_configuration(const std::vector<std::string>& types) {
  return {{"types", types}, {"ipAddressType", "ipv4"}};
}
}  // namespace

nlohmann::json rest_api_json(const inventory::RestApi& api, std::string_view /*region*/) {
  nlohmann::json j{{"id", api.id}, {"name", api.name}, {"createdDate", api.created_date}};
  if (!api.description.empty()) j["description"] = api.description;
  j["apiKeySource"] = "HEADER";
  std::vector<std::string> types = api.endpoint_types;
  if (types.empty()) types.emplace_back("EDGE");
  j["endpointConfiguration"] = endpoint_configuration(types);
  j["disableExecuteApiEndpoint"] = false;
  for (const auto& resource : api.resources) {
    if (resource.path == "/") j["rootResourceId"] = resource.id;
  }
  if (!api.tags.empty()) j["tags"] = api.tags;
  return j;
}

nlohmann::json stage_json(const inventory::Stage& stage) {
  nlohmann::json j{{"deploymentId", stage.deployment_id}, {"stageName", stage.stage_name}};
  if (!stage.client_certificate_id.empty()) j["clientCertificateId"] = stage.client_certificate_id;
  if (!stage.description.empty()) j["description"] = stage.description;
  j["cacheClusterEnabled"] = false;
  j["cacheClusterStatus"] = "NOT_AVAILABLE";
  j["methodSettings"] = nlohmann::json::object();
  if (!stage.variables.empty()) j["variables"] = stage.variables;
  j["tracingEnabled"] = stage.tracing_enabled;
  if (!stage.tags.empty()) j["tags"] = stage.tags;
  j["createdDate"] = stage.created_date;
  j["lastUpdatedDate"] =
      stage.last_updated_date != 0 ? stage.last_updated_date : stage.created_date;
  return j;
}

nlohmann::json deployment_json(const inventory::Deployment& deployment) {
  nlohmann::json j{{"id", deployment.id}, {"createdDate", deployment.created_date}};
  if (!deployment.description.empty()) j["description"] = deployment.description;
  return j;
}

nlohmann::json client_certificate_json(const inventory::ClientCertificate& cert) {
  nlohmann::json j{{"clientCertificateId", cert.id}};
  if (!cert.description.empty()) j["description"] = cert.description;
  j["pemEncodedCertificate"] = cert.pem;
  j["createdDate"] = cert.created_date;
  j["expirationDate"] = cert.expiration_date;
  if (!cert.tags.empty()) j["tags"] = cert.tags;
  return j;
}

nlohmann::json domain_name_json(const inventory::DomainName& domain, std::string_view region) {
  std::vector<std::string> types = domain.endpoint_types;
  if (types.empty()) {
    types.emplace_back(domain.regional_certificate_arn.empty() ? "EDGE" : "REGIONAL");
  }
  std::uint64_t h = fnv1a(domain.domain_name);
  nlohmann::json j{{"domainName", domain.domain_name}};
  bool edge = std::find(types.begin(), types.end(), "EDGE") != types.end();
  if (edge) {
    if (!domain.certificate_arn.empty()) j["certificateArn"] = domain.certificate_arn;
    j["distributionDomainName"] = fmt::format("d{}.cloudfront.net", base36(h, 13));
    j["distributionHostedZoneId"] = "Z2FDTNDATAQYW2";
  } else {
    if (!domain.regional_certificate_arn.empty()) {
      j["regionalCertificateArn"] = domain.regional_certificate_arn;
    }
    j["regionalDomainName"] =
        fmt::format("d-{}.execute-api.{}.amazonaws.com", base36(h, 10), region);
    j["regionalHostedZoneId"] = "Z1UJRXOUMOOFQ8";
  }
  if (domain.certificate_upload_date != 0) {
    j["certificateUploadDate"] = domain.certificate_upload_date;
  }
  j["endpointConfiguration"] = endpoint_configuration(types);
  j["domainNameStatus"] = domain.status.empty() ? "AVAILABLE" : domain.status;
  j["securityPolicy"] = "TLS_1_2";
  if (!domain.tags.empty()) j["tags"] = domain.tags;
  return j;
}

nlohmann::json integration_json(const inventory::MethodIntegration& method) {
  nlohmann::json j{{"type", method.integration_type}};
  if (method.integration_type != "MOCK") {
    bool aws = method.integration_type == "AWS" || method.integration_type == "AWS_PROXY";
    j["httpMethod"] = aws ? "POST" : (method.http_method == "ANY" ? "GET" : method.http_method);
  }
  if (!method.uri.empty()) j["uri"] = method.uri;
  j["connectionType"] = method.connection_type.empty() ? "INTERNET" : method.connection_type;
  j["passthroughBehavior"] = "WHEN_NO_MATCH";
  j["timeoutInMillis"] = 29000;
  j["cacheKeyParameters"] = nlohmann::json::array();
  return j;
}

nlohmann::json method_json(const inventory::MethodIntegration& method, bool with_integration) {
  nlohmann::json j{
      {"httpMethod", method.http_method},
      {"authorizationType",
       method.authorization_type.empty() ? std::string("NONE") : method.authorization_type}};
  if (!method.authorizer_id.empty()) j["authorizerId"] = method.authorizer_id;
  j["apiKeyRequired"] = method.api_key_required;
  if (with_integration && !method.integration_type.empty()) {
    j["methodIntegration"] = integration_json(method);
  }
  return j;
}

nlohmann::json resource_json(const inventory::Resource& resource, bool embed_methods) {
  nlohmann::json j{{"id", resource.id}};
  if (!resource.parent_id.empty()) j["parentId"] = resource.parent_id;
  if (resource.path != "/") {
    std::size_t slash = resource.path.rfind('/');
    j["pathPart"] = resource.path.substr(slash + 1);
  }
  j["path"] = resource.path;
  if (!resource.methods.empty()) {
    nlohmann::json methods = nlohmann::json::object();
    for (const auto& method : resource.methods) {
      methods[method.http_method] =
          embed_methods ? method_json(method, true) : nlohmann::json::object();
    }
    j["resourceMethods"] = std::move(methods);
  }
  return j;
}

}  // namespace certguard::sim::apigw
