#include "certguard/services/apigateway/apigateway_client.h"

#include "certguard/services/apigateway/decode.h"

namespace certguard::services::apigateway {
namespace {

// The decoded body of a successful response, or the call's error; decode errors get the
// operation's resource.
template <typename T, typename Decode>
Result<T> finish(const aws::Operation& op, const Result<aws::HttpResponse>& response,
                 Decode decode) {
  if (!response.ok()) return response.error();
  Result<T> out = decode(response->body);
  if (!out.ok()) return out.error().with_context(op.name, op.resource);
  return out;
}

Status finish_status(const Result<aws::HttpResponse>& response) {
  if (!response.ok()) return response.error();
  return {};
}

}  // namespace

Task<Result<Page<RestApi>>> ApiGatewayClient::get_rest_apis(const GetRestApisRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Page<RestApi>>(op, response, decode_get_rest_apis);
}

Task<Result<RestApi>> ApiGatewayClient::get_rest_api(const GetRestApiRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<RestApi>(op, response, decode_get_rest_api);
}

Task<Result<std::vector<Stage>>> ApiGatewayClient::get_stages(const GetStagesRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<std::vector<Stage>>(op, response, decode_get_stages);
}

Task<Result<Stage>> ApiGatewayClient::get_stage(const GetStageRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Stage>(op, response,
                          [](std::string_view body) { return decode_stage(body, "GetStage"); });
}

Task<Result<Stage>> ApiGatewayClient::update_stage(const UpdateStageRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Stage>(op, response,
                          [](std::string_view body) { return decode_stage(body, "UpdateStage"); });
}

Task<Result<Deployment>> ApiGatewayClient::create_deployment(const CreateDeploymentRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Deployment>(op, response, decode_create_deployment);
}

Task<Result<Page<ClientCertificate>>> ApiGatewayClient::get_client_certificates(
    const GetClientCertificatesRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Page<ClientCertificate>>(op, response, decode_get_client_certificates);
}

Task<Result<ClientCertificate>> ApiGatewayClient::get_client_certificate(
    const GetClientCertificateRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<ClientCertificate>(op, response, [](std::string_view body) {
    return decode_client_certificate(body, "GetClientCertificate");
  });
}

Task<Result<ClientCertificate>> ApiGatewayClient::generate_client_certificate(
    const GenerateClientCertificateRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<ClientCertificate>(op, response, [](std::string_view body) {
    return decode_client_certificate(body, "GenerateClientCertificate");
  });
}

Task<Result<ClientCertificate>> ApiGatewayClient::update_client_certificate(
    const UpdateClientCertificateRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<ClientCertificate>(op, response, [](std::string_view body) {
    return decode_client_certificate(body, "UpdateClientCertificate");
  });
}

Task<Status> ApiGatewayClient::delete_client_certificate(const DeleteClientCertificateRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish_status(response);
}

Task<Result<Page<DomainName>>> ApiGatewayClient::get_domain_names(const GetDomainNamesRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Page<DomainName>>(op, response, decode_get_domain_names);
}

Task<Result<Page<Resource>>> ApiGatewayClient::get_resources(const GetResourcesRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Page<Resource>>(op, response, decode_get_resources);
}

Task<Result<Tags>> ApiGatewayClient::get_tags(const GetTagsRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish<Tags>(op, response, decode_get_tags);
}

Task<Status> ApiGatewayClient::tag_resource(const TagResourceRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  co_return finish_status(response);
}

Task<Result<std::vector<RestApi>>> ApiGatewayClient::get_all_rest_apis() {
  auto task = collect<RestApi, GetRestApisRequest>(GetRestApisRequest{},
                                                   &ApiGatewayClient::get_rest_apis, "GetRestApis");
  co_return co_await std::move(task);
}

Task<Result<std::vector<ClientCertificate>>> ApiGatewayClient::get_all_client_certificates() {
  auto task = collect<ClientCertificate, GetClientCertificatesRequest>(
      GetClientCertificatesRequest{}, &ApiGatewayClient::get_client_certificates,
      "GetClientCertificates");
  co_return co_await std::move(task);
}

Task<Result<std::vector<DomainName>>> ApiGatewayClient::get_all_domain_names() {
  auto task = collect<DomainName, GetDomainNamesRequest>(
      GetDomainNamesRequest{}, &ApiGatewayClient::get_domain_names, "GetDomainNames");
  co_return co_await std::move(task);
}

Task<Result<std::vector<Resource>>> ApiGatewayClient::get_all_resources(
    const std::string& rest_api_id) {
  GetResourcesRequest first;
  first.rest_api_id = rest_api_id;
  auto task = collect<Resource, GetResourcesRequest>(
      std::move(first), &ApiGatewayClient::get_resources, "GetResources");
  co_return co_await std::move(task);
}

}  // namespace certguard::services::apigateway
