#pragma once

// An in-process certguard-sim and an API Gateway client talking to it over HTTP, plus a
// small estate with every case fix handles: a stage without a certificate, a stage with a
// valid one, a dangling id and an expired certificate in use.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "certguard/aws/auth/static_provider.h"
#include "certguard/aws/client/aws_client.h"
#include "certguard/aws/client/sigv4_signer.h"
#include "certguard/aws/http/curl_event_loop.h"
#include "certguard/services/apigateway/apigateway_client.h"
#include "sim/app/sim_server.h"

namespace certguard::remediate::testing {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kRegion = "us-east-1";

// A fresh, empty folder for the running test: TMP/cg-PREFIX-PID-TESTNAME.
inline std::filesystem::path fresh_test_dir(std::string_view prefix) {
  auto dir = std::filesystem::temp_directory_path() /
             fmt::format("cg-{}-{}-{}", prefix, ::getpid(),
                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline inventory::EpochSeconds now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline inventory::Stage stage(const std::string& name, const std::string& cert) {
  inventory::Stage s;
  s.stage_name = name;
  s.deployment_id = "dep1";
  s.client_certificate_id = cert;
  return s;
}

// A root resource with one HTTP-integrated method: API Gateway (and the sim) refuses
// CreateDeployment for a REST API without methods.
inline std::vector<inventory::Resource> http_resources(const std::string& backend) {
  inventory::Resource root;
  root.id = "root";
  root.path = "/";
  root.methods.push_back({"GET", "HTTP_PROXY", backend, "INTERNET"});
  return {root};
}

// A regional REST API deployed 1000 s ago, with an HTTP method to https://NAME.example.com/.
inline inventory::RestApi rest_api(const std::string& id, const std::string& name,
                                   std::vector<inventory::Stage> stages) {
  inventory::RestApi api;
  api.id = id;
  api.name = name;
  api.endpoint_types = {"REGIONAL"};
  api.deployments.push_back({"dep1", "", now_seconds() - 1000});
  api.resources = http_resources("https://" + name + ".example.com/");
  api.stages = std::move(stages);
  return api;
}

inline inventory::Estate fixture_estate() {
  inventory::Estate estate = sim::SimWorld::default_estate();
  inventory::Region region;
  region.name = kRegion;
  region.rest_apis = {
      rest_api("a1orders", "orders", {stage("prod", ""), stage("dev", "okcert")}),
      rest_api("a2users", "users", {stage("prod", "gonecert"), stage("beta", "expcert")})};
  inventory::ClientCertificate ok;
  ok.id = "okcert";
  ok.created_date = now_seconds() - 86400;
  ok.expiration_date = now_seconds() + 200 * 86400;
  inventory::ClientCertificate expired = ok;
  expired.id = "expcert";
  expired.created_date = now_seconds() - 400 * 86400;
  expired.expiration_date = now_seconds() - 35 * 86400;
  region.client_certificates = {expired, ok};
  estate.accounts[0].regions.push_back(region);
  return estate;
}

inline constexpr std::int64_t kDay = 86400;

// A client certificate made 300 days ago that expires in `expires_in_days`.
inline inventory::ClientCertificate certificate(const std::string& id,
                                                std::int64_t expires_in_days) {
  inventory::ClientCertificate c;
  c.id = id;
  c.created_date = now_seconds() - 300 * kDay;
  c.expiration_date = now_seconds() + expires_in_days * kDay;
  return c;
}

// The rotation case in kRegion: oldsoon (expires in 10 days) is used by three stages of two
// APIs; okcert (200 days) by one; unused (5 days) by none.
inline inventory::Region rotate_region() {
  inventory::Region region;
  region.name = kRegion;
  region.rest_apis = {
      rest_api("a1orders", "orders", {stage("prod", "oldsoon"), stage("dev", "oldsoon")}),
      rest_api("a2users", "users", {stage("prod", "oldsoon"), stage("beta", "okcert")})};
  region.client_certificates = {certificate("oldsoon", 10), certificate("okcert", 200),
                                certificate("unused", 5)};
  return region;
}

// An organization of two accounts (kAccount, its management account, and kOtherAccount),
// each with the role kRole and `region` in it.
inline constexpr const char* kOtherAccount = "210987654321";
inline constexpr const char* kRole = "CertguardRemediate";
inline inventory::Estate organization_estate(const inventory::Region& region) {
  inventory::Estate estate = sim::SimWorld::default_estate();
  estate.management_account_id = kAccount;
  inventory::Account other;
  other.id = kOtherAccount;
  other.name = "workload";
  other.email = "workload@example.com";
  estate.accounts.push_back(other);
  for (auto& account : estate.accounts) {
    account.roles.push_back(inventory::Role{kRole, {}, {}});
    account.regions.push_back(region);
  }
  return estate;
}

// The sim plus one API Gateway client for kRegion.
class SimFixture {
 public:
  explicit SimFixture(inventory::Estate estate, sim::SimServerOptions options = {}) {
    auto started = sim::SimServer::start(std::move(estate), options);
    if (!started.ok()) throw std::runtime_error(started.error().describe());
    server_ = std::move(*started);
    aws::Credentials creds;
    creds.access_key_id = "testing";
    creds.secret_access_key = "testing";
    credentials_ = std::make_unique<aws::StaticProvider>(creds);
    aws::ClientConfig cc;
    cc.endpoint_url = server_->base_url();
    cc.signing_region = kRegion;
    cc.signing_name = "apigateway";
    cc.accept_json = true;
    aws::ClientDeps deps;
    deps.transport = &loop_;
    deps.credentials = credentials_.get();
    deps.signer = &signer_;
    deps.clock = &clock_;
    deps.sleeper = &loop_;
    aws_ = std::make_unique<aws::AwsClient>(cc, deps);
    client_ = std::make_unique<services::apigateway::ApiGatewayClient>(*aws_);
  }
  ~SimFixture() { server_->shutdown(); }
  SimFixture(const SimFixture&) = delete;
  SimFixture& operator=(const SimFixture&) = delete;

  aws::CurlEventLoop& loop() { return loop_; }
  services::apigateway::ApiGatewayClient* client() { return client_.get(); }
  const Clock& clock() const { return clock_; }
  std::string url() const { return server_->base_url(); }
  // Points kRegion's stage at `cert` (UpdateStage replace), as somebody else might.
  Status attach(const std::string& api, const std::string& stage_name, const std::string& cert) {
    services::apigateway::UpdateStageRequest req;
    req.rest_api_id = api;
    req.stage_name = stage_name;
    services::apigateway::PatchOperation op;
    op.op = "replace";
    op.path = "/clientCertificateId";
    op.value = cert;
    req.patch_operations.push_back(op);
    auto r = loop_.run(client_->update_stage(req));
    if (!r.ok()) return r.error();
    return {};
  }
  // The sim's state of one account-region right now (empty if it has none).
  inventory::Region region(const std::string& account, const std::string& name = kRegion) {
    auto& world = server_->engine().world();
    auto lock = world.lock();
    const inventory::Account* a = world.account(account);
    if (a != nullptr) {
      for (const auto& r : a->regions) {
        if (r.name == name) return r;
      }
    }
    return {};
  }
  // Changes the sim's fault injection ("5xx=0.05,reset=0.02", "none") through its admin API.
  bool set_faults(const std::string& spec) {
    sim::RawRequest r;
    r.method = "POST";
    r.target = "/_sim/faults";
    r.body = std::string(R"({"spec": ")") + spec + "\"}";
    return server_->engine().handle(r).status == 200;
  }

 private:
  std::unique_ptr<sim::SimServer> server_;
  SystemClock clock_;
  aws::CurlEventLoop loop_;
  aws::Sigv4Signer signer_;
  std::unique_ptr<aws::CredentialsProvider> credentials_;
  std::unique_ptr<aws::AwsClient> aws_;
  std::unique_ptr<services::apigateway::ApiGatewayClient> client_;
};

}  // namespace certguard::remediate::testing
