// REST APIs, stages, deployments and client certificates of one generated region.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "sim/generate/generate_context.h"

namespace certguard::sim::gen {
namespace {

using inventory::EpochSeconds;

// AWS allows 10 stages per API; past those the generator numbers them.
constexpr std::array<std::string_view, 10> kStageNames = {
    "prod", "Staging", "dev", "test", "qa", "uat", "perf", "demo", "sandbox", "canary"};
constexpr std::array<std::string_view, 12> kApiWords = {
    "orders",  "payments", "inventory", "billing", "search",   "profile",
    "catalog", "shipping", "auth",      "reports", "webhooks", "partners"};
constexpr std::array<std::string_view, 4> kTeams = {"platform", "checkout", "data", "identity"};
constexpr int kClientCertificateQuota = 60;

enum class Integration { kHttpProxy, kAwsProxy, kHttp, kMock, kMixed };
constexpr std::array<Integration, 5> kIntegrations = {Integration::kHttpProxy,
                                                      Integration::kAwsProxy, Integration::kHttp,
                                                      Integration::kMock, Integration::kMixed};
constexpr std::array<std::string_view, 3> kEndpointTypes = {"REGIONAL", "EDGE", "PRIVATE"};

inventory::ClientCertificate make_certificate(Context& ctx, Rng& rng, int index) {
  const EpochSeconds now = ctx.options.now;
  // Certificates live 365 days. Ages spread over 0..400 days; the first two of each
  // region are forced expired and expiring-within-30-days so every region has both.
  std::int64_t age_days = rng.between(0, 400);
  if (index == 0) age_days = rng.between(366, 400);
  if (index == 1) age_days = rng.between(336, 364);
  inventory::ClientCertificate cert;
  cert.id = ctx.unique_id(rng, 6);
  cert.created_date = now - age_days * kDay - rng.between(0, kDay - 1);
  cert.expiration_date = cert.created_date + 365 * kDay;
  cert.description = rng.percent(70) ? "backend auth " + std::to_string(index) : "";
  if (rng.percent(20)) cert.tags["owner"] = std::string(kTeams[rng.next() % kTeams.size()]);
  return cert;
}

std::string lambda_uri(std::string_view region, std::string_view account, std::string_view fn) {
  return "arn:aws:apigateway:" + std::string(region) +
         ":lambda:path/2015-03-31/functions/arn:aws:lambda:" + std::string(region) + ":" +
         std::string(account) + ":function:" + std::string(fn) + "/invocations";
}

inventory::Resource make_resource(Context& ctx, Rng& rng, const std::string& root_id,
                                  std::string path, std::string method, std::string type,
                                  std::string uri) {
  inventory::Resource res;
  res.id = ctx.unique_id(rng, 6);
  res.parent_id = root_id;
  res.path = std::move(path);
  inventory::MethodIntegration m;
  m.http_method = std::move(method);
  m.integration_type = std::move(type);
  m.uri = std::move(uri);
  if (m.integration_type == "HTTP" || m.integration_type == "HTTP_PROXY") {
    m.connection_type = rng.percent(15) ? "VPC_LINK" : "INTERNET";
  }
  res.methods.push_back(std::move(m));
  return res;
}

void add_resources(Context& ctx, Rng& rng, const inventory::Account& account,
                   const inventory::Region& region, inventory::RestApi& api, Integration kind) {
  // Built in one expression: `root.path = "/"` trips g++ 12's false -Wrestrict at -O3.
  inventory::Resource root{ctx.unique_id(rng, 10), std::string(), std::string("/"), {}};
  const std::string root_id = root.id;
  api.resources.push_back(std::move(root));
  const std::string backend = "https://" + api.name + ".backend.example.com";
  const std::string fn = api.name + "-handler";
  switch (kind) {
    case Integration::kHttpProxy:
      api.resources.push_back(
          make_resource(ctx, rng, root_id, "/{proxy+}", "ANY", "HTTP_PROXY", backend + "/{proxy}"));
      break;
    case Integration::kHttp:
      api.resources.push_back(
          make_resource(ctx, rng, root_id, "/orders", "GET", "HTTP", backend + "/orders"));
      break;
    case Integration::kAwsProxy:
      api.resources.push_back(make_resource(ctx, rng, root_id, "/items", "GET", "AWS_PROXY",
                                            lambda_uri(region.name, account.id, fn)));
      break;
    case Integration::kMock:
      api.resources.push_back(make_resource(ctx, rng, root_id, "/health", "GET", "MOCK", ""));
      break;
    case Integration::kMixed:
      api.resources.push_back(make_resource(ctx, rng, root_id, "/items", "POST", "AWS_PROXY",
                                            lambda_uri(region.name, account.id, fn)));
      api.resources.push_back(
          make_resource(ctx, rng, root_id, "/legacy", "GET", "HTTP", backend + "/legacy"));
      break;
  }
}

// Which certificate (if any) a stage points at. The first three stages of the estate
// are one of each kind; afterwards about 55 % attached, 37 % none, 8 % dangling.
enum class CertChoice { kAttached, kNone, kDangling };
CertChoice choose_certificate(Context& ctx, Rng& rng) {
  const int n = ctx.counters.stages++;
  if (n < 3) return static_cast<CertChoice>(n);
  const auto roll = rng.between(0, 99);
  if (roll < 55) return CertChoice::kAttached;
  if (roll < 92) return CertChoice::kNone;
  return CertChoice::kDangling;
}

struct CertificatePool {
  std::vector<std::string> attachable;  // certificates stages may use (round-robin)
  std::size_t next = 0;
};

inventory::Stage make_stage(Context& ctx, Rng& rng, const inventory::RestApi& api, int index,
                            CertificatePool& pool) {
  inventory::Stage stage;
  const auto i = static_cast<std::size_t>(index);
  stage.stage_name =
      i < kStageNames.size() ? std::string(kStageNames[i]) : "stage" + std::to_string(index);
  stage.deployment_id = api.deployments.front().id;
  stage.created_date = api.deployments.front().created_date;
  stage.last_updated_date = rng.between(stage.created_date, ctx.options.now);
  stage.description = rng.percent(50) ? stage.stage_name + " stage" : "";
  stage.tracing_enabled = rng.percent(30);
  if (rng.percent(40)) stage.variables["backendHost"] = api.name + ".backend.example.com";
  if (rng.percent(25)) stage.tags["env"] = stage.stage_name;
  switch (choose_certificate(ctx, rng)) {
    case CertChoice::kAttached:
      if (!pool.attachable.empty()) {
        stage.client_certificate_id = pool.attachable[pool.next++ % pool.attachable.size()];
      }
      break;
    case CertChoice::kNone:
      break;
    case CertChoice::kDangling:
      // A certificate deleted while the stage still referenced it.
      stage.client_certificate_id = ctx.unique_id(rng, 6);
      break;
  }
  return stage;
}

inventory::RestApi make_api(Context& ctx, Rng& rng, const inventory::Account& account,
                            const inventory::Region& region, int index, CertificatePool& pool) {
  const EpochSeconds now = ctx.options.now;
  const int n = ctx.counters.apis++;
  inventory::RestApi api;
  api.id = ctx.unique_id(rng, 10);
  api.name = std::string(kApiWords[rng.next() % kApiWords.size()]) + "-" + std::to_string(index);
  api.description = rng.percent(60) ? "The " + api.name + " API" : "";
  api.created_date = now - rng.between(30, 1500) * kDay;
  const int endpoint_roll = n < 3 ? n : static_cast<int>(rng.between(0, 9));
  // After the first three: 40 % REGIONAL, 30 % EDGE, 30 % PRIVATE.
  const std::size_t endpoint = endpoint_roll < 3   ? static_cast<std::size_t>(endpoint_roll)
                               : endpoint_roll < 6 ? 0
                               : endpoint_roll < 8 ? 1
                                                   : 2;
  api.endpoint_types = {std::string(kEndpointTypes[endpoint])};
  if (rng.percent(50)) api.tags["team"] = std::string(kTeams[rng.next() % kTeams.size()]);
  const auto kind = n < 5 ? kIntegrations[static_cast<std::size_t>(n)]
                          : kIntegrations[rng.next() % kIntegrations.size()];
  add_resources(ctx, rng, account, region, api, kind);
  inventory::Deployment deployment;
  deployment.id = ctx.unique_id(rng, 6);
  deployment.description = "initial deployment";
  deployment.created_date = rng.between(api.created_date, now);
  api.deployments.push_back(std::move(deployment));
  for (int s = 0; s < ctx.options.stages_per_api; ++s) {
    api.stages.push_back(make_stage(ctx, rng, api, s, pool));
  }
  return api;
}

}  // namespace

void add_apis(Context& ctx, Rng& rng, const inventory::Account& account,
              inventory::Region& region) {
  const int apis = ctx.options.apis_per_region;
  if (apis <= 0) return;
  const int stages_total = apis * ctx.options.stages_per_api;
  // Roughly one certificate per two attached stages, a tenth of them unused, all
  // within the 60-per-region quota.
  const int attachable = std::clamp((stages_total + 3) / 4, 2, kClientCertificateQuota - 5);
  const int unused = std::clamp(stages_total / 10, 1, kClientCertificateQuota - attachable);
  CertificatePool pool;
  for (int i = 0; i < attachable + unused; ++i) {
    auto cert = make_certificate(ctx, rng, i);
    if (i < attachable) pool.attachable.push_back(cert.id);
    region.client_certificates.push_back(std::move(cert));
  }
  for (int i = 0; i < apis; ++i)
    region.rest_apis.push_back(make_api(ctx, rng, account, region, i, pool));
}

}  // namespace certguard::sim::gen
