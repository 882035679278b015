#include "certguard/aws/client/aws_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "certguard/aws/client/redact.h"
#include "certguard/aws/client/uri_encode.h"
#include "certguard/aws/protocol/error_parse.h"

namespace certguard::aws {
namespace {

std::string_view content_type_for(Protocol protocol) {
  switch (protocol) {
    case Protocol::kRestJson:
      return "application/json";
    case Protocol::kJson11:
      return "application/x-amz-json-1.1";
    case Protocol::kQuery:
    case Protocol::kEc2Query:
      return "application/x-www-form-urlencoded; charset=utf-8";
  }
  return "application/json";
}

bool has_header(const Headers& headers, std::string_view name) {
  HttpRequest probe;
  probe.headers = headers;
  return !probe.header(name).empty();
}

Task<void> no_wait() {
  co_return;
}

}  // namespace

ClientConfig client_config_for(const Endpoint& endpoint) {
  ClientConfig config;
  config.endpoint_url = endpoint.url;
  config.signing_region = endpoint.signing_region;
  config.signing_name = endpoint.signing_name;
  config.accept_json = endpoint.signing_name == service_info(ServiceId::kApiGateway).signing_name;
  return config;
}

Task<void> RetryPolicy::before_attempt() {
  return no_wait();
}

AwsClient::AwsClient(ClientConfig config, ClientDeps deps)
    : config_(std::move(config)), deps_(std::move(deps)) {
  if (deps_.stats == nullptr) own_stats_ = std::make_unique<CallStats>();
  stats_ = deps_.stats != nullptr ? deps_.stats : own_stats_.get();
}

HttpRequest AwsClient::build_request(const Operation& op) const {
  EndpointParts parts = split_endpoint_url(config_.endpoint_url);
  HttpRequest request;
  request.method = op.method;
  std::string query = encode_query(op.query);
  request.url = parts.origin + parts.path_prefix + op.path;
  if (!query.empty()) request.url += "?" + query;
  request.headers.emplace_back("Host", parts.host_header);
  for (const auto& header : op.headers) request.headers.push_back(header);
  bool has_body = !op.body.empty() || op.protocol != Protocol::kRestJson;
  if (has_body && !has_header(op.headers, "Content-Type")) {
    request.headers.emplace_back("Content-Type", std::string(content_type_for(op.protocol)));
  }
  if (config_.accept_json) request.headers.emplace_back("Accept", "application/json");
  request.body = op.body;
  if (op.protocol == Protocol::kJson11 && request.body.empty()) request.body = "{}";
  request.connect_timeout = config_.connect_timeout;
  request.total_timeout = config_.total_timeout;
  return request;
}

Task<Result<HttpResponse>> AwsClient::attempt(const Operation& op, int attempt_number) {
  auto credentials_task = deps_.credentials->get();
  Result<Credentials> credentials = co_await std::move(credentials_task);
  if (!credentials.ok()) co_return credentials.error().with_context(op.name, op.resource);

  HttpRequest request = build_request(op);
  EndpointParts parts = split_endpoint_url(config_.endpoint_url);
  std::string wire_path = parts.path_prefix + op.path;
  std::string query = encode_query(op.query);
  SigningInput input{
      .method = request.method,
      .path = wire_path,
      .query = query,
      .body = request.body,
      .credentials = &*credentials,
      .region = config_.signing_region,
      .service = config_.signing_name,
      .time = deps_.clock->now(),
  };
  Status signed_ok = deps_.signer->sign(request.headers, input);
  if (!signed_ok.ok()) co_return signed_ok.error().with_context(op.name, op.resource);
  // Added after signing, as botocore does: not part of the signature.
  request.headers.emplace_back("User-Agent", fmt::format("certguard/{}", CG_VERSION));

  if (deps_.debug) deps_.debug(describe_request(op.name, request));
  auto send_task = deps_.transport->send(std::move(request));
  Result<HttpResponse> response = co_await std::move(send_task);
  if (!response.ok()) co_return response.error().with_context(op.name, op.resource);
  if (deps_.debug) deps_.debug(describe_response(op.name, attempt_number, *response));

  if (std::ranges::find(op.success_statuses, response->status) != op.success_statuses.end()) {
    co_return response;
  }
  protocol::ErrorParseOptions options{
      .operation = op.name,
      .resource = op.resource,
      .classify = {.limit_exceeded_is_quota = op.limit_exceeded_is_quota}};
  co_return protocol::parse_error_response(*response, options);
}

Task<Result<HttpResponse>> AwsClient::call(const Operation& op) {
  stats_->record_call(op.name);
  for (int attempt_number = 1;; ++attempt_number) {
    if (deps_.limiter != nullptr) {
      auto acquire_task = deps_.limiter->acquire(op.name);
      co_await std::move(acquire_task);
    }
    if (deps_.retry != nullptr) {
      auto before_task = deps_.retry->before_attempt();
      co_await std::move(before_task);
    }
    stats_->record_attempt(op.name);
    Result<HttpResponse> result = co_await attempt(op, attempt_number);
    if (result.ok()) {
      if (deps_.retry != nullptr) deps_.retry->on_success(attempt_number);
      if (deps_.limiter != nullptr) deps_.limiter->on_response(false);
      co_return result;
    }
    bool throttled = result.error().kind == ErrorKind::kThrottled;
    if (throttled) stats_->record_throttle(op.name);
    if (deps_.limiter != nullptr) deps_.limiter->on_response(throttled);
    std::optional<std::chrono::nanoseconds> delay;
    if (deps_.retry != nullptr) delay = deps_.retry->on_failure(result.error(), attempt_number);
    if (!delay) {
      stats_->record_failure(op.name);
      co_return result;
    }
    if (deps_.debug) {
      deps_.debug(
          fmt::format("certguard debug: {} attempt {} failed ({}); retrying in {} ms\n", op.name,
                      attempt_number, result.error().describe(),
                      std::chrono::duration_cast<std::chrono::milliseconds>(*delay).count()));
    }
    auto sleep_task = deps_.sleeper->sleep_for(*delay);
    co_await std::move(sleep_task);
  }
}

}  // namespace certguard::aws
