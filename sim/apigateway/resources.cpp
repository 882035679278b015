// GetResources (embed=methods), CreateResource, PutMethod, GetMethod, PutIntegration,
// GetIntegration.

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "sim/apigateway/keys.h"
#include "sim/apigateway/ops.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

namespace {

SimResponse resource_not_found(const Context& c) {
  return not_found(c, "Invalid Resource identifier specified");
}

inventory::MethodIntegration* find_method(inventory::Resource& resource, std::string_view m) {
  for (auto& method : resource.methods) {
    if (method.http_method == m) return &method;
  }
  return nullptr;
}

bool valid_http_method(std::string_view m) {
  static constexpr std::array<std::string_view, 8> kMethods = {"GET",   "POST", "PUT",     "DELETE",
                                                               "PATCH", "HEAD", "OPTIONS", "ANY"};
  return std::find(kMethods.begin(), kMethods.end(), m) != kMethods.end();
}

bool valid_path_part(std::string_view part) {
  if (part.empty()) return false;
  for (char ch : part) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_' || ch == '.' || ch == '{' || ch == '}' || ch == '+' ||
              ch == ':';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

SimResponse get_resources(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  bool embed = false;
  for (const auto& value : c.request.query_params("embed")) {
    if (value == "methods") embed = true;
  }
  Page page;
  if (auto err = paginate(c, api->resources, resource_key, page)) return *err;
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    const inventory::Resource& resource = api->resources[i];
    items.push_back(resource_json(resource, embed));
  }
  nlohmann::json body{{"item", std::move(items)}};
  if (!page.next_position.empty()) body["position"] = page.next_position;
  return ok(c, body);
}

SimResponse create_resource(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  inventory::Resource* parent = find_sorted(api->resources, c.labels[1], resource_key);
  if (parent == nullptr) return resource_not_found(c);
  std::string error;
  auto part = get_string(c.body, "pathPart", error);
  if (!error.empty()) return bad_request(c, error);
  if (!part || !valid_path_part(*part)) {
    return bad_request(c, fmt::format("Resource's path part only allow a-zA-Z0-9._- and curly "
                                      "braces at the beginning and the end and an optional plus "
                                      "sign before the closing brace: '{}'",
                                      part.value_or("")));
  }
  std::string path = parent->path == "/" ? "/" + *part : parent->path + "/" + *part;
  for (const auto& resource : api->resources) {
    if (resource.path == path) {
      return conflict(
          c, fmt::format("Another resource with the same parent already has this name: {}", *part));
    }
  }
  inventory::Resource resource;
  do {
    resource.id = c.world.new_id(6);
  } while (find_sorted(api->resources, resource.id, resource_key) != nullptr);
  resource.parent_id = parent->id;
  resource.path = std::move(path);
  const inventory::Resource& stored =
      insert_sorted(api->resources, std::move(resource), resource_key);
  return created(c, resource_json(stored, false));
}

SimResponse put_method(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  inventory::Resource* resource = find_sorted(api->resources, c.labels[1], resource_key);
  if (resource == nullptr) return resource_not_found(c);
  const std::string& http_method = c.labels[2];
  if (!valid_http_method(http_method)) {
    return bad_request(c, fmt::format("Invalid HttpMethod specified: {}", http_method));
  }
  std::string error;
  auto authorization = get_string(c.body, "authorizationType", error);
  auto api_key_required = get_bool(c.body, "apiKeyRequired", error);
  auto authorizer_id = get_string(c.body, "authorizerId", error);
  if (!error.empty()) return bad_request(c, error);
  if (!authorization || !inventory::is_authorization_type(*authorization)) {
    return bad_request(c, fmt::format("Invalid authorization type specified: '{}'. Valid values "
                                      "are NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS",
                                      authorization.value_or("")));
  }
  const bool needs_authorizer =
      *authorization == "CUSTOM" || *authorization == "COGNITO_USER_POOLS";
  if (needs_authorizer && authorizer_id.value_or("").empty()) {
    return bad_request(c,
                       "Invalid authorizer ID specified. Setting the authorization type to "
                       "CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
  }
  if (find_method(*resource, http_method) != nullptr) {
    return conflict(c, "Method already exists for this resource");
  }
  inventory::MethodIntegration method;
  method.http_method = http_method;
  method.authorization_type = *authorization;
  method.api_key_required = api_key_required.value_or(false);
  if (needs_authorizer) method.authorizer_id = *authorizer_id;
  resource->methods.push_back(method);
  return created(c, method_json(method, false));
}

SimResponse get_method(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  inventory::Resource* resource = find_sorted(api->resources, c.labels[1], resource_key);
  if (resource == nullptr) return resource_not_found(c);
  inventory::MethodIntegration* method = find_method(*resource, c.labels[2]);
  if (method == nullptr) return not_found(c, "Invalid Method identifier specified");
  return ok(c, method_json(*method, true));
}

SimResponse put_integration(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  inventory::Resource* resource = find_sorted(api->resources, c.labels[1], resource_key);
  if (resource == nullptr) return resource_not_found(c);
  inventory::MethodIntegration* method = find_method(*resource, c.labels[2]);
  if (method == nullptr) return not_found(c, "Invalid Method identifier specified");
  std::string error;
  auto type = get_string(c.body, "type", error);
  auto uri = get_string(c.body, "uri", error);
  auto integration_method = get_string(c.body, "httpMethod", error);
  auto connection_type = get_string(c.body, "connectionType", error);
  if (!error.empty()) return bad_request(c, error);
  if (!type || (*type != "HTTP" && *type != "HTTP_PROXY" && *type != "AWS" &&
                *type != "AWS_PROXY" && *type != "MOCK")) {
    return bad_request(c, fmt::format("Invalid integration type specified: {}. Valid values are "
                                      "HTTP, HTTP_PROXY, AWS, AWS_PROXY, MOCK",
                                      type.value_or("")));
  }
  if (*type != "MOCK") {
    if (!integration_method || integration_method->empty()) {
      return bad_request(c, "Enumeration value for HttpMethod must be non-empty");
    }
    if (!uri || uri->empty()) return bad_request(c, "Invalid integration URI specified");
    bool http = *type == "HTTP" || *type == "HTTP_PROXY";
    if (http && uri->rfind("http://", 0) != 0 && uri->rfind("https://", 0) != 0) {
      return bad_request(c, "Invalid HTTP endpoint specified for URI");
    }
    if (!http && uri->rfind("arn:", 0) != 0) {
      return bad_request(c, "AWS ARN for integration must contain path or action");
    }
  }
  if (connection_type && *connection_type != "INTERNET" && *connection_type != "VPC_LINK") {
    return bad_request(c, "Invalid connection type specified");
  }
  method->integration_type = *type;
  method->uri = uri.value_or("");
  method->connection_type = connection_type.value_or("INTERNET");
  nlohmann::json body = integration_json(*method);
  if (integration_method && *type != "MOCK") body["httpMethod"] = *integration_method;
  return created(c, body);
}

SimResponse get_integration(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  inventory::Resource* resource = find_sorted(api->resources, c.labels[1], resource_key);
  if (resource == nullptr) return resource_not_found(c);
  inventory::MethodIntegration* method = find_method(*resource, c.labels[2]);
  if (method == nullptr) return not_found(c, "Invalid Method identifier specified");
  if (method->integration_type.empty()) return not_found(c, "No integration defined for method");
  return ok(c, integration_json(*method));
}

}  // namespace certguard::sim::apigw
