#pragma once

// A small, generic HTTP/1.1 server for tests and the emulator (certguard-sim).
//
// It listens on 127.0.0.1 (port 0 by default: read the port back with bound_port()),
// runs N worker threads, keeps connections alive, and hands each request to an
// asynchronous handler: the handler gets the request and a Responder, and may answer
// at once or later from any thread. A response can ask the server to wait before
// sending it (latency injection without blocking a thread), or carry a fault: reset
// the connection without replying, or stall (never reply).
//
// Boost.Beast stays inside server.cpp; this header needs only the standard library.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "certguard/core/result.h"

namespace certguard::sim {

// Header names exactly as sent, in order.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct ServerRequest {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // raw path and query, not decoded: "/restapis?limit=5"
  HeaderList headers;
  std::string body;
  std::string peer;                 // "127.0.0.1:54321"
  std::uint64_t connection_id = 0;  // same value for requests on one kept-alive connection

  // Case-insensitive; the first match, or an empty view.
  [[nodiscard]] std::string_view header(std::string_view name) const;
};

enum class Fault {
  kNone,
  kReset,  // close the connection at once (RST) without a reply
  kStall,  // never reply; the connection closes when the client gives up or after
           // ServerOptions::stall_timeout
};

struct ServerResponse {
  int status = 200;
  HeaderList headers;  // Content-Length is computed by the server; do not set it
  std::string body;
  std::chrono::milliseconds delay{0};  // wait this long (on a timer) before acting
  Fault fault = Fault::kNone;
  bool close_connection = false;  // send "Connection: close" and close after the reply
};

namespace detail {
class Session;
struct ServerCore;
}  // namespace detail

// Answers one request. Copyable; call respond() exactly once, from any thread. Dropping
// every copy without responding closes the connection (the client sees a reset).
class Responder {
 public:
  void respond(ServerResponse response) const;

 private:
  friend class detail::Session;
  Responder(std::shared_ptr<detail::ServerCore> core, std::shared_ptr<detail::Session> session)
      : core_(std::move(core)), session_(std::move(session)) {}
  std::shared_ptr<detail::ServerCore> core_;  // keeps the io_context alive for respond()
  std::shared_ptr<detail::Session> session_;
};

// Called on a server thread for every request. It must not block: answer through the
// Responder, now or later (use ServerResponse::delay for latency). A handler may take
// `const ServerRequest&, const Responder&` (respond() is const; copy the Responder to
// answer later).
using Handler = std::function<void(ServerRequest, Responder)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: pick a free port
  int threads = 2;
  std::size_t body_limit = std::size_t{16} << 20U;
  std::chrono::milliseconds idle_timeout{60000};    // kept-alive connection with no request
  std::chrono::milliseconds stall_timeout{300000};  // a stalled request gives up after this
};

struct ServerStats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t requests = 0;
};

class HttpServer {
 public:
  // Binds and starts the worker threads. Errors: kNetwork if the address cannot be bound.
  static Result<std::unique_ptr<HttpServer>> start(ServerOptions options, Handler handler);

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();

  [[nodiscard]] std::uint16_t bound_port() const { return port_; }
  // "http://127.0.0.1:PORT"
  [[nodiscard]] std::string base_url() const;
  [[nodiscard]] ServerStats stats() const;

  // Stops accepting, drops every connection and joins the threads. Idempotent; must not
  // be called from a handler.
  void shutdown();

 private:
  explicit HttpServer(std::shared_ptr<detail::ServerCore> core, std::uint16_t port);
  std::shared_ptr<detail::ServerCore> core_;
  std::uint16_t port_ = 0;
};

}  // namespace certguard::sim
