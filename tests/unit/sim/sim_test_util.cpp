#include "sim_test_util.h"

#include "certguard/aws/sigv4/signer.h"
#include "sim/app/service_table.h"

namespace certguard::sim::testing {

RawRequest signed_request(const Clock& clock, const Signer& signer, std::string method,
                          std::string target, std::string body, std::string content_type) {
  aws::sigv4::SignableRequest req;
  req.method = method;
  std::size_t q = target.find('?');
  req.path = target.substr(0, q);
  req.query = q == std::string::npos ? "" : target.substr(q + 1);
  req.headers.emplace_back("Host", "127.0.0.1:4566");
  if (!body.empty()) req.headers.emplace_back("Content-Type", content_type);
  req.headers.emplace_back("Accept", "application/json");
  req.body = body;
  aws::sigv4::SigningParams params;
  params.access_key_id = signer.access_key_id;
  params.secret_access_key = signer.secret;
  params.session_token = signer.session_token;
  params.region = signer.region;
  params.service = signer.service;
  params.time = clock.now();
  aws::sigv4::sign_headers(req, params);
  RawRequest raw;
  raw.method = std::move(method);
  raw.target = std::move(target);
  raw.headers = req.headers;
  raw.body = std::move(body);
  return raw;
}

EngineOptions Harness::default_options() {
  EngineOptions options;
  options.quotas.enabled = false;
  return options;
}

Harness::Harness(EngineOptions options, inventory::Estate estate)
    : engine(std::make_unique<Engine>(default_services(), std::move(estate), clock, options)) {}

SimResponse Harness::call(const std::string& method, const std::string& target,
                          const std::string& body) {
  return call_as(signer, method, target, body);
}

SimResponse Harness::call_as(const Signer& as, const std::string& method, const std::string& target,
                             const std::string& body) {
  return engine->handle(signed_request(clock, as, method, target, body));
}

nlohmann::json Harness::json(const std::string& method, const std::string& target,
                             const std::string& body) {
  SimResponse response = call(method, target, body);
  if (response.body.empty()) return nullptr;
  return nlohmann::json::parse(response.body);
}

std::string error_code(const SimResponse& response) {
  std::string header(response.header("x-amzn-ErrorType"));
  if (!header.empty()) return header;
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("__type")) return body["__type"].get<std::string>();
  return {};
}

}  // namespace certguard::sim::testing
