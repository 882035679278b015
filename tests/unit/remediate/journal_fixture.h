#pragma once

// The base of the remediation tests that apply plans: a fresh folder with a journal store
// in it, the in-process sim, and ApplyDeps whose client is the sim's.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>

#include "certguard/remediate/apply.h"
#include "certguard/remediate/journal.h"
#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"
#include "certguard/store/store.h"
#include "sim_fixture.h"

namespace certguard::remediate::testing {

class SimJournalTest : public ::testing::Test {
 protected:
  // Call from SetUp. `clock` drives the journal and pacing (nullptr: the sim's real clock).
  // Redeploys are paced 10 ms apart instead of AWS's 5 s.
  void start(std::string_view prefix, inventory::Estate estate, sim::SimServerOptions options,
             const Clock* clock = nullptr) {
    dir_ = fresh_test_dir(prefix);
    auto s = store::Store::open((dir_ / "db").string());
    ASSERT_TRUE(s.ok()) << s.error().describe();
    store_ = std::move(*s);
    sim_ = std::make_unique<SimFixture>(std::move(estate), options);
    deps_.client = [this](const std::string&,
                          const std::string&) -> Result<services::apigateway::ApiGatewayClient*> {
      return sim_->client();
    };
    deps_.clock = clock != nullptr ? clock : &sim_->clock();
    deps_.sleeper = &sim_->loop();
    deps_.deployment_interval = std::chrono::milliseconds(10);
  }
  void TearDown() override {
    sim_.reset();
    std::filesystem::remove_all(dir_);
  }

  // kRegion as API Gateway has it now.
  inventory::Region read() {
    auto r = sim_->loop().run(read_region(sim_->client(), kRegion, false));
    EXPECT_TRUE(r.ok()) << r.error().describe();
    return r.ok() ? *r : inventory::Region{};
  }

  // A run that died right after its GenerateClientCertificate went through, before the
  // result was journaled: the run is "applying", its intent pending, and the certificate
  // (tagged certguard:managed, certguard:run and `tag` = `value`) exists in the sim.
  // Returns the certificate's id; empty (after a test failure) if it could not be set up.
  std::string die_after_generate(const std::string& run, const std::string& kind,
                                 const std::string& resource, std::string_view tag,
                                 const std::string& value) {
    store::RunRecord r;
    r.id = run;
    r.kind = kind;
    r.status = "applying";
    EXPECT_TRUE(store_->create_run(r).ok());
    Journal journal(store_.get(), run, deps_.clock);
    store::JournalEntry e;
    e.operation = "GenerateClientCertificate";
    e.account = kAccount;
    e.region = kRegion;
    e.resource = resource;
    EXPECT_TRUE(journal.intent(e).ok());
    services::apigateway::GenerateClientCertificateRequest req;
    req.tags = {
        {std::string(kTagManaged), "true"}, {std::string(kTagRun), run}, {std::string(tag), value}};
    auto made = sim_->loop().run(sim_->client()->generate_client_certificate(req));
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->client_certificate_id : std::string{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<SimFixture> sim_;
  ApplyDeps deps_;
};

}  // namespace certguard::remediate::testing
