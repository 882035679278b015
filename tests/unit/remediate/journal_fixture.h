#pragma once

// The base of the remediation tests that apply plans: a fresh folder with a journal store
// in it, the in-process sim, and ApplyDeps whose client is the sim's.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>

#include "certguard/remediate/apply.h"
#include "certguard/remediate/region_state.h"
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

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<SimFixture> sim_;
  ApplyDeps deps_;
};

}  // namespace certguard::remediate::testing
