#pragma once

// Shared by the API Gateway handler files: the per-request context, error helpers,
// body parsing and pagination.

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/inventory/estate/estate.h"
#include "sim/core/responses.h"
#include "sim/core/sim_types.h"
#include "sim/core/world.h"

namespace certguard::sim::apigw {

struct Context {
  const SimRequest& request;
  SimWorld& world;
  inventory::Region& region;
  std::vector<std::string> labels;  // path labels in route order ({restapi_id}, ...)
  nlohmann::json body;              // parsed JSON body (an object; empty if none)
};

using OpFn = SimResponse (*)(Context&);

inline SimResponse bad_request(const Context& c, std::string_view message) {
  return rest_json_error(c.request, 400, "BadRequestException", message);
}
inline SimResponse not_found(const Context& c, std::string_view message) {
  return rest_json_error(c.request, 404, "NotFoundException", message);
}
inline SimResponse conflict(const Context& c, std::string_view message) {
  return rest_json_error(c.request, 409, "ConflictException", message);
}
inline SimResponse ok(const Context& c, const nlohmann::json& body) {
  return json_response(c.request, 200, body);
}
inline SimResponse created(const Context& c, const nlohmann::json& body) {
  return json_response(c.request, 201, body);
}

// Body members: the string, or nullopt when absent. A wrong type is reported through
// `error` (a BadRequestException message).
std::optional<std::string> get_string(const nlohmann::json& body, const char* key,
                                      std::string& error);
std::optional<bool> get_bool(const nlohmann::json& body, const char* key, std::string& error);
// A {string: string} map member, or an empty map.
std::map<std::string, std::string> get_string_map(const nlohmann::json& body, const char* key,
                                                  std::string& error);

inventory::RestApi* find_api(Context& c, std::string_view id);
SimResponse api_not_found(const Context& c, std::string_view id);

// Pagination: items kept sorted by key; `position` is an opaque token (the last key of
// the previous page, encoded). Returns {first index, count} or an error response.
struct Page {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string next_position;  // "" on the last page
};
template <typename T, typename KeyOf>
std::optional<SimResponse> paginate(const Context& c, const std::vector<T>& items, KeyOf key_of,
                                    Page& page);

std::string encode_position(std::string_view key);
std::optional<std::string> decode_position(std::string_view token);
// Parses `limit` (default 25, 1..500). nullopt + error message when invalid.
std::optional<std::size_t> parse_limit(const SimRequest& request, std::string& error);

// Shapes.
nlohmann::json rest_api_json(const inventory::RestApi& api, std::string_view region);
nlohmann::json stage_json(const inventory::Stage& stage);
nlohmann::json deployment_json(const inventory::Deployment& deployment);
nlohmann::json client_certificate_json(const inventory::ClientCertificate& cert);
nlohmann::json domain_name_json(const inventory::DomainName& domain, std::string_view region);
nlohmann::json resource_json(const inventory::Resource& resource, bool embed_methods);
nlohmann::json integration_json(const inventory::MethodIntegration& method);
// A method with its authorization settings (an empty authorization_type, from an estate
// that does not record it, answers NONE: AWS always sends one).
nlohmann::json method_json(const inventory::MethodIntegration& method, bool with_integration);

// The root resource of an API (path "/"), or nullptr.
inventory::Resource* root_resource(inventory::RestApi& api);

// --- implementation of the template ---
template <typename T, typename KeyOf>
std::optional<SimResponse> paginate(const Context& c, const std::vector<T>& items, KeyOf key_of,
                                    Page& page) {
  std::string error;
  auto limit = parse_limit(c.request, error);
  if (!limit) return bad_request(c, error);
  page.begin = 0;
  if (c.request.has_query_param("position")) {
    auto after = decode_position(c.request.query_param("position"));
    if (!after) return bad_request(c, "Invalid position parameter");
    auto it = std::upper_bound(
        items.begin(), items.end(), std::string_view(*after),
        [&](std::string_view k, const T& item) { return k < std::string_view(key_of(item)); });
    page.begin = static_cast<std::size_t>(it - items.begin());
  }
  page.end = std::min(items.size(), page.begin + *limit);
  page.next_position.clear();
  if (page.end < items.size() && page.end > page.begin) {
    page.next_position = encode_position(key_of(items[page.end - 1]));
  }
  return std::nullopt;
}

}  // namespace certguard::sim::apigw
