#include "sim/app/sim_server.h"

#include "sim/app/service_table.h"

namespace certguard::sim {

namespace {
bool is_loopback(std::string_view peer) {
  return peer.rfind("127.", 0) == 0 || peer.rfind("::1", 0) == 0 || peer.rfind("[::1]", 0) == 0;
}

Fault to_fault(FaultAction action) {
  switch (action) {
    case FaultAction::kReset:
      return Fault::kReset;
    case FaultAction::kStall:
      return Fault::kStall;
    case FaultAction::kNone:
      break;
  }
  return Fault::kNone;
}

// The server thread runs the engine synchronously (it never blocks: handlers are
// in-memory) and lets the server apply latency on a timer.
void serve_one(Engine* engine, ServerRequest in, const Responder& responder) {
  RawRequest raw;
  raw.method = std::move(in.method);
  raw.target = std::move(in.target);
  raw.headers = std::move(in.headers);
  raw.body = std::move(in.body);
  raw.from_loopback = is_loopback(in.peer);
  SimResponse out = engine->handle(std::move(raw));
  ServerResponse response;
  response.status = out.status;
  response.headers = std::move(out.headers);
  response.body = std::move(out.body);
  response.delay = out.delay;
  response.fault = to_fault(out.fault);
  responder.respond(std::move(response));
}
}  // namespace

Result<std::unique_ptr<SimServer>> SimServer::start(inventory::Estate estate,
                                                    SimServerOptions options) {
  std::unique_ptr<SimServer> server(new SimServer());
  return start_into(std::move(server), std::move(estate), options, default_services(), nullptr);
}

Result<std::unique_ptr<SimServer>> SimServer::start(inventory::Estate estate,
                                                    SimServerOptions options, ServiceTable services,
                                                    const Clock& clock) {
  std::unique_ptr<SimServer> server(new SimServer());
  return start_into(std::move(server), std::move(estate), options, std::move(services), &clock);
}

Result<std::unique_ptr<SimServer>> SimServer::start_into(std::unique_ptr<SimServer> server,
                                                         inventory::Estate estate,
                                                         const SimServerOptions& options,
                                                         ServiceTable services,
                                                         const Clock* clock) {
  const Clock& use_clock = clock != nullptr ? *clock : server->system_clock_;
  server->engine_ =
      std::make_unique<Engine>(std::move(services), std::move(estate), use_clock, options.engine);
  ServerOptions http_options;
  http_options.port = options.port;
  http_options.threads = options.threads;
  Engine* engine = server->engine_.get();
  auto http =
      HttpServer::start(http_options, [engine](ServerRequest request, const Responder& responder) {
        serve_one(engine, std::move(request), responder);
      });
  if (!http) return http.error();
  server->http_ = std::move(http).value();
  return server;
}

SimServer::~SimServer() {
  shutdown();
}

std::uint16_t SimServer::port() const {
  return http_ ? http_->bound_port() : 0;
}

std::string SimServer::base_url() const {
  return http_ ? http_->base_url() : std::string();
}

void SimServer::shutdown() {
  if (http_) http_->shutdown();
}

}  // namespace certguard::sim
