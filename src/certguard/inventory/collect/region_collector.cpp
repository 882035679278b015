#include "certguard/inventory/collect/region_collector.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <utility>

#include "certguard/aws/client/aws_client.h"
#include "certguard/aws/client/call_stats.h"
#include "certguard/inventory/collect/aws_calls.h"
#include "certguard/inventory/collect/convert.h"
#include "certguard/services/apigateway/apigateway_client.h"

namespace certguard::inventory {
namespace {

namespace ag = services::apigateway;

// Shared by the concurrent reads of one region (all on the loop's one thread).
struct RegionState {
  ag::ApiGatewayClient* apigateway = nullptr;
  aws::AwsClient* acm = nullptr;
  Region* region = nullptr;
  std::vector<std::string>* warnings = nullptr;
  std::optional<Error> fatal;  // the first failure of a region-wide read
};

void record_fatal(RegionState* state, const Error& error) {
  if (!state->fatal) state->fatal = error;
}

Task<void> read_stages(RegionState* state, RestApi* api) {
  ag::GetStagesRequest request{.rest_api_id = api->id, .deployment_id = {}};
  auto call = state->apigateway->get_stages(request);
  Result<std::vector<ag::Stage>> stages = co_await std::move(call);
  if (!stages.ok()) {
    api->stages_known = false;
    state->warnings->push_back(stages.error().describe());
    co_return;
  }
  for (const auto& stage : *stages) api->stages.push_back(to_estate(stage));
}

Task<void> read_resources(RegionState* state, RestApi* api) {
  std::string rest_api_id = api->id;
  auto call = state->apigateway->get_all_resources(rest_api_id);
  Result<std::vector<ag::Resource>> resources = co_await std::move(call);
  if (!resources.ok()) {
    api->resources_known = false;
    state->warnings->push_back(resources.error().describe());
    co_return;
  }
  for (const auto& resource : *resources) api->resources.push_back(to_estate(resource));
}

Task<void> read_client_certificates(RegionState* state) {
  auto call = state->apigateway->get_all_client_certificates();
  Result<std::vector<ag::ClientCertificate>> certs = co_await std::move(call);
  if (!certs.ok()) {
    record_fatal(state, certs.error());
    co_return;
  }
  for (const auto& cert : *certs) state->region->client_certificates.push_back(to_estate(cert));
}

Task<void> read_domain_names(RegionState* state) {
  auto call = state->apigateway->get_all_domain_names();
  Result<std::vector<ag::DomainName>> domains = co_await std::move(call);
  if (!domains.ok()) {
    record_fatal(state, domains.error());
    co_return;
  }
  for (const auto& domain : *domains) state->region->domain_names.push_back(to_estate(domain));
}

Task<void> read_acm(RegionState* state) {
  std::string region = state->region->name;
  auto call = list_acm_certificates(*state->acm, region);
  Result<std::vector<AcmCertificate>> certs = co_await std::move(call);
  if (!certs.ok()) {
    record_fatal(state, certs.error());
    co_return;
  }
  state->region->acm_certificates = std::move(*certs);
}

void fill_stats(const aws::CallStats& stats, RegionScanStatus& scan) {
  for (const auto& [operation, counts] : stats.snapshot()) {
    scan.calls[operation] = static_cast<int>(counts.attempts);
    scan.throttled += static_cast<int>(counts.throttles);
  }
}

}  // namespace

Region region_error(const std::string& name, const Error& error) {
  Region region;
  region.name = name;
  region.scan.state = ScanState::kError;
  region.scan.error_kind = std::string(to_string(error.kind));
  region.scan.error_message = error.describe();
  return region;
}

Task<RegionOutcome> collect_region(const CollectorDeps* deps, const CollectOptions* options,
                                   aws::CredentialsProvider* credentials, std::string account_id,
                                   std::string region_name) {
  RegionOutcome out;
  Result<aws::Endpoint> apigateway_endpoint =
      deps->endpoint(aws::ServiceId::kApiGateway, region_name);
  Result<aws::Endpoint> acm_endpoint = deps->endpoint(aws::ServiceId::kAcm, region_name);
  if (!apigateway_endpoint.ok() || !acm_endpoint.ok()) {
    const Error& error =
        apigateway_endpoint.ok() ? acm_endpoint.error() : apigateway_endpoint.error();
    out.region = region_error(region_name, error);
    co_return out;
  }

  aws::CallStats stats;
  RegionPacer pacer(options->pacing, *deps->clock, *deps->sleeper);
  std::unique_ptr<aws::RetryPolicy> apigateway_retry =
      deps->make_retry ? deps->make_retry() : nullptr;
  std::unique_ptr<aws::RetryPolicy> acm_retry = deps->make_retry ? deps->make_retry() : nullptr;
  aws::ClientDeps common{.transport = deps->transport,
                         .credentials = credentials,
                         .signer = deps->signer,
                         .clock = deps->clock,
                         .sleeper = deps->sleeper,
                         .retry = nullptr,
                         .limiter = nullptr,
                         .stats = &stats,
                         .debug = deps->debug};
  aws::ClientDeps apigateway_deps = common;
  apigateway_deps.retry = apigateway_retry.get();
  apigateway_deps.limiter = &pacer;
  aws::ClientDeps acm_deps = common;
  acm_deps.retry = acm_retry.get();
  aws::AwsClient apigateway_client(aws::client_config_for(*apigateway_endpoint), apigateway_deps);
  aws::AwsClient acm_client(aws::client_config_for(*acm_endpoint), acm_deps);
  ag::ApiGatewayClient apigateway(apigateway_client);

  out.region.name = region_name;
  auto list_apis = apigateway.get_all_rest_apis();
  Result<std::vector<ag::RestApi>> apis = co_await std::move(list_apis);
  if (!apis.ok()) {
    out.region = region_error(region_name, apis.error());
    fill_stats(stats, out.region.scan);
    co_return out;
  }
  out.region.rest_apis.reserve(apis->size());
  for (const auto& api : *apis) out.region.rest_apis.push_back(to_estate(api));

  RegionState state;
  state.apigateway = &apigateway;
  state.acm = &acm_client;
  state.region = &out.region;
  state.warnings = &out.warnings;
  std::vector<Task<void>> reads;
  reads.reserve(2 * out.region.rest_apis.size() + 3);
  reads.push_back(read_client_certificates(&state));
  reads.push_back(read_domain_names(&state));
  reads.push_back(read_acm(&state));
  for (auto& api : out.region.rest_apis) {
    reads.push_back(read_stages(&state, &api));
    if (options->read_integrations) {
      reads.push_back(read_resources(&state, &api));
    } else {
      api.resources_known = false;
    }
  }
  auto all = when_all(std::move(reads));
  co_await std::move(all);

  if (state.fatal) {
    Region failed = region_error(region_name, *state.fatal);
    // Keep what was read (the snapshot shows it); the state makes every rule say ERROR.
    out.region.scan = failed.scan;
  }
  const std::string prefix = fmt::format("{} {}: ", account_id, region_name);
  for (auto& warning : out.warnings) warning.insert(0, prefix);
  fill_stats(stats, out.region.scan);
  co_return out;
}

}  // namespace certguard::inventory
