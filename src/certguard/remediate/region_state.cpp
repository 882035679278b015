#include "certguard/remediate/region_state.h"

#include "certguard/inventory/collect/convert.h"

namespace certguard::remediate {

namespace ag = services::apigateway;

Task<Result<inventory::Region>> read_region(ag::ApiGatewayClient* client,
                                            std::string_view region_name, bool with_resources) {
  inventory::Region region;
  region.name = std::string(region_name);
  auto apis = co_await client->get_all_rest_apis();
  if (!apis.ok()) co_return apis.error();
  for (const auto& api : *apis) {
    inventory::RestApi out = inventory::to_estate(api);
    ag::GetStagesRequest stages_req;
    stages_req.rest_api_id = api.id;
    auto stages = co_await client->get_stages(stages_req);
    if (!stages.ok()) co_return stages.error();
    for (const auto& s : *stages) out.stages.push_back(inventory::to_estate(s));
    if (with_resources) {
      auto resources = co_await client->get_all_resources(api.id);
      if (!resources.ok()) co_return resources.error();
      for (const auto& r : *resources) out.resources.push_back(inventory::to_estate(r));
    } else {
      out.resources_known = false;
    }
    region.rest_apis.push_back(std::move(out));
  }
  auto certs = co_await client->get_all_client_certificates();
  if (!certs.ok()) co_return certs.error();
  for (const auto& c : *certs) region.client_certificates.push_back(inventory::to_estate(c));
  co_return region;
}

const inventory::ClientCertificate* find_certificate(const inventory::Region& region,
                                                     const std::string& id) {
  for (const auto& c : region.client_certificates) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const inventory::Stage* find_stage(const inventory::Region& region, const std::string& api_id,
                                   const std::string& stage_name) {
  for (const auto& api : region.rest_apis) {
    if (api.id != api_id) continue;
    for (const auto& s : api.stages) {
      if (s.stage_name == stage_name) return &s;
    }
  }
  return nullptr;
}

std::vector<std::string> stages_referencing(const inventory::Region& region,
                                            const std::string& certificate_id) {
  std::vector<std::string> out;
  if (certificate_id.empty()) return out;
  for (const auto& api : region.rest_apis) {
    for (const auto& s : api.stages) {
      if (s.client_certificate_id == certificate_id) out.push_back(api.id + "/" + s.stage_name);
    }
  }
  return out;
}

}  // namespace certguard::remediate
