#pragma once

// API Gateway request structs and how each becomes an aws::Operation (rest-json:
// method, percent-encoded path labels, query, JSON body), exactly as botocore sends it.

#include <optional>
#include <string>
#include <vector>

#include "certguard/aws/client/operation.h"
#include "certguard/services/apigateway/model.h"

namespace certguard::services::apigateway {

inline constexpr int kMaxPageSize = 500;

struct GetRestApisRequest {
  std::optional<int> limit = kMaxPageSize;
  std::string position;
};
struct GetRestApiRequest {
  std::string rest_api_id;
};
struct GetStagesRequest {
  std::string rest_api_id;
  std::string deployment_id;  // optional filter
};
struct GetStageRequest {
  std::string rest_api_id;
  std::string stage_name;
};
struct UpdateStageRequest {
  std::string rest_api_id;
  std::string stage_name;
  std::vector<PatchOperation> patch_operations;
};
struct CreateDeploymentRequest {
  std::string rest_api_id;
  std::string stage_name;  // optional: the stage to point at the new deployment
  std::string stage_description;
  std::string description;
  std::optional<bool> tracing_enabled;
  std::map<std::string, std::string> variables;
};
struct GetClientCertificatesRequest {
  std::optional<int> limit = kMaxPageSize;
  std::string position;
};
struct GetClientCertificateRequest {
  std::string client_certificate_id;
};
struct GenerateClientCertificateRequest {
  std::string description;
  Tags tags;
};
struct UpdateClientCertificateRequest {
  std::string client_certificate_id;
  std::vector<PatchOperation> patch_operations;
};
struct DeleteClientCertificateRequest {
  std::string client_certificate_id;
};
struct GetDomainNamesRequest {
  std::optional<int> limit = kMaxPageSize;
  std::string position;
  std::string resource_owner;  // SELF | OTHER_ACCOUNTS; empty: not sent
};
struct GetResourcesRequest {
  std::string rest_api_id;
  std::optional<int> limit = kMaxPageSize;
  std::string position;
  std::vector<std::string> embed = {"methods"};
};
struct GetTagsRequest {
  std::string resource_arn;
};
struct TagResourceRequest {
  std::string resource_arn;
  Tags tags;
};

// `region` names the resource in errors (ARNs); it does not change the request.
aws::Operation to_operation(const GetRestApisRequest& r, std::string_view region);
aws::Operation to_operation(const GetRestApiRequest& r, std::string_view region);
aws::Operation to_operation(const GetStagesRequest& r, std::string_view region);
aws::Operation to_operation(const GetStageRequest& r, std::string_view region);
aws::Operation to_operation(const UpdateStageRequest& r, std::string_view region);
aws::Operation to_operation(const CreateDeploymentRequest& r, std::string_view region);
aws::Operation to_operation(const GetClientCertificatesRequest& r, std::string_view region);
aws::Operation to_operation(const GetClientCertificateRequest& r, std::string_view region);
aws::Operation to_operation(const GenerateClientCertificateRequest& r, std::string_view region);
aws::Operation to_operation(const UpdateClientCertificateRequest& r, std::string_view region);
aws::Operation to_operation(const DeleteClientCertificateRequest& r, std::string_view region);
aws::Operation to_operation(const GetDomainNamesRequest& r, std::string_view region);
aws::Operation to_operation(const GetResourcesRequest& r, std::string_view region);
aws::Operation to_operation(const GetTagsRequest& r, std::string_view region);
aws::Operation to_operation(const TagResourceRequest& r, std::string_view region);

// arn:{partition}:apigateway:{region}::{path}, e.g. path "/restapis/abc".
std::string resource_arn(std::string_view region, std::string_view path);

}  // namespace certguard::services::apigateway
