#pragma once

// A tiny blocking HTTP/1.1 client on raw sockets, for testing the server without the
// code under test on the other side. Test-only: errors abort the test via return values.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

namespace certguard::testing {

class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] bool connected() const { return fd_ >= 0; }
  // This end's port (0 when unknown).
  [[nodiscard]] std::uint16_t local_port() const {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
    return ntohs(addr.sin_port);
  }

  bool send_all(const std::string& data) const {
    std::size_t off = 0;
    while (off < data.size()) {
      auto n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Reads one response (head + Content-Length body). nullopt on EOF/reset/timeout.
  // `closed` is set when the peer closed or reset the connection.
  std::optional<std::string> read_response(std::chrono::milliseconds timeout,
                                           bool* closed = nullptr) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto head_end = buf_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        std::size_t len = 0;
        auto cl = buf_.find("Content-Length: ");
        if (cl != std::string::npos && cl < head_end) {
          len = std::strtoul(buf_.c_str() + cl + 16, nullptr, 10);
        }
        if (buf_.size() >= head_end + 4 + len) {
          std::string out = buf_.substr(0, head_end + 4 + len);
          buf_.erase(0, head_end + 4 + len);
          return out;
        }
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char tmp[4096];
      auto n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) {
        if (closed != nullptr) *closed = true;
        return std::nullopt;
      }
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_ = -1;
  std::string buf_;
};

}  // namespace certguard::testing
