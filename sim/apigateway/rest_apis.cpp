// CreateRestApi, GetRestApis, GetRestApi, DeleteRestApi.

#include <fmt/format.h>

#include "sim/apigateway/keys.h"
#include "sim/apigateway/ops.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

namespace {}  // namespace

SimResponse create_rest_api(Context& c) {
  std::string error;
  auto name = get_string(c.body, "name", error);
  auto description = get_string(c.body, "description", error);
  auto tags = get_string_map(c.body, "tags", error);
  if (!error.empty()) return bad_request(c, error);
  if (!name || name->empty()) return bad_request(c, "Invalid REST API name specified");

  std::vector<std::string> types{"EDGE"};
  if (c.body.contains("endpointConfiguration")) {
    const auto& config = c.body["endpointConfiguration"];
    if (!config.is_object()) return bad_request(c, "Invalid endpointConfiguration");
    if (config.contains("types")) {
      const auto& t = config["types"];
      if (!t.is_array() || t.size() != 1 || !t[0].is_string()) {
        return bad_request(c, "Exactly one endpoint type must be specified");
      }
      std::string type = t[0].get<std::string>();
      if (type != "EDGE" && type != "REGIONAL" && type != "PRIVATE") {
        return bad_request(c, fmt::format("Invalid endpoint configuration type: {}. Valid "
                                          "values are EDGE, REGIONAL, PRIVATE",
                                          type));
      }
      types = {type};
    }
  }

  inventory::RestApi api;
  do {
    api.id = c.world.new_id(10);
  } while (find_api(c, api.id) != nullptr);
  api.name = *name;
  api.description = description.value_or("");
  api.endpoint_types = types;
  api.created_date = c.world.now();
  api.tags = std::move(tags);
  inventory::Resource root;
  root.id = c.world.new_id(10);
  root.path.push_back('/');  // not = "/": GCC 12 -O3 -Wrestrict false positive
  api.resources.push_back(std::move(root));
  inventory::RestApi& stored = insert_sorted(c.region.rest_apis, std::move(api), api_key);
  return created(c, rest_api_json(stored, c.region.name));
}

SimResponse get_rest_apis(Context& c) {
  Page page;
  if (auto err = paginate(c, c.region.rest_apis, api_key, page)) return *err;
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    items.push_back(rest_api_json(c.region.rest_apis[i], c.region.name));
  }
  nlohmann::json body{{"item", std::move(items)}};
  if (!page.next_position.empty()) body["position"] = page.next_position;
  return ok(c, body);
}

SimResponse get_rest_api(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  return ok(c, rest_api_json(*api, c.region.name));
}

SimResponse delete_rest_api(Context& c) {
  if (!erase_sorted(c.region.rest_apis, c.labels[0], api_key)) {
    return api_not_found(c, c.labels[0]);
  }
  return empty_response(c.request, 202);
}

}  // namespace certguard::sim::apigw
