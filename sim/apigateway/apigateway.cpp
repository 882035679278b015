// Routing: method + path pattern -> operation, then the context every operation gets.

#include "sim/apigateway/apigateway.h"

#include <array>

#include "sim/apigateway/ops.h"
#include "sim/core/responses.h"

namespace certguard::sim {

namespace {

struct Route {
  std::string_view method;
  std::string_view pattern;  // segments separated by '/', "{}" is a label
  std::string_view operation;
  apigw::OpFn fn;
};

constexpr std::array<Route, 28> kRoutes = {{
    {"POST", "restapis", "CreateRestApi", apigw::create_rest_api},
    {"GET", "restapis", "GetRestApis", apigw::get_rest_apis},
    {"GET", "restapis/{}", "GetRestApi", apigw::get_rest_api},
    {"DELETE", "restapis/{}", "DeleteRestApi", apigw::delete_rest_api},
    {"POST", "restapis/{}/stages", "CreateStage", apigw::create_stage},
    {"GET", "restapis/{}/stages", "GetStages", apigw::get_stages},
    {"GET", "restapis/{}/stages/{}", "GetStage", apigw::get_stage},
    {"PATCH", "restapis/{}/stages/{}", "UpdateStage", apigw::update_stage},
    {"DELETE", "restapis/{}/stages/{}", "DeleteStage", apigw::delete_stage},
    {"POST", "restapis/{}/deployments", "CreateDeployment", apigw::create_deployment},
    {"GET", "restapis/{}/deployments", "GetDeployments", apigw::get_deployments},
    {"GET", "restapis/{}/resources", "GetResources", apigw::get_resources},
    {"POST", "restapis/{}/resources/{}", "CreateResource", apigw::create_resource},
    {"PUT", "restapis/{}/resources/{}/methods/{}", "PutMethod", apigw::put_method},
    {"GET", "restapis/{}/resources/{}/methods/{}", "GetMethod", apigw::get_method},
    {"PUT", "restapis/{}/resources/{}/methods/{}/integration", "PutIntegration",
     apigw::put_integration},
    {"GET", "restapis/{}/resources/{}/methods/{}/integration", "GetIntegration",
     apigw::get_integration},
    {"POST", "clientcertificates", "GenerateClientCertificate", apigw::generate_client_certificate},
    {"GET", "clientcertificates", "GetClientCertificates", apigw::get_client_certificates},
    {"GET", "clientcertificates/{}", "GetClientCertificate", apigw::get_client_certificate},
    {"PATCH", "clientcertificates/{}", "UpdateClientCertificate", apigw::update_client_certificate},
    {"DELETE", "clientcertificates/{}", "DeleteClientCertificate",
     apigw::delete_client_certificate},
    {"POST", "domainnames", "CreateDomainName", apigw::create_domain_name},
    {"GET", "domainnames", "GetDomainNames", apigw::get_domain_names},
    {"GET", "domainnames/{}", "GetDomainName", apigw::get_domain_name},
    {"GET", "tags/{}", "GetTags", apigw::get_tags},
    {"PUT", "tags/{}", "TagResource", apigw::tag_resource},
    {"DELETE", "tags/{}", "UntagResource", apigw::untag_resource},
}};

// Matches the request path against a pattern; fills labels on success.
bool match(std::string_view pattern, const std::vector<std::string>& segments,
           std::vector<std::string>* labels) {
  std::size_t index = 0;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    std::size_t end = pattern.find('/', start);
    if (end == std::string_view::npos) end = pattern.size();
    std::string_view part = pattern.substr(start, end - start);
    if (index >= segments.size()) return false;
    if (part == "{}") {
      if (labels != nullptr) labels->push_back(segments[index]);
    } else if (part != segments[index]) {
      return false;
    }
    ++index;
    start = end + 1;
  }
  return index == segments.size();
}

const Route* find_route(const SimRequest& request, std::vector<std::string>* labels) {
  for (const Route& route : kRoutes) {
    if (route.method != request.method) continue;
    if (labels != nullptr) labels->clear();
    if (match(route.pattern, request.path_segments, labels)) return &route;
  }
  return nullptr;
}

}  // namespace

std::string apigateway_operation(const SimRequest& request) {
  const Route* route = find_route(request, nullptr);
  return route == nullptr ? std::string() : std::string(route->operation);
}

SimResponse handle_apigateway(const SimRequest& request, SimWorld& world) {
  std::vector<std::string> labels;
  const Route* route = find_route(request, &labels);
  if (route == nullptr) {
    return rest_json_error(
        request, 404, "UnknownOperationException",
        "No API Gateway operation matches " + request.method + " " + request.raw_path);
  }
  inventory::Region* region = world.region(request.account_id, request.region);
  if (region == nullptr) {
    return rest_json_error(request, 403, "UnrecognizedClientException",
                           "The security token included in the request is invalid.");
  }
  nlohmann::json body = nlohmann::json::object();
  if (!request.body.empty()) {
    body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return rest_json_error(request, 400, "BadRequestException",
                             "Could not parse request body into json: the body is not a JSON "
                             "object");
    }
  }
  apigw::Context context{request, world, *region, std::move(labels), std::move(body)};
  return route->fn(context);
}

}  // namespace certguard::sim
