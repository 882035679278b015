#pragma once

// Builds SimRequests the way the engine hands them to a service handler (signature
// already verified, operation set), against a SimWorld on a pinned clock.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "certguard/core/clock.h"
#include "sim/core/sim_types.h"
#include "sim/core/world.h"

namespace certguard::sim::testing {

inline constexpr inventory::EpochSeconds kNow = 1767225600;  // 2026-01-01

struct HandlerFixture {
  ManualClock clock{WallTime(std::chrono::seconds(kNow))};
  std::unique_ptr<SimWorld> world;

  explicit HandlerFixture(inventory::Estate estate)
      : world(std::make_unique<SimWorld>(std::move(estate), clock, kNow)) {}

  static SimRequest request(std::string op, std::string account, std::string region) {
    SimRequest r;
    r.method = "POST";
    r.raw_path = "/";
    r.operation = std::move(op);
    r.account_id = std::move(account);
    r.region = std::move(region);
    r.principal_arn = "arn:aws:iam::" + r.account_id + ":root";
    r.access_key_id = "AKIATEST";
    r.request_id = "req-1";
    return r;
  }
  static SimRequest json_request(std::string op, std::string account, std::string region,
                                 const nlohmann::json& body) {
    SimRequest r = request(std::move(op), std::move(account), std::move(region));
    r.body = body.dump();
    return r;
  }
};

inline nlohmann::json body_json(const SimResponse& r) {
  return nlohmann::json::parse(r.body);
}

}  // namespace certguard::sim::testing
