// CreateDomainName (checks the ACM certificate: it must exist, EDGE in us-east-1 and
// REGIONAL in the request's region, and be ISSUED), GetDomainNames, GetDomainName.

#include <fmt/format.h>

#include "sim/apigateway/keys.h"
#include "sim/apigateway/ops.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

namespace {

inventory::AcmCertificate* find_acm(inventory::Region& region, std::string_view arn) {
  for (auto& cert : region.acm_certificates) {
    if (cert.arn == arn) return &cert;
  }
  return nullptr;
}
}  // namespace

SimResponse create_domain_name(Context& c) {
  std::string error;
  auto name = get_string(c.body, "domainName", error);
  auto certificate_arn = get_string(c.body, "certificateArn", error);
  auto regional_arn = get_string(c.body, "regionalCertificateArn", error);
  auto tags = get_string_map(c.body, "tags", error);
  if (!error.empty()) return bad_request(c, error);
  if (!name || name->empty()) return bad_request(c, "Invalid domain name specified");
  std::string type = "EDGE";
  if (c.body.contains("endpointConfiguration")) {
    const auto& t = c.body["endpointConfiguration"].value("types", nlohmann::json::array());
    if (!t.is_array() || t.size() != 1 || !t[0].is_string()) {
      return bad_request(c, "Exactly one endpoint type must be specified");
    }
    type = t[0].get<std::string>();
    if (type != "EDGE" && type != "REGIONAL") {
      return bad_request(c, fmt::format("Invalid endpoint type for a domain name: {}", type));
    }
  }
  if (find_sorted(c.region.domain_names, *name, domain_key) != nullptr) {
    return conflict(c, "The domain name you provided already exists.");
  }
  const bool edge = type == "EDGE";
  const std::string arn = edge ? certificate_arn.value_or("") : regional_arn.value_or("");
  if (arn.empty()) {
    return bad_request(c, edge ? "A certificate ARN (certificateArn) is required for an EDGE "
                                 "domain name"
                               : "A regional certificate ARN (regionalCertificateArn) is "
                                 "required for a REGIONAL domain name");
  }
  // Edge domains use certificates from us-east-1 (CloudFront); regional ones from here.
  const std::string cert_region = edge ? "us-east-1" : c.region.name;
  const std::string region_name = c.region.name;
  inventory::Region* acm_region = c.world.region(c.request.account_id, cert_region);
  // world.region() may have added a region and moved c.region: look ours up again.
  inventory::Region* here = c.world.region(c.request.account_id, region_name);
  inventory::AcmCertificate* cert = acm_region == nullptr ? nullptr : find_acm(*acm_region, arn);
  if (cert == nullptr) {
    return bad_request(c, fmt::format("Invalid certificate ARN: {}. Certificate must be in '{}'.",
                                      arn, cert_region));
  }
  if (cert->status != "ISSUED") {
    // AWS's wording for a certificate still pending validation (or in any other state).
    return bad_request(
        c, fmt::format("Certificate {} in account {} not yet issued", arn, c.request.account_id));
  }
  cert->in_use = true;
  inventory::DomainName domain;
  domain.domain_name = *name;
  domain.endpoint_types = {type};
  (edge ? domain.certificate_arn : domain.regional_certificate_arn) = arn;
  domain.certificate_upload_date = c.world.now();
  domain.status = "AVAILABLE";
  domain.tags = std::move(tags);
  auto& stored = insert_sorted(here->domain_names, std::move(domain), domain_key);
  return created(c, domain_name_json(stored, region_name));
}

SimResponse get_domain_names(Context& c) {
  Page page;
  if (auto err = paginate(c, c.region.domain_names, domain_key, page)) return *err;
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    items.push_back(domain_name_json(c.region.domain_names[i], c.region.name));
  }
  nlohmann::json body{{"item", std::move(items)}};
  if (!page.next_position.empty()) body["position"] = page.next_position;
  return ok(c, body);
}

SimResponse get_domain_name(Context& c) {
  auto* domain = find_sorted(c.region.domain_names, c.labels[0], domain_key);
  if (domain == nullptr) return not_found(c, "Invalid domain name identifier specified");
  return ok(c, domain_name_json(*domain, c.region.name));
}

}  // namespace certguard::sim::apigw
