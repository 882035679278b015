#include "bench/sim/load_client.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <cctype>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace certguard::bench {

namespace asio = boost::asio;
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
    if (shared_.plan->on_started) shared_.plan->on_started();
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
                        self->used_ = 0;
                        self->await_response();
                      });
  }

  // Waits for the response before reading: a read at once would find nothing (the reply
  // comes after the sim's latency) and cost a failed recv() per request.
  void await_response() {
    socket_.async_wait(tcp::socket::wait_read,
                       [self = shared_from_this()](boost::system::error_code ec) {
                         if (ec) return self->fail();
                         self->read();
                       });
  }

  // The harness reads only what it reports (the status) and the length it needs to find the
  // end of the response: a few string searches instead of a full HTTP parser per response.
  void read() {
    if (used_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    socket_.async_read_some(
        asio::buffer(buffer_.data() + used_, buffer_.size() - used_),
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
          if (ec) return self->fail();
          self->used_ += n;
          self->on_bytes();
        });
  }

  void on_bytes() {
    const std::string_view data(buffer_.data(), used_);
    const std::size_t head_end = data.find("\r\n\r\n");
    if (head_end == std::string_view::npos) return read();
    const auto length = content_length(data.substr(0, head_end + 2));
    if (!length) return fail();  // the sim always sends Content-Length
    if (used_ < head_end + 4 + *length) return read();
    unsigned status = 0;
    if (data.size() > 12 && data.substr(0, 5) == "HTTP/") {
      for (std::size_t i = 9; i < 12; ++i) {
        status = status * 10 + static_cast<unsigned>(data[i] - '0');
      }
    }
    on_response(status);
  }

  // The Content-Length value of a response head (lines end with CRLF), if any.
  static std::optional<std::size_t> content_length(std::string_view head) {
    constexpr std::string_view kName = "\r\ncontent-length:";
    for (std::size_t at = head.find("\r\n"); at != std::string_view::npos;
         at = head.find("\r\n", at + 2)) {
      const std::string_view line = head.substr(at, kName.size());
      if (line.size() != kName.size() ||
          !std::equal(line.begin(), line.end(), kName.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == b;
          })) {
        continue;
      }
      std::size_t i = at + kName.size();
      while (i < head.size() && head[i] == ' ') ++i;
      std::size_t value = 0;
      bool digits = false;
      for (; i < head.size() && head[i] >= '0' && head[i] <= '9'; ++i) {
        value = value * 10 + static_cast<std::size_t>(head[i] - '0');
        digits = true;
      }
      if (digits) return value;
      return std::nullopt;
    }
    return std::nullopt;
  }

  void on_response(unsigned status) {
    const auto now = Clock::now();
    LoadResult& r = *shared_.result;
    ++r.responses;
    ++r.statuses[status];
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
  std::vector<char> buffer_ = std::vector<char>(16384);
  std::size_t used_ = 0;
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
  if (plan.requests_per_connection > 0) {
    result.latencies.reserve(static_cast<std::size_t>(plan.connections) *
                             static_cast<std::size_t>(plan.requests_per_connection));
  }
  shared.connects_started = Clock::now();
  for (int i = 0; i < plan.connections; ++i) {
    std::make_shared<Connection>(io, shared, static_cast<std::size_t>(i))->open(endpoint);
  }
  io.run();
  return result;
}

}  // namespace certguard::bench
