#pragma once

// The emulator's request pipeline, independent of any socket:
//   admin API (/_sim/..., unsigned, loopback only)
//   -> SigV4 verification (credential scope: account, region, service)
//   -> operation name -> quota -> fault draw -> service handler (world lock held)
//   -> latency. Every step counts in Stats.
// The HTTP server (sim/app) feeds it RawRequests and sends the SimResponses back.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "certguard/aws/sigv4/signing_key.h"
#include "certguard/core/clock.h"
#include "certguard/inventory/estate/estate.h"
#include "sim/core/faults.h"
#include "sim/core/handler.h"
#include "sim/core/quotas.h"
#include "sim/core/sim_types.h"
#include "sim/core/stats.h"
#include "sim/core/world.h"

namespace certguard::sim {

struct EngineOptions {
  QuotaOptions quotas;
  LatencyOptions latency;
  FaultOptions faults;
  std::optional<inventory::EpochSeconds> now;  // --now: virtual clock at start
  std::uint64_t seed = 1;                      // ids the sim makes
};

struct RawRequest {
  std::string method;
  std::string target;  // raw path and query
  SimHeaders headers;
  std::string body;
  bool from_loopback = true;
};

class Engine {
 public:
  // `clock` is real time (signatures, quotas); it must outlive the engine.
  Engine(ServiceTable services, inventory::Estate estate, const Clock& clock,
         EngineOptions options);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  // Thread-safe. The rvalue form moves the headers and body instead of copying them.
  SimResponse handle(const RawRequest& raw);
  SimResponse handle(RawRequest&& raw);

  SimWorld& world() { return *world_; }
  [[nodiscard]] StatsSnapshot stats() const { return stats_.snapshot(); }

 private:
  SimResponse handle_admin(const RawRequest& raw, std::string_view path, const SimRequest& request);
  SimResponse handle_service(const RawRequest& raw, SimRequest& request);
  std::string next_request_id();

  ServiceTable services_;
  inventory::Estate initial_estate_;
  const Clock& clock_;
  EngineOptions options_;
  std::unique_ptr<SimWorld> world_;
  QuotaBook quotas_;
  FaultInjector faults_;
  Stats stats_;
  std::atomic<std::uint64_t> request_counter_{0};
  // Signing keys derived for verification, by (secret, date, region, service): a day's
  // requests with one key need one derivation instead of four HMACs each.
  aws::sigv4::SigningKeyCache key_cache_{256};
};

}  // namespace certguard::sim
