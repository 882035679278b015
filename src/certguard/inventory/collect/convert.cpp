#include "certguard/inventory/collect/convert.h"

#include <chrono>

namespace certguard::inventory {

namespace ag = services::apigateway;

EpochSeconds to_epoch(const std::optional<WallTime>& time) {
  if (!time) return 0;
  return std::chrono::duration_cast<std::chrono::seconds>(time->time_since_epoch()).count();
}

RestApi to_estate(const ag::RestApi& api) {
  RestApi out;
  out.id = api.id;
  out.name = api.name;
  out.description = api.description;
  out.endpoint_types = api.endpoint_configuration.types;
  out.created_date = to_epoch(api.created_date);
  out.tags = api.tags;
  return out;
}

Stage to_estate(const ag::Stage& stage) {
  Stage out;
  out.stage_name = stage.stage_name;
  out.deployment_id = stage.deployment_id;
  out.client_certificate_id = stage.client_certificate_id;
  out.description = stage.description;
  out.tracing_enabled = stage.tracing_enabled;
  out.variables = stage.variables;
  out.tags = stage.tags;
  out.created_date = to_epoch(stage.created_date);
  out.last_updated_date = to_epoch(stage.last_updated_date);
  return out;
}

ClientCertificate to_estate(const ag::ClientCertificate& cert) {
  ClientCertificate out;
  out.id = cert.client_certificate_id;
  out.description = cert.description;
  out.pem = cert.pem_encoded_certificate;
  out.created_date = to_epoch(cert.created_date);
  out.expiration_date = to_epoch(cert.expiration_date);
  out.tags = cert.tags;
  return out;
}

DomainName to_estate(const ag::DomainName& domain) {
  DomainName out;
  out.domain_name = domain.domain_name;
  out.endpoint_types = domain.endpoint_configuration.types;
  out.certificate_arn = domain.certificate_arn;
  out.regional_certificate_arn = domain.regional_certificate_arn;
  out.certificate_upload_date = to_epoch(domain.certificate_upload_date);
  out.status = domain.domain_name_status;
  out.tags = domain.tags;
  return out;
}

Resource to_estate(const ag::Resource& resource) {
  Resource out;
  out.id = resource.id;
  out.parent_id = resource.parent_id;
  out.path = resource.path;
  for (const auto& [method_name, method] : resource.resource_methods) {
    MethodIntegration m;
    m.http_method = method.http_method.empty() ? method_name : method.http_method;
    m.authorization_type = method.authorization_type;
    m.api_key_required = method.api_key_required;
    m.authorizer_id = method.authorizer_id;
    if (method.method_integration) {
      m.integration_type = method.method_integration->type;
      m.uri = method.method_integration->uri;
      m.connection_type = method.method_integration->connection_type;
    }
    out.methods.push_back(std::move(m));
  }
  return out;
}

AcmCertificate to_estate(const services::acm::CertificateSummary& summary) {
  AcmCertificate c;
  c.arn = summary.certificate_arn;
  c.domain_name = summary.domain_name;
  c.status = summary.status;
  c.type = summary.type;
  c.key_algorithm = summary.key_algorithm;
  c.not_before = to_epoch(summary.not_before);
  c.not_after = to_epoch(summary.not_after);
  c.created_at = to_epoch(summary.created_at);
  c.imported_at = to_epoch(summary.imported_at);
  c.in_use = summary.in_use;
  return c;
}

}  // namespace certguard::inventory
