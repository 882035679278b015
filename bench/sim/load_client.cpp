// The load generator on a plain level-triggered epoll set (one thread).
//
// A connection is registered once for readability and never modified while it runs, so a
// request costs one send() and one recv() (plus a share of an epoll_wait). Asio's reactor is
// edge-triggered: each read would cost either a failed recv() or an epoll_ctl() to re-arm,
// and on this machine every system call costs about a microsecond. The load generator shares
// the cores with the sim it measures, so its cost is the sim's loss.

#include "bench/sim/load_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <optional>
#include <string_view>
#include <utility>

#include "certguard/core/ascii.h"

namespace certguard::bench {

namespace {

using Clock = std::chrono::steady_clock;

// A connection that has seen nothing for this long is counted as failed (a hung sim must
// end the run, not hang it).
constexpr int kSilenceLimitMs = 30'000;

// The Content-Length value of a response head (lines end with CRLF), if any.
std::optional<std::size_t> content_length(std::string_view head) {
  constexpr std::string_view kName = "\r\ncontent-length:";
  for (std::size_t at = head.find("\r\n"); at != std::string_view::npos;
       at = head.find("\r\n", at + 2)) {
    if (!iequals(head.substr(at, kName.size()), kName)) continue;
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

struct Connection {
  int fd = -1;
  std::size_t next = 0;  // index of the next request in the rotation
  int done = 0;          // responses received
  enum class State { kConnecting, kSending, kReceiving, kDone, kFailed } state = State::kConnecting;
  Clock::time_point sent_at;
  std::string_view pending;  // what is left of the request being sent
  std::vector<char> buffer = std::vector<char>(16384);
  std::size_t used = 0;
};

class Runner {
 public:
  Runner(const LoadPlan& plan, LoadResult& result) : plan_(plan), result_(result) {}
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;
  ~Runner() {
    for (auto& c : connections_) {
      if (c.fd >= 0) ::close(c.fd);
    }
    if (epoll_ >= 0) ::close(epoll_);
  }

  void run() {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) {
      result_.failed_connections = static_cast<std::uint64_t>(plan_.connections);
      return;
    }
    if (plan_.requests_per_connection > 0) {
      result_.latencies.reserve(static_cast<std::size_t>(plan_.connections) *
                                static_cast<std::size_t>(plan_.requests_per_connection));
    }
    connections_.resize(static_cast<std::size_t>(std::max(plan_.connections, 0)));
    connects_started_ = Clock::now();
    for (std::size_t i = 0; i < connections_.size(); ++i) open(i);
    loop();
  }

 private:
  void open(std::size_t index) {
    Connection& c = connections_[index];
    c.next = index;
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) return end_connect(c, false);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(plan_.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = ::connect(c.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
    if (rc != 0 && errno != EINPROGRESS) return end_connect(c, false);
    if (!watch(c, EPOLL_CTL_ADD, EPOLLOUT)) return end_connect(c, false);
    if (rc == 0) end_connect(c, true);
  }

  bool watch(Connection& c, int op, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = static_cast<std::uint64_t>(&c - connections_.data());
    return ::epoll_ctl(epoll_, op, c.fd, &ev) == 0;
  }

  void on_connected(Connection& c) {
    int error = 0;
    socklen_t len = sizeof error;
    const bool ok = ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0;
    end_connect(c, ok);
  }

  // From here on the connection waits only for readability (level-triggered), except while
  // a request does not fit the socket's buffer at once.
  void end_connect(Connection& c, bool ok) {
    ++opened_;
    if (ok) {
      const int one = 1;
      ok = ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0 &&
           watch(c, EPOLL_CTL_MOD, EPOLLIN);
    }
    if (ok) {
      ++connected_;
      c.state = Connection::State::kDone;  // idle until every connection is open
    } else {
      ++result_.failed_connections;
      close(c, Connection::State::kFailed);
    }
    if (opened_ == connections_.size() && started_ == Clock::time_point{}) start_all();
  }

  void start_all() {
    if (plan_.on_started) plan_.on_started();
    started_ = Clock::now();
    result_.connect_time =
        std::chrono::duration_cast<std::chrono::microseconds>(started_ - connects_started_);
    if (plan_.duration.count() > 0) deadline_ = started_ + plan_.duration;
    if (connected_ == 0) return finish();
    for (auto& c : connections_) {
      if (c.state == Connection::State::kDone) send(c);
    }
  }

  void send(Connection& c) {
    const auto& requests = plan_.requests;
    c.pending = requests[c.next++ % requests.size()];
    c.sent_at = Clock::now();
    c.state = Connection::State::kSending;
    c.used = 0;
    write(c);
  }

  void write(Connection& c) {
    while (!c.pending.empty()) {
      const ssize_t n = ::send(c.fd, c.pending.data(), c.pending.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!watch(c, EPOLL_CTL_MOD, EPOLLIN | EPOLLOUT)) fail(c);
        return;  // the rest goes when the socket is writable
      }
      if (n <= 0) return fail(c);
      c.pending.remove_prefix(static_cast<std::size_t>(n));
    }
    c.state = Connection::State::kReceiving;
  }

  void on_writable(Connection& c) {
    if (!watch(c, EPOLL_CTL_MOD, EPOLLIN)) return fail(c);
    write(c);
  }

  void on_readable(Connection& c) {
    if (c.used == c.buffer.size()) c.buffer.resize(c.buffer.size() * 2);
    const ssize_t n = ::recv(c.fd, c.buffer.data() + c.used, c.buffer.size() - c.used, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (c.state == Connection::State::kDone) {  // e.g. the sim's idle timeout: nothing owed
      return close(c, Connection::State::kDone);
    }
    // The sim answers only what was asked: bytes before the request is out, or an early end
    // of the connection, are failures.
    if (n <= 0 || c.state != Connection::State::kReceiving) return fail(c);
    c.used += static_cast<std::size_t>(n);
    const std::string_view data(c.buffer.data(), c.used);
    const std::size_t head_end = data.find("\r\n\r\n");
    if (head_end == std::string_view::npos) return;
    const auto length = content_length(data.substr(0, head_end + 2));
    if (!length) return fail(c);  // the sim always sends Content-Length
    if (c.used < head_end + 4 + *length) return;
    unsigned status = 0;  // 0: not an HTTP status line (counted as such)
    if (data.size() > 12 && data.substr(0, 5) == "HTTP/") {
      for (std::size_t i = 9; i < 12; ++i) {
        if (data[i] < '0' || data[i] > '9') {
          status = 0;
          break;
        }
        status = status * 10 + static_cast<unsigned>(data[i] - '0');
      }
    }
    on_response(c, status);
  }

  void on_response(Connection& c, unsigned status) {
    const auto now = Clock::now();
    ++result_.responses;
    ++result_.statuses[status];
    result_.latencies.push_back(
        std::chrono::duration_cast<std::chrono::microseconds>(now - c.sent_at));
    const auto since_start = std::chrono::duration_cast<std::chrono::microseconds>(now - started_);
    result_.elapsed = std::max(result_.elapsed, since_start);
    if (c.done == 0) result_.first_round = std::max(result_.first_round, since_start);
    ++c.done;
    const int limit = plan_.requests_per_connection;
    if (now >= deadline_ || (limit > 0 && c.done >= limit)) {
      // Stays open until every connection is done: closing is not what is measured.
      c.state = Connection::State::kDone;
      return end();
    }
    send(c);
  }

  void fail(Connection& c) {
    ++result_.failed_connections;
    close(c, Connection::State::kFailed);
    end();
  }

  void close(Connection& c, Connection::State state) {
    if (c.fd >= 0) ::close(c.fd);
    c.fd = -1;
    c.state = state;
  }

  void end() {
    if (++ended_ == connected_) finish();
  }

  void finish() {
    if (plan_.on_finished) plan_.on_finished();
    for (auto& c : connections_) close(c, c.state);
    finished_ = true;
  }

  void loop() {
    std::array<epoll_event, 256> events{};
    while (!finished_ && !(opened_ == connections_.size() && connected_ == 0)) {
      const int n =
          ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), kSilenceLimitMs);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return give_up();
      for (int i = 0; i < n && !finished_; ++i) {
        Connection& c = connections_[events[static_cast<std::size_t>(i)].data.u64];
        const std::uint32_t ev = events[static_cast<std::size_t>(i)].events;
        if (c.fd < 0) continue;
        if (c.state == Connection::State::kConnecting) {
          on_connected(c);
        } else if ((ev & EPOLLOUT) != 0 && c.state == Connection::State::kSending) {
          on_writable(c);
        } else if ((ev & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0) {
          on_readable(c);
        }
      }
    }
  }

  // Nothing happened for kSilenceLimitMs: every connection still running has failed.
  void give_up() {
    for (auto& c : connections_) {
      if (c.state == Connection::State::kConnecting) {
        ++opened_;
        ++result_.failed_connections;
        close(c, Connection::State::kFailed);
      } else if (c.state == Connection::State::kSending ||
                 c.state == Connection::State::kReceiving) {
        fail(c);
      }
    }
    if (!finished_) finish();
  }

  const LoadPlan& plan_;
  LoadResult& result_;
  int epoll_ = -1;
  std::vector<Connection> connections_;
  std::size_t opened_ = 0;     // connects finished, either way
  std::size_t connected_ = 0;  // of which succeeded
  std::size_t ended_ = 0;      // connected ones done or failed
  bool finished_ = false;
  Clock::time_point connects_started_;
  Clock::time_point started_;
  Clock::time_point deadline_ = Clock::time_point::max();
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
  Runner runner(plan, result);
  runner.run();
  return result;
}

}  // namespace certguard::bench
