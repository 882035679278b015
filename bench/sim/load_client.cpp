#include "bench/sim/load_client.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <memory>
#include <utility>

namespace certguard::bench {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Shared {
  const LoadPlan* plan = nullptr;
  LoadResult* result = nullptr;
  Clock::time_point deadline = Clock::time_point::max();
  Clock::time_point connects_started;
  Clock::time_point started;  // when the first requests went out
  int connected = 0;
  int opened = 0;
  std::vector<std::function<void()>> ready;  // starts once every connection is open
};

// One keep-alive connection: write a request, read its response, repeat.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, Shared& shared, std::size_t first)
      : socket_(io), shared_(shared), next_(first) {}

  void open(const tcp::endpoint& endpoint) {
    socket_.async_connect(endpoint, [self = shared_from_this()](boost::system::error_code ec) {
      self->on_connect(ec);
    });
  }

 private:
  void on_connect(boost::system::error_code ec) {
    ++shared_.opened;
    if (ec) {
      ++shared_.result->failed_connections;
    } else {
      socket_.set_option(tcp::no_delay(true));
      ++shared_.connected;
      shared_.ready.emplace_back([self = shared_from_this()] { self->send(); });
    }
    if (shared_.opened == shared_.plan->connections) start_all();
  }

  void start_all() {
    shared_.started = Clock::now();
    shared_.result->connect_time = std::chrono::duration_cast<std::chrono::microseconds>(
        shared_.started - shared_.connects_started);
    if (shared_.plan->duration.count() > 0) {
      shared_.deadline = shared_.started + shared_.plan->duration;
    }
    auto ready = std::move(shared_.ready);
    for (auto& f : ready) f();
  }

  void send() {
    const auto& requests = shared_.plan->requests;
    const std::string& request = requests[next_++ % requests.size()];
    sent_at_ = Clock::now();
    asio::async_write(socket_, asio::buffer(request),
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        if (ec) return self->fail();
                        self->read();
                      });
  }

  void read() {
    response_ = {};
    http::async_read(socket_, buffer_, response_,
                     [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                       if (ec) return self->fail();
                       self->on_response();
                     });
  }

  void on_response() {
    const auto now = Clock::now();
    LoadResult& r = *shared_.result;
    ++r.responses;
    ++r.statuses[response_.result_int()];
    r.latencies.push_back(std::chrono::duration_cast<std::chrono::microseconds>(now - sent_at_));
    r.elapsed = std::max(
        r.elapsed, std::chrono::duration_cast<std::chrono::microseconds>(now - shared_.started));
    ++done_;
    const int limit = shared_.plan->requests_per_connection;
    if (now >= shared_.deadline || (limit > 0 && done_ >= limit)) {
      boost::system::error_code ignored;
      socket_.close(ignored);
      return;
    }
    send();
  }

  void fail() {
    ++shared_.result->failed_connections;
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

  tcp::socket socket_;
  Shared& shared_;
  std::size_t next_;
  int done_ = 0;
  Clock::time_point sent_at_;
  boost::beast::flat_buffer buffer_;
  http::response<http::string_body> response_;
};

}  // namespace

double LoadResult::per_second() const {
  if (elapsed.count() == 0) return 0;
  return static_cast<double>(responses) * 1e6 / static_cast<double>(elapsed.count());
}

std::chrono::microseconds LoadResult::quantile(double q) {
  if (latencies.empty()) return std::chrono::microseconds(0);
  std::sort(latencies.begin(), latencies.end());
  const auto index = static_cast<std::size_t>(q * static_cast<double>(latencies.size() - 1));
  return latencies[index];
}

LoadResult run_load(const LoadPlan& plan) {
  LoadResult result;
  asio::io_context io(1);
  Shared shared;
  shared.plan = &plan;
  shared.result = &result;
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"),
                               static_cast<unsigned short>(plan.port));
  shared.connects_started = Clock::now();
  for (int i = 0; i < plan.connections; ++i) {
    std::make_shared<Connection>(io, shared, static_cast<std::size_t>(i))->open(endpoint);
  }
  io.run();
  return result;
}

}  // namespace certguard::bench
