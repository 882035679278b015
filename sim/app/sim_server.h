#pragma once

// certguard-sim on a socket: the Engine behind sim/http's HttpServer. Also the
// in-process fixture for C++ tests:
//
//   auto server = sim::SimServer::start(sim::SimWorld::default_estate(), {});
//   ... talk to (*server)->base_url() with key testing/testing ...
//   (*server)->shutdown();

#include <cstdint>
#include <memory>
#include <string>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "certguard/inventory/estate/estate.h"
#include "sim/core/engine.h"
#include "sim/core/handler.h"
#include "sim/http/server.h"

namespace certguard::sim {

struct SimServerOptions {
  EngineOptions engine;
  std::uint16_t port = 0;  // 0: any free port
  int threads = 2;
};

class SimServer {
 public:
  // Starts on 127.0.0.1 with default_services(). Errors: kNetwork when the port cannot
  // be bound.
  static Result<std::unique_ptr<SimServer>> start(inventory::Estate estate,
                                                  SimServerOptions options);
  // As above with an explicit service table and clock (tests); `clock` must outlive it.
  static Result<std::unique_ptr<SimServer>> start(inventory::Estate estate,
                                                  SimServerOptions options, ServiceTable services,
                                                  const Clock& clock);
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;
  ~SimServer();

  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] std::string base_url() const;  // "http://127.0.0.1:PORT"
  Engine& engine() { return *engine_; }
  // Stops the server (idempotent).
  void shutdown();

 private:
  SimServer() = default;
  static Result<std::unique_ptr<SimServer>> start_into(std::unique_ptr<SimServer> server,
                                                       inventory::Estate estate,
                                                       const SimServerOptions& options,
                                                       ServiceTable services, const Clock* clock);
  SystemClock system_clock_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<HttpServer> http_;
};

// The name the brief uses for the fixture.
using TestServer = SimServer;

}  // namespace certguard::sim
