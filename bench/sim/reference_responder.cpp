// reference_responder: the latency round's yardstick (not a server anyone should use).
//
// It answers every request with the same 200 response after --latency-ms, and does nothing
// else: no HTTP parser beyond finding the end of the head, no signature, no state, one
// thread on a level-triggered epoll set, one recv() and one send() per request. sim_bench
// runs the latency round against it first: what it takes is what this machine and the load
// generator cost on their own, so what the sim takes beyond it is the sim's.
//
// usage (as sim_bench's SimProcess starts a sim): reference_responder serve --port 0
//        [--latency-ms N] [--body-bytes N] [other options, ignored]
// It prints "listening on http://127.0.0.1:PORT" and runs until SIGTERM. Requests must
// have no body (sim_bench sends only GETs).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int port = 0;
  int latency_ms = 0;
  std::size_t body_bytes = 1500;  // about a GetStages reply for 3 stages
};

struct Connection {
  std::uint64_t serial = 0;          // tells a reused descriptor from the connection it was
  std::string in;                    // bytes of the request head read so far
  std::string_view out;              // what is left to send of the reply
  bool has_reply = false;            // a reply is waiting for its time or for the socket
  std::uint32_t watching = EPOLLIN;  // EPOLLOUT too while a reply is blocked
};

struct Due {
  Clock::time_point at;
  int fd;
  std::uint64_t serial;
};

class Responder {
 public:
  Responder(int listener, int epoll, const Options& o) : listener_(listener), epoll_(epoll) {
    const std::string body(o.body_bytes, 'x');
    reply_ = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body;
    delay_ = std::chrono::milliseconds(o.latency_ms);
  }

  [[noreturn]] void run() {
    std::array<epoll_event, 256> events{};
    for (;;) {
      const int n =
          ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), timeout_ms());
      for (int i = 0; i < n; ++i) {
        const auto& ev = events[static_cast<std::size_t>(i)];
        if (ev.data.fd == listener_) {
          accept_all();
        } else if ((ev.events & EPOLLOUT) != 0) {
          write(ev.data.fd);
        } else {
          read(ev.data.fd);
        }
      }
      send_due();
    }
  }

 private:
  // Until the first reply is due (every reply waits the same delay, so they fall due in the
  // order their requests arrived).
  int timeout_ms() const {
    if (due_.empty()) return -1;
    const auto left = due_.front().at - Clock::now();
    if (left <= Clock::duration::zero()) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(left).count());
  }

  void accept_all() {
    for (;;) {
      // TCP_NODELAY comes from the listener (Linux copies it), as in the sim.
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = fd;
      if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) {
        ::close(fd);
        continue;
      }
      Connection c;
      c.serial = ++accepted_;
      connections_[fd] = std::move(c);
    }
  }

  void read(int fd) {
    Connection& c = connections_[fd];
    std::array<char, 8192> buffer{};
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n <= 0) return drop(fd);
    c.in.append(buffer.data(), static_cast<std::size_t>(n));
    if (c.in.find("\r\n\r\n") == std::string::npos) return;
    if (c.has_reply) return drop(fd);  // pipelining is not part of the round
    c.in.clear();
    c.has_reply = true;
    due_.push_back({Clock::now() + delay_, fd, c.serial});
  }

  void send_due() {
    const auto now = Clock::now();
    while (!due_.empty() && due_.front().at <= now) {
      const Due due = due_.front();
      due_.pop_front();
      const int fd = due.fd;
      auto it = connections_.find(fd);
      if (it == connections_.end() || it->second.serial != due.serial) continue;  // dropped
      it->second.out = reply_;
      write(fd);
    }
  }

  void write(int fd) {
    Connection& c = connections_[fd];
    while (!c.out.empty()) {
      const ssize_t n = ::send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) return watch(fd, EPOLLIN | EPOLLOUT);
      if (n <= 0) return drop(fd);
      c.out.remove_prefix(static_cast<std::size_t>(n));
    }
    if (c.has_reply && c.out.empty()) {
      c.has_reply = false;
      watch(fd, EPOLLIN);
    }
  }

  // Only when the wanted events change: the common path never calls epoll_ctl.
  void watch(int fd, std::uint32_t events) {
    auto& current = connections_[fd].watching;
    if (current == events) return;
    current = events;
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &ev);
  }

  void drop(int fd) {
    connections_.erase(fd);
    ::close(fd);  // a reply still queued for it is skipped in send_due (serial)
  }

  int listener_;
  int epoll_;
  std::string reply_;
  std::chrono::milliseconds delay_{0};
  std::unordered_map<int, Connection> connections_;
  std::deque<Due> due_;
  std::uint64_t accepted_ = 0;
};

bool parse(int argc, char** argv, Options& o) {
  if (argc < 2 || std::strcmp(argv[1], "serve") != 0) return false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--port") {
      o.port = std::atoi(value);
    } else if (a == "--latency-ms") {
      o.latency_ms = std::atoi(value);
    } else if (a == "--body-bytes") {
      o.body_bytes = static_cast<std::size_t>(std::atol(value));
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: reference_responder serve --port N [--latency-ms N] [--body-bytes N]\n");
    return 2;
  }
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  const int one = 1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(o.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listener;
  if (listener < 0 || epoll < 0 ||
      ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      ::setsockopt(listener, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 ||
      ::bind(listener, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listener, SOMAXCONN) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
      ::epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &ev) != 0) {
    std::fprintf(stderr, "reference_responder: cannot listen on 127.0.0.1:%d: %s\n", o.port,
                 std::strerror(errno));
    return 1;
  }
  std::printf("listening on http://127.0.0.1:%d\n", ntohs(addr.sin_port));
  std::fflush(stdout);
  Responder(listener, epoll, o).run();
}
