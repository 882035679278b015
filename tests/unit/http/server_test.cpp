#include "sim/http/server.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "raw_client.h"

namespace certguard::sim {
namespace {

using namespace std::chrono_literals;
using certguard::testing::RawConnection;

std::unique_ptr<HttpServer> start_or_die(Handler h, ServerOptions opts = {}) {
  auto r = HttpServer::start(std::move(opts), std::move(h));
  if (!r.ok()) {
    ADD_FAILURE() << r.error().describe();
    return nullptr;
  }
  return std::move(r).value();
}

TEST(HttpServer, BindsToAnEphemeralPortAndEchoesTheRequestAsSent) {
  std::mutex mu;
  ServerRequest seen;
  auto server = start_or_die([&](const ServerRequest& req, const Responder& r) {
    {
      std::lock_guard lock(mu);
      seen = req;
    }
    ServerResponse resp;
    resp.status = 201;
    resp.headers = {{"x-amzn-RequestId", "req-1"}, {"Content-Type", "application/json"}};
    resp.body = "{\"ok\":true}";
    r.respond(std::move(resp));
  });
  ASSERT_TRUE(server);
  EXPECT_NE(server->bound_port(), 0);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send_all(
      "POST /restapis/a%2Fb?limit=5&position=x%3D HTTP/1.1\r\nHost: h\r\nX-Amz-Date: 1\r\n"
      "x-lower: two\r\nX-Dup: a\r\nX-Dup: b\r\nContent-Length: 3\r\n\r\nabc"));
  auto resp = c.read_response(5s);
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->rfind("HTTP/1.1 201", 0), 0U) << *resp;
  EXPECT_NE(resp->find("x-amzn-RequestId: req-1\r\n"), std::string::npos);
  EXPECT_NE(resp->find("\r\n\r\n{\"ok\":true}"), std::string::npos);

  std::lock_guard lock(mu);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/restapis/a%2Fb?limit=5&position=x%3D");
  EXPECT_EQ(seen.body, "abc");
  ASSERT_EQ(seen.headers.size(), 6U);
  EXPECT_EQ(seen.headers[1].first, "X-Amz-Date");
  EXPECT_EQ(seen.headers[2].first, "x-lower");
  EXPECT_EQ(seen.headers[3], (std::pair<std::string, std::string>{"X-Dup", "a"}));
  EXPECT_EQ(seen.headers[4], (std::pair<std::string, std::string>{"X-Dup", "b"}));
  EXPECT_EQ(seen.header("x-amz-date"), "1");
  EXPECT_EQ(seen.peer.rfind("127.0.0.1:", 0), 0U);
}

TEST(HttpServer, KeepsConnectionsAliveAndCountsThem) {
  auto server = start_or_die([](const ServerRequest& req, const Responder& r) {
    ServerResponse resp;
    resp.body = std::to_string(req.connection_id);
    r.respond(std::move(resp));
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  std::string first;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.send_all("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    auto resp = c.read_response(5s);
    ASSERT_TRUE(resp);
    auto body = resp->substr(resp->find("\r\n\r\n") + 4);
    if (i == 0) first = body;
    EXPECT_EQ(body, first);
  }
  EXPECT_EQ(server->stats().connections_accepted, 1U);
  EXPECT_EQ(server->stats().requests, 5U);
}

TEST(HttpServer, AnswersLaterFromAnotherThread) {
  std::mutex mu;
  std::vector<Responder> pending;
  auto server = start_or_die([&](const ServerRequest& /*req*/, const Responder& r) {
    std::lock_guard lock(mu);
    pending.push_back(r);
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  EXPECT_FALSE(c.read_response(100ms));
  std::thread answer([&] {
    std::lock_guard lock(mu);
    ServerResponse resp;
    resp.status = 404;
    resp.body = "late";
    pending.at(0).respond(std::move(resp));
  });
  answer.join();
  auto resp = c.read_response(5s);
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->rfind("HTTP/1.1 404", 0), 0U);
}

TEST(HttpServer, DelaysOnATimerWithoutBlockingOtherConnections) {
  auto server = start_or_die(
      [](const ServerRequest& req, const Responder& r) {
        ServerResponse resp;
        if (req.target == "/slow") resp.delay = 300ms;
        r.respond(std::move(resp));
      },
      ServerOptions{.threads = 1});
  ASSERT_TRUE(server);
  RawConnection slow(server->bound_port());
  RawConnection fast(server->bound_port());
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(slow.send_all("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n"));
  ASSERT_TRUE(fast.send_all("GET /fast HTTP/1.1\r\nHost: h\r\n\r\n"));
  ASSERT_TRUE(fast.read_response(5s));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 250ms);  // one thread, not blocked
  ASSERT_TRUE(slow.read_response(5s));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 300ms);
}

TEST(HttpServer, ResetFaultClosesWithoutReply) {
  auto server = start_or_die([](const ServerRequest& /*req*/, const Responder& r) {
    ServerResponse resp;
    resp.fault = Fault::kReset;
    r.respond(std::move(resp));
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  bool closed = false;
  EXPECT_FALSE(c.read_response(5s, &closed));
  EXPECT_TRUE(closed);
}

TEST(HttpServer, StallFaultNeverAnswersUntilStallTimeout) {
  ServerOptions opts;
  opts.stall_timeout = 400ms;
  auto server = start_or_die(
      [](const ServerRequest& /*req*/, const Responder& r) {
        ServerResponse resp;
        resp.fault = Fault::kStall;
        r.respond(std::move(resp));
      },
      opts);
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  bool closed = false;
  EXPECT_FALSE(c.read_response(200ms, &closed));
  EXPECT_FALSE(closed);
  EXPECT_FALSE(c.read_response(3s, &closed));
  EXPECT_TRUE(closed);
}

TEST(HttpServer, CloseConnectionAndNoContent) {
  auto server = start_or_die([](const ServerRequest& /*req*/, const Responder& r) {
    ServerResponse resp;
    resp.status = 204;
    resp.body = "ignored";
    resp.close_connection = true;
    r.respond(std::move(resp));
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("DELETE /x HTTP/1.1\r\nHost: h\r\n\r\n"));
  auto resp = c.read_response(5s);
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->rfind("HTTP/1.1 204", 0), 0U);
  EXPECT_NE(resp->find("Connection: close"), std::string::npos);
  bool closed = false;
  EXPECT_FALSE(c.read_response(2s, &closed));
  EXPECT_TRUE(closed);
}

TEST(HttpServer, ShutdownDropsOpenConnectionsAndPendingResponders) {
  std::mutex mu;
  std::vector<Responder> pending;
  auto server = start_or_die([&](const ServerRequest& /*req*/, const Responder& r) {
    std::lock_guard lock(mu);
    pending.push_back(r);
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(mu);
      if (!pending.empty()) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  server->shutdown();
  bool closed = false;
  EXPECT_FALSE(c.read_response(2s, &closed));
  EXPECT_TRUE(closed);
  // Responding after shutdown is harmless.
  std::lock_guard lock(mu);
  ASSERT_EQ(pending.size(), 1U);
  pending[0].respond(ServerResponse{});
  server.reset();
  pending.clear();
}

TEST(HttpServer, ManyConcurrentConnections) {
  auto server = start_or_die([](const ServerRequest& /*req*/, const Responder& r) {
    ServerResponse resp;
    resp.delay = 20ms;
    r.respond(std::move(resp));
  });
  ASSERT_TRUE(server);
  constexpr int kConns = 200;
  std::vector<std::unique_ptr<RawConnection>> conns;
  for (int i = 0; i < kConns; ++i) {
    conns.push_back(std::make_unique<RawConnection>(server->bound_port()));
    ASSERT_TRUE(conns.back()->send_all("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  }
  int ok = 0;
  for (auto& c : conns) ok += c->read_response(5s) ? 1 : 0;
  EXPECT_EQ(ok, kConns);
  EXPECT_EQ(server->stats().connections_accepted, static_cast<std::uint64_t>(kConns));
}

// The server end of a loopback connection in this process: the socket whose peer port is
// `client_port` (-1 when none).
int server_side_of(std::uint16_t client_port) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    int fd = -1;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (const std::exception&) {
      continue;
    }
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &len) == 0 &&
        peer.sin_family == AF_INET && ntohs(peer.sin_port) == client_port) {
      return fd;
    }
  }
  return -1;
}

TEST(HttpServer, AcceptedConnectionsHaveNagleOff) {
  auto server = start_or_die([](const ServerRequest&, const Responder& r) { r.respond({}); });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  ASSERT_TRUE(c.read_response(5s));  // accepted and served
  const int fd = server_side_of(c.local_port());
  ASSERT_GE(fd, 0);
  int nodelay = 0;
  socklen_t len = sizeof nodelay;
  ASSERT_EQ(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &len), 0);
  EXPECT_EQ(nodelay, 1);
}

TEST(HttpServer, AFirstRequestThatArrivesLateAndInPiecesIsRead) {
  auto server = start_or_die([](const ServerRequest& req, const Responder& r) {
    ServerResponse resp;
    resp.body = req.target;
    r.respond(std::move(resp));
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.connected());
  std::this_thread::sleep_for(50ms);  // accepted, and its first read finds nothing
  ASSERT_TRUE(c.send_all("GET /la"));
  std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(c.send_all("te HTTP/1.1\r\nHost: h\r\n\r\n"));
  auto resp = c.read_response(5s);
  ASSERT_TRUE(resp);
  EXPECT_NE(resp->find("\r\n\r\n/late"), std::string::npos) << *resp;
}

TEST(HttpServer, AChunkedRequestBodyArrivesWhole) {
  std::mutex mu;
  std::string body;
  auto server = start_or_die([&](const ServerRequest& req, const Responder& r) {
    {
      std::lock_guard lock(mu);
      body = req.body;
    }
    r.respond({});
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(
      c.send_all("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  ASSERT_TRUE(c.read_response(5s));
  std::lock_guard lock(mu);
  EXPECT_EQ(body, "abcde");
}

TEST(HttpServer, ABodyOverTheLimitClosesTheConnectionUnanswered) {
  std::atomic<int> calls{0};
  ServerOptions opts;
  opts.body_limit = 8;
  auto server = start_or_die(
      [&](const ServerRequest&, const Responder& r) {
        ++calls;
        r.respond({});
      },
      opts);
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n123456789"));
  bool closed = false;
  EXPECT_FALSE(c.read_response(5s, &closed));
  EXPECT_TRUE(closed);
  EXPECT_EQ(calls.load(), 0);
}

TEST(HttpServer, AReplyToHeadAnnouncesTheLengthAndSendsNoBody) {
  auto server = start_or_die([](const ServerRequest& req, const Responder& r) {
    ServerResponse resp;
    resp.body = req.method == "HEAD" ? "hello" : "after";
    r.respond(std::move(resp));
  });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n"));
  std::this_thread::sleep_for(100ms);  // the HEAD reply is in before the next request
  ASSERT_TRUE(c.send_all("GET /x HTTP/1.1\r\nHost: h\r\n\r\n"));
  // The reader takes the announced 5 bytes of body from what follows the HEAD reply's head:
  // they must be the start of the next reply, not "hello".
  auto head = c.read_response(5s);
  ASSERT_TRUE(head);
  EXPECT_NE(head->find("Content-Length: 5\r\n"), std::string::npos) << *head;
  EXPECT_EQ(head->substr(head->size() - 9), "\r\n\r\nHTTP/") << *head;
}

TEST(HttpServer, AnHttp10RequestWithoutKeepAliveIsAnsweredAndClosed) {
  auto server = start_or_die([](const ServerRequest&, const Responder& r) { r.respond({}); });
  ASSERT_TRUE(server);
  RawConnection c(server->bound_port());
  ASSERT_TRUE(c.send_all("GET /x HTTP/1.0\r\nHost: h\r\n\r\n"));
  auto resp = c.read_response(5s);
  ASSERT_TRUE(resp);
  EXPECT_NE(resp->find("Connection: close"), std::string::npos) << *resp;
  bool closed = false;
  EXPECT_FALSE(c.read_response(2s, &closed));
  EXPECT_TRUE(closed);
}

TEST(HttpServer, PortInUseIsAnError) {
  auto first = start_or_die([](const ServerRequest&, const Responder& r) { r.respond({}); });
  ASSERT_TRUE(first);
  ServerOptions opts;
  opts.port = first->bound_port();
  auto second =
      HttpServer::start(opts, [](const ServerRequest&, const Responder& r) { r.respond({}); });
  // SO_REUSEADDR does not allow two listeners on Linux.
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, ErrorKind::kNetwork);
}

}  // namespace
}  // namespace certguard::sim
