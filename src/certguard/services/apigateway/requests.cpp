#include "certguard/services/apigateway/requests.h"

#include <fmt/format.h>

#include "certguard/aws/client/json_write.h"
#include "certguard/aws/client/uri_encode.h"

namespace certguard::services::apigateway {
namespace {

using aws::encode_path_label;
using aws::Operation;
using Json = nlohmann::ordered_json;

Operation base(std::string name, std::string method, std::string path, std::string resource) {
  Operation op;
  op.name = std::move(name);
  op.protocol = aws::Protocol::kRestJson;
  op.method = std::move(method);
  op.path = std::move(path);
  op.resource = std::move(resource);
  return op;
}

void add_paging(Operation& op, const std::optional<int>& limit, const std::string& position) {
  // botocore serializes query members in model order: position before limit is
  // irrelevant to AWS; we follow the signed vector ("limit=500&position=abc").
  if (limit) op.query.emplace_back("limit", std::to_string(*limit));
  if (!position.empty()) op.query.emplace_back("position", position);
}

Json patch_json(const std::vector<PatchOperation>& ops) {
  Json list = Json::array();
  for (const auto& p : ops) {
    Json item = Json::object();
    item["op"] = p.op;
    item["path"] = p.path;
    if (p.value) item["value"] = *p.value;
    if (p.from) item["from"] = *p.from;
    list.push_back(std::move(item));
  }
  Json body = Json::object();
  body["patchOperations"] = std::move(list);
  return body;
}

Json tags_json(const Tags& tags) {
  Json out = Json::object();
  for (const auto& [k, v] : tags) out[k] = v;
  return out;
}

std::string api_path(const std::string& rest_api_id) {
  return "/restapis/" + encode_path_label(rest_api_id);
}

}  // namespace

std::string resource_arn(std::string_view region, std::string_view path) {
  std::string_view partition = "aws";
  if (region.starts_with("cn-")) partition = "aws-cn";
  if (region.starts_with("us-gov-")) partition = "aws-us-gov";
  return fmt::format("arn:{}:apigateway:{}::{}", partition, region, path);
}

Operation to_operation(const GetRestApisRequest& r, std::string_view region) {
  Operation op = base("GetRestApis", "GET", "/restapis", resource_arn(region, "/restapis"));
  add_paging(op, r.limit, r.position);
  return op;
}

Operation to_operation(const GetRestApiRequest& r, std::string_view region) {
  std::string path = "/restapis/" + r.rest_api_id;
  return base("GetRestApi", "GET", api_path(r.rest_api_id), resource_arn(region, path));
}

Operation to_operation(const GetStagesRequest& r, std::string_view region) {
  std::string path = "/restapis/" + r.rest_api_id + "/stages";
  Operation op =
      base("GetStages", "GET", api_path(r.rest_api_id) + "/stages", resource_arn(region, path));
  if (!r.deployment_id.empty()) op.query.emplace_back("deploymentId", r.deployment_id);
  return op;
}

Operation to_operation(const GetStageRequest& r, std::string_view region) {
  std::string path = "/restapis/" + r.rest_api_id + "/stages/" + r.stage_name;
  return base("GetStage", "GET",
              api_path(r.rest_api_id) + "/stages/" + encode_path_label(r.stage_name),
              resource_arn(region, path));
}

Operation to_operation(const UpdateStageRequest& r, std::string_view region) {
  std::string path = "/restapis/" + r.rest_api_id + "/stages/" + r.stage_name;
  Operation op = base("UpdateStage", "PATCH",
                      api_path(r.rest_api_id) + "/stages/" + encode_path_label(r.stage_name),
                      resource_arn(region, path));
  op.body = aws::to_wire_json(patch_json(r.patch_operations));
  return op;
}

Operation to_operation(const CreateDeploymentRequest& r, std::string_view region) {
  std::string path = "/restapis/" + r.rest_api_id + "/deployments";
  Operation op = base("CreateDeployment", "POST", api_path(r.rest_api_id) + "/deployments",
                      resource_arn(region, path));
  Json body = Json::object();
  if (!r.stage_name.empty()) body["stageName"] = r.stage_name;
  if (!r.stage_description.empty()) body["stageDescription"] = r.stage_description;
  if (!r.description.empty()) body["description"] = r.description;
  if (!r.variables.empty()) body["variables"] = tags_json(r.variables);
  if (r.tracing_enabled) body["tracingEnabled"] = *r.tracing_enabled;
  op.body = aws::to_wire_json(body);
  op.success_statuses = {200, 201};
  op.limit_exceeded_is_quota = true;
  return op;
}

Operation to_operation(const GetClientCertificatesRequest& r, std::string_view region) {
  Operation op = base("GetClientCertificates", "GET", "/clientcertificates",
                      resource_arn(region, "/clientcertificates"));
  add_paging(op, r.limit, r.position);
  return op;
}

Operation to_operation(const GetClientCertificateRequest& r, std::string_view region) {
  std::string path = "/clientcertificates/" + r.client_certificate_id;
  return base("GetClientCertificate", "GET",
              "/clientcertificates/" + encode_path_label(r.client_certificate_id),
              resource_arn(region, path));
}

Operation to_operation(const GenerateClientCertificateRequest& r, std::string_view region) {
  Operation op = base("GenerateClientCertificate", "POST", "/clientcertificates",
                      resource_arn(region, "/clientcertificates"));
  Json body = Json::object();
  if (!r.description.empty()) body["description"] = r.description;
  if (!r.tags.empty()) body["tags"] = tags_json(r.tags);
  op.body = aws::to_wire_json(body);
  op.success_statuses = {200, 201};
  op.limit_exceeded_is_quota = true;
  return op;
}

Operation to_operation(const UpdateClientCertificateRequest& r, std::string_view region) {
  std::string path = "/clientcertificates/" + r.client_certificate_id;
  Operation op = base("UpdateClientCertificate", "PATCH",
                      "/clientcertificates/" + encode_path_label(r.client_certificate_id),
                      resource_arn(region, path));
  op.body = aws::to_wire_json(patch_json(r.patch_operations));
  return op;
}

Operation to_operation(const DeleteClientCertificateRequest& r, std::string_view region) {
  std::string path = "/clientcertificates/" + r.client_certificate_id;
  Operation op = base("DeleteClientCertificate", "DELETE",
                      "/clientcertificates/" + encode_path_label(r.client_certificate_id),
                      resource_arn(region, path));
  op.success_statuses = {200, 202, 204};
  return op;
}

Operation to_operation(const GetDomainNamesRequest& r, std::string_view region) {
  Operation op =
      base("GetDomainNames", "GET", "/domainnames", resource_arn(region, "/domainnames"));
  add_paging(op, r.limit, r.position);
  if (!r.resource_owner.empty()) op.query.emplace_back("resourceOwner", r.resource_owner);
  return op;
}

Operation to_operation(const GetResourcesRequest& r, std::string_view region) {
  std::string path = "/restapis/" + r.rest_api_id + "/resources";
  Operation op = base("GetResources", "GET", api_path(r.rest_api_id) + "/resources",
                      resource_arn(region, path));
  for (const auto& e : r.embed) op.query.emplace_back("embed", e);
  add_paging(op, r.limit, r.position);
  return op;
}

Operation to_operation(const GetTagsRequest& r, std::string_view /*region*/) {
  return base("GetTags", "GET", "/tags/" + encode_path_label(r.resource_arn), r.resource_arn);
}

Operation to_operation(const TagResourceRequest& r, std::string_view /*region*/) {
  Operation op =
      base("TagResource", "PUT", "/tags/" + encode_path_label(r.resource_arn), r.resource_arn);
  Json body = Json::object();
  body["tags"] = tags_json(r.tags);
  op.body = aws::to_wire_json(body);
  op.success_statuses = {200, 202, 204};
  return op;
}

}  // namespace certguard::services::apigateway
