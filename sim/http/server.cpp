// The Beast/Asio implementation of sim/http/server.h.
//
// One event loop (io_context) per worker thread; each TCP connection (Session) lives on one
// loop for its whole life, so its handlers never run concurrently and need no strand, and
// the loops share nothing (no cross-thread wake-ups for work that stays on one connection).
// Sockets and timers use the loop's concrete executor type rather than any_io_executor.
// Requests on a connection are answered in order (no pipelining: the next request is read
// after the previous reply is written). The idle timeout is one timer per connection that
// is re-armed only when it fires, not a timer per read as beast::tcp_stream would set.
// Requests are parsed by Beast straight into a ServerRequest (request_parser.h); responses
// are written by hand (response_head.h): the head and the body go out in one gathered write.

#include "sim/http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "certguard/core/ascii.h"
#include "sim/http/request_parser.h"
#include "sim/http/response_head.h"

namespace certguard::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock,
                                         asio::wait_traits<std::chrono::steady_clock>, Executor>;

bool body_forbidden(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

}  // namespace

std::string_view ServerRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return {};
}

namespace detail {

struct ServerCore : std::enable_shared_from_this<ServerCore> {
  ServerCore(ServerOptions opts, Handler h) : options(std::move(opts)), handler(std::move(h)) {}

  // Declaration order matters: the loops are destroyed before the session registry (their
  // pending handlers own Sessions, whose destructors use the registry), and the acceptor
  // before the loop it belongs to.
  ServerOptions options;
  Handler handler;
  std::once_flag stopped;
  std::atomic<std::uint64_t> connections{0};
  std::atomic<std::uint64_t> requests{0};
  // Live sessions, so shutdown() can close their sockets once the threads are joined.
  std::mutex sessions_mu;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions;
  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::vector<asio::executor_work_guard<Executor>> keep_running;
  std::optional<Acceptor> acceptor;  // on loops[0]
  std::optional<Timer> accept_retry;
  std::size_t next_loop = 0;  // round-robin; touched only by the acceptor's handlers
  tcp::endpoint accept_peer;  // filled by the one accept in flight
  std::vector<std::thread> threads;

  void accept();
  void close_all_sessions();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `peer` comes from accept() itself (no getpeername() per connection).
  Session(Socket socket, ServerCore* core, std::uint64_t id, const tcp::endpoint& peer)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        idle_timer_(socket_.get_executor()),
        core_(core),
        id_(id),
        peer_(peer.address().to_string() + ":" + std::to_string(peer.port())) {}

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() {
    std::lock_guard lock(core_->sessions_mu);
    core_->sessions.erase(id_);
  }

  void start() {
    {
      std::lock_guard lock(core_->sessions_mu);
      core_->sessions.emplace(id_, weak_from_this());
    }
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      self->read();
      self->arm_idle(self->core_->options.idle_timeout);
    });
  }

  // From any thread. On this connection's own thread (the handler answering at once, the
  // usual case) the response is acted on directly; otherwise it hops onto the loop.
  void deliver(ServerResponse response) {
    if (socket_.get_executor().running_in_this_thread()) {
      on_response(std::move(response));
      return;
    }
    asio::post(socket_.get_executor(),
               [self = shared_from_this(), r = std::move(response)]() mutable {
                 self->on_response(std::move(r));
               });
  }

 private:
  // Reads the next request at once rather than waiting for the socket to become readable.
  // Asio runs the previous reply's completion handler only after the work queued ahead of
  // it, and a busy client has often sent its next request by then, so the read finds it;
  // when it does not, the failed recv() costs less than the epoll_ctl(MOD) that a wait costs
  // on every request (bench/sim/RESULTS.md, round 6).
  void read() {
    parser_.emplace(core_->options.body_limit);
    reading_ = true;
    read_started_ = std::chrono::steady_clock::now();
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](error_code ec, std::size_t /*n*/) { self->on_read(ec); });
  }

  // The idle timeout: a connection waiting longer than idle_timeout for its next request is
  // closed. The timer is re-armed only when it fires, for what is left of the timeout.
  // The wait holds a weak reference: a session whose Responders were all dropped without an
  // answer must still be destroyed at once (closing the connection), not at the timeout.
  void arm_idle(std::chrono::steady_clock::duration after) {
    idle_timer_.expires_after(after);
    idle_timer_.async_wait([weak = weak_from_this()](error_code ec) {
      if (ec) return;
      if (auto self = weak.lock()) self->on_idle();
    });
  }

  void on_idle() {
    if (closed_) return;
    const auto timeout = std::chrono::steady_clock::duration(core_->options.idle_timeout);
    if (!reading_) {  // busy with a request or stalled: the timeout does not apply
      arm_idle(timeout);
      return;
    }
    const auto waited = std::chrono::steady_clock::now() - read_started_;
    if (waited >= timeout) {
      close();
      return;
    }
    arm_idle(timeout - waited);
  }

  void on_read(error_code ec) {
    reading_ = false;
    if (ec) {
      // The client closed: nothing to shut down on our side before closing.
      close(/*shutdown_first=*/ec != http::error::end_of_stream);
      return;
    }
    keep_alive_ = parser_->keep_alive();
    head_request_ = parser_->head_request();
    ServerRequest out = parser_->take();
    parser_.reset();
    out.peer = peer_;
    out.connection_id = id_;
    core_->requests.fetch_add(1, std::memory_order_relaxed);
    answered_ = false;
    Responder responder(core_->shared_from_this(), shared_from_this());
    try {
      core_->handler(std::move(out), std::move(responder));
    } catch (const std::exception& e) {
      // A throwing handler is a bug in the emulator; answer 500 so the client sees it.
      ServerResponse r;
      r.status = 500;
      r.body = std::string("handler threw: ") + e.what();
      r.close_connection = true;
      on_response(std::move(r));
    }
  }

  void on_response(ServerResponse r) {
    if (answered_ || closed_) return;  // respond() called twice: ignore the second
    answered_ = true;
    if (r.delay.count() > 0) {
      timer_.expires_after(r.delay);
      r.delay = std::chrono::milliseconds{0};
      timer_.async_wait([self = shared_from_this(), resp = std::move(r)](error_code ec) mutable {
        if (ec) return;
        self->act(std::move(resp));
      });
      return;
    }
    act(std::move(r));
  }

  void act(ServerResponse r) {
    switch (r.fault) {
      case Fault::kReset: {
        closed_ = true;
        timer_.cancel();
        idle_timer_.cancel();
        error_code ignored;
        socket_.set_option(asio::socket_base::linger(true, 0), ignored);
        socket_.close(ignored);
        return;
      }
      case Fault::kStall:
        timer_.expires_after(core_->options.stall_timeout);
        timer_.async_wait([self = shared_from_this()](error_code ec) {
          if (!ec) self->close();
        });
        stall();
        return;
      case Fault::kNone:
        break;
    }
    write(std::move(r));
  }

  // Keep the connection open and silent until the peer closes it or the stall times out
  // (timer_, armed by act).
  void stall() {
    socket_.async_read_some(asio::buffer(stall_buf_),
                            [self = shared_from_this()](error_code ec, std::size_t /*n*/) {
                              if (ec) {
                                self->close();
                              } else {
                                self->stall();  // ignore whatever the client sends
                              }
                            });
  }

  void write(ServerResponse r) {
    const bool keep = keep_alive_ && !r.close_connection;
    head_.clear();
    body_.clear();
    if (body_forbidden(r.status)) {
      append_response_head(head_, r.status, r.headers, keep, std::nullopt);
    } else if (head_request_) {
      // A reply to HEAD announces the length of the body it does not send.
      append_response_head(head_, r.status, r.headers, keep, r.body.size());
    } else {
      append_response_head(head_, r.status, r.headers, keep, r.body.size());
      body_ = std::move(r.body);
    }
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_)};
    asio::async_write(socket_, buffers,
                      [self = shared_from_this(), keep](error_code ec, std::size_t /*n*/) {
                        self->body_ = std::string();  // do not hold a large body while idle
                        if (ec || !keep) {
                          self->close();
                        } else {
                          self->read();
                        }
                      });
  }

  // Only on this connection's loop, or after the worker threads have stopped.
  void close(bool shutdown_first = true) {
    closed_ = true;
    error_code ignored;
    timer_.cancel();
    idle_timer_.cancel();
    if (shutdown_first) socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
  }

  friend struct ServerCore;
  Socket socket_;
  Timer timer_;       // latency delays and stall timeouts
  Timer idle_timer_;  // the idle timeout
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::string head_;  // the response being written; reused, so it keeps its capacity
  std::string body_;
  char stall_buf_[256]{};
  ServerCore* core_;  // outlives every Session: the loops holding them live in it
  std::uint64_t id_;
  std::string peer_;
  std::chrono::steady_clock::time_point read_started_;
  bool reading_ = false;  // waiting for a request (the idle timeout applies)
  bool closed_ = false;
  bool keep_alive_ = true;
  bool head_request_ = false;
  bool answered_ = false;
};

void ServerCore::accept() {
  asio::io_context& loop = *loops[next_loop];
  next_loop = (next_loop + 1) % loops.size();
  acceptor->async_accept(loop, accept_peer, [this](error_code ec, Socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (ec) {
      // Out of descriptors and the like: back off briefly rather than spin.
      accept_retry->expires_after(std::chrono::milliseconds(10));
      accept_retry->async_wait([this](error_code wait_ec) {
        if (!wait_ec) accept();
      });
      return;
    }
    std::uint64_t id = connections.fetch_add(1, std::memory_order_relaxed) + 1;
    std::make_shared<Session>(std::move(socket), this, id, accept_peer)->start();
    accept();
  });
}

void ServerCore::close_all_sessions() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mu);
    for (auto& [id, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->close();
}

}  // namespace detail

void Responder::respond(ServerResponse response) const {
  if (session_) session_->deliver(std::move(response));
}

Result<std::unique_ptr<HttpServer>> HttpServer::start(ServerOptions options, Handler handler) {
  auto core = std::make_shared<detail::ServerCore>(std::move(options), std::move(handler));
  error_code ec;
  auto address = asio::ip::make_address(core->options.address, ec);
  if (ec) {
    return make_error(ErrorKind::kConfig, "HTTP server: bad listen address '" +
                                              core->options.address + "': " + ec.message());
  }
  const int n = std::max(1, core->options.threads);
  for (int i = 0; i < n; ++i) {
    // One thread per loop: the concurrency hint lets Asio skip work meant for many.
    core->loops.push_back(std::make_unique<asio::io_context>(1));
    core->keep_running.push_back(asio::make_work_guard(*core->loops.back()));
  }
  tcp::endpoint endpoint(address, core->options.port);
  core->acceptor.emplace(core->loops.front()->get_executor());
  core->accept_retry.emplace(core->loops.front()->get_executor());
  auto& acc = *core->acceptor;
  // TCP_NODELAY on the listening socket: Linux copies it to every accepted connection, so
  // one call here saves a setsockopt() per connection.
  if (acc.open(endpoint.protocol(), ec) ||
      acc.set_option(asio::socket_base::reuse_address(true), ec) ||
      acc.set_option(tcp::no_delay(true), ec) || acc.bind(endpoint, ec) ||
      acc.listen(asio::socket_base::max_listen_connections, ec)) {
    return make_error(ErrorKind::kNetwork, "HTTP server: cannot listen on " +
                                               core->options.address + ":" +
                                               std::to_string(core->options.port) + ": " +
                                               ec.message() + " (is the port in use?)");
  }
  auto port = acc.local_endpoint().port();
  core->accept();
  for (auto& loop : core->loops) {
    core->threads.emplace_back([l = loop.get()] { l->run(); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(core), port));
}

HttpServer::HttpServer(std::shared_ptr<detail::ServerCore> core, std::uint16_t port)
    : core_(std::move(core)), port_(port) {}

HttpServer::~HttpServer() {
  shutdown();
}

std::string HttpServer::base_url() const {
  return "http://" + core_->options.address + ":" + std::to_string(port_);
}

ServerStats HttpServer::stats() const {
  return {core_->connections.load(std::memory_order_relaxed),
          core_->requests.load(std::memory_order_relaxed)};
}

void HttpServer::shutdown() {
  if (!core_) return;
  std::call_once(core_->stopped, [c = core_.get()] {
    asio::post(c->acceptor->get_executor(), [c] {
      error_code ignored;
      c->acceptor->close(ignored);
      c->accept_retry->cancel();
    });
    for (auto& loop : c->loops) loop->stop();
    for (auto& t : c->threads) t.join();
    c->threads.clear();
    // No thread runs handlers now: close the sockets directly so clients see the end.
    error_code ignored;
    c->acceptor->close(ignored);
    c->close_all_sessions();
  });
}

}  // namespace certguard::sim
