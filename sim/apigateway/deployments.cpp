// CreateDeployment (optionally creating or repointing a stage) and GetDeployments.

#include "sim/apigateway/keys.h"
#include "sim/apigateway/ops.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

namespace {

bool has_methods(const inventory::RestApi& api) {
  for (const auto& resource : api.resources) {
    if (!resource.methods.empty()) return true;
  }
  return false;
}
}  // namespace

SimResponse create_deployment(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  std::string error;
  auto stage_name = get_string(c.body, "stageName", error);
  auto stage_description = get_string(c.body, "stageDescription", error);
  auto description = get_string(c.body, "description", error);
  auto tracing = get_bool(c.body, "tracingEnabled", error);
  auto variables = get_string_map(c.body, "variables", error);
  if (!error.empty()) return bad_request(c, error);
  if (!has_methods(*api)) return bad_request(c, "The REST API doesn't contain any methods");

  inventory::Deployment deployment;
  do {
    deployment.id = c.world.new_id(6);
  } while (find_sorted(api->deployments, deployment.id, deployment_key) != nullptr);
  deployment.description = description.value_or("");
  deployment.created_date = c.world.now();

  if (stage_name && !stage_name->empty()) {
    inventory::Stage* stage = find_sorted(api->stages, *stage_name, stage_key);
    if (stage == nullptr) {
      inventory::Stage fresh;
      fresh.stage_name = *stage_name;
      fresh.description = stage_description.value_or("");
      fresh.created_date = deployment.created_date;
      stage = &insert_sorted(api->stages, std::move(fresh), stage_key);
    } else if (stage_description) {
      stage->description = *stage_description;
    }
    stage->deployment_id = deployment.id;
    stage->last_updated_date = deployment.created_date;
    if (tracing) stage->tracing_enabled = *tracing;
    for (auto& [k, v] : variables) stage->variables[k] = v;
  }
  const auto& stored = insert_sorted(api->deployments, std::move(deployment), deployment_key);
  return created(c, deployment_json(stored));
}

SimResponse get_deployments(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  Page page;
  if (auto err = paginate(c, api->deployments, deployment_key, page)) return *err;
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    items.push_back(deployment_json(api->deployments[i]));
  }
  nlohmann::json body{{"item", std::move(items)}};
  if (!page.next_position.empty()) body["position"] = page.next_position;
  return ok(c, body);
}

}  // namespace certguard::sim::apigw
