#pragma once

// The typed API Gateway client: one method per operation (one page for list calls)
// plus get_all_* helpers that follow `position` to the end at limit 500.

#include <vector>

#include "certguard/aws/client/aws_client.h"
#include "certguard/aws/client/pagination.h"
#include "certguard/core/task.h"
#include "certguard/services/apigateway/model.h"
#include "certguard/services/apigateway/requests.h"

namespace certguard::services::apigateway {

class ApiGatewayClient {
 public:
  // `client` is configured for API Gateway (signing name apigateway, accept_json) and
  // must outlive this object. Requests passed by reference must outlive the task.
  explicit ApiGatewayClient(aws::AwsClient& client) : client_(&client) {}

  Task<Result<Page<RestApi>>> get_rest_apis(const GetRestApisRequest& r);
  Task<Result<RestApi>> get_rest_api(const GetRestApiRequest& r);
  Task<Result<std::vector<Stage>>> get_stages(const GetStagesRequest& r);
  Task<Result<Stage>> get_stage(const GetStageRequest& r);
  Task<Result<Stage>> update_stage(const UpdateStageRequest& r);
  Task<Result<Deployment>> create_deployment(const CreateDeploymentRequest& r);
  Task<Result<Page<ClientCertificate>>> get_client_certificates(
      const GetClientCertificatesRequest& r);
  Task<Result<ClientCertificate>> get_client_certificate(const GetClientCertificateRequest& r);
  Task<Result<ClientCertificate>> generate_client_certificate(
      const GenerateClientCertificateRequest& r);
  Task<Result<ClientCertificate>> update_client_certificate(
      const UpdateClientCertificateRequest& r);
  Task<Status> delete_client_certificate(const DeleteClientCertificateRequest& r);
  Task<Result<Page<DomainName>>> get_domain_names(const GetDomainNamesRequest& r);
  Task<Result<Page<Resource>>> get_resources(const GetResourcesRequest& r);
  Task<Result<Tags>> get_tags(const GetTagsRequest& r);
  Task<Status> tag_resource(const TagResourceRequest& r);

  // Every page, in order. A repeated position is a kParse error.
  Task<Result<std::vector<RestApi>>> get_all_rest_apis();
  Task<Result<std::vector<ClientCertificate>>> get_all_client_certificates();
  Task<Result<std::vector<DomainName>>> get_all_domain_names();
  Task<Result<std::vector<Resource>>> get_all_resources(const std::string& rest_api_id);

  [[nodiscard]] const std::string& region() const { return client_->config().signing_region; }

 private:
  template <typename Req, typename T>
  using PageFetch = Task<Result<Page<T>>> (ApiGatewayClient::*)(const Req&);

  // Follows `position` from `req` to the end.
  template <typename T, typename Req>
  Task<Result<std::vector<T>>> collect(Req req, PageFetch<Req, T> fetch, std::string operation) {
    aws::Operation first = to_operation(req, region());
    aws::PageTokens tokens(std::move(operation), first.resource);
    std::vector<T> all;
    for (;;) {
      Result<Page<T>> page = co_await (this->*fetch)(req);
      if (!page.ok()) co_return page.error();
      for (auto& item : page->items) all.push_back(std::move(item));
      Result<bool> more = tokens.advance(page->position);
      if (!more.ok()) co_return more.error();
      if (!*more) break;
      req.position = page->position;
    }
    co_return all;
  }

  aws::AwsClient* client_;
};

}  // namespace certguard::services::apigateway
