#include "certguard/aws/http/curl_event_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "sim/http/server.h"

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;
using sim::Fault;
using sim::HttpServer;
using sim::Responder;
using sim::ServerRequest;
using sim::ServerResponse;

// Records every request the server sees and answers according to the path.
class TestServer {
 public:
  TestServer() {
    auto r = HttpServer::start(
        {}, [this](ServerRequest req, const Responder& resp) { handle(std::move(req), resp); });
    if (!r.ok()) throw std::runtime_error(r.error().describe());
    server_ = std::move(r).value();
  }
  std::string url(const std::string& path) const { return server_->base_url() + path; }
  HttpServer& server() { return *server_; }
  std::vector<ServerRequest> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  void handle(ServerRequest req, const Responder& r) {
    ServerResponse resp;
    const std::string& t = req.target;
    if (t.starts_with("/delay")) {
      resp.delay = 50ms;
    } else if (t == "/stall") {
      resp.fault = Fault::kStall;
    } else if (t == "/reset") {
      resp.fault = Fault::kReset;
    } else if (t == "/html503") {
      resp.status = 503;
      resp.headers = {{"Content-Type", "text/html"}};
      resp.body = "<html><body><h1>503 Service Unavailable</h1></body></html>";
    } else if (t == "/multi") {
      resp.headers = {{"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}, {"X-Amzn-RequestId", "r1"}};
    }
    if (resp.body.empty() && resp.status == 200) resp.body = "body of " + t;
    {
      std::lock_guard lock(mu_);
      seen_.push_back(std::move(req));
    }
    r.respond(std::move(resp));
  }

  std::mutex mu_;
  std::vector<ServerRequest> seen_;
  std::unique_ptr<HttpServer> server_;
};

HttpRequest get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  return r;
}

TEST(CurlEventLoop, GetReturnsStatusHeadersInOrderAndBody) {
  TestServer server;
  CurlEventLoop loop;
  auto r = loop.run(loop.send(get(server.url("/multi"))));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "body of /multi");
  std::vector<std::string> cookies;
  for (const auto& [k, v] : r->headers) {
    if (k == "Set-Cookie") cookies.push_back(v);
  }
  EXPECT_EQ(cookies, (std::vector<std::string>{"a=1", "b=2"}));
  EXPECT_EQ(r->header("x-amzn-requestid"), "r1");
}

TEST(CurlEventLoop, SendsCallerHeadersExactlyAndNoCurlDefaults) {
  TestServer server;
  CurlEventLoop loop;
  HttpRequest req;
  req.method = "POST";
  req.url = server.url("/post?a=b%2Fc");
  req.headers = {{"X-Amz-Target", "CertificateManager.ListCertificates"},
                 {"x-amz-date", "20261123T000000Z"},
                 {"X-Empty", ""}};
  req.body = std::string(2U << 20U, 'x');  // > 1 MB: libcurl would add Expect by default
  auto r = loop.run(loop.send(req));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1U);
  const auto& s = seen[0];
  EXPECT_EQ(s.method, "POST");
  EXPECT_EQ(s.target, "/post?a=b%2Fc");
  EXPECT_EQ(s.body.size(), req.body.size());
  std::vector<std::string> names;
  for (const auto& h : s.headers) names.push_back(h.first);
  // Host first (libcurl), then ours in order, then Content-Length; nothing else.
  EXPECT_EQ(names, (std::vector<std::string>{"Host", "X-Amz-Target", "x-amz-date", "X-Empty",
                                             "Content-Length"}));
  EXPECT_EQ(s.header("X-Empty"), "");
  EXPECT_EQ(s.header("Content-Length"), std::to_string(req.body.size()));
}

TEST(CurlEventLoop, MethodsWithoutBodies) {
  TestServer server;
  CurlEventLoop loop;
  HttpRequest put = get(server.url("/p"));
  put.method = "PUT";
  HttpRequest del = get(server.url("/d"));
  del.method = "DELETE";
  HttpRequest head = get(server.url("/h"));
  head.method = "HEAD";
  ASSERT_TRUE(loop.run(loop.send(put)).ok());
  ASSERT_TRUE(loop.run(loop.send(del)).ok());
  auto h = loop.run(loop.send(head));
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->body.empty());
  EXPECT_EQ(h->header("Content-Length"), "10");  // "body of /h"
  // The connection stays usable after a HEAD (no stray body bytes on it).
  auto after = loop.run(loop.send(get(server.url("/after"))));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->body, "body of /after");
  EXPECT_EQ(server.server().stats().connections_accepted, 1U);
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 4U);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].header("Content-Length"), "0");
  EXPECT_EQ(seen[1].method, "DELETE");
  EXPECT_EQ(seen[2].method, "HEAD");
}

Task<void> fetch_into(CurlEventLoop* loop, std::string url, std::atomic<int>* ok) {
  HttpRequest req;
  req.url = std::move(url);
  auto r = co_await loop->send(std::move(req));
  if (r.ok() && r->status == 200) ++*ok;
}

TEST(CurlEventLoop, ManyConcurrentRequestsReuseConnections) {
  TestServer server;
  CurlEventLoop loop;
  constexpr int kN = 300;
  std::atomic<int> ok{0};
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kN; ++i) loop.spawn(fetch_into(&loop, server.url("/delay"), &ok));
  EXPECT_EQ(loop.in_flight(), static_cast<std::size_t>(kN));
  loop.run_until_idle();
  auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(ok.load(), kN);
  EXPECT_LT(elapsed, 3s) << "300 x 50 ms requests were not concurrent";
  auto first_wave = server.server().stats().connections_accepted;
  EXPECT_LE(first_wave, static_cast<std::uint64_t>(kN));
  // A second wave reuses the kept-alive connections.
  for (int i = 0; i < kN; ++i) loop.spawn(fetch_into(&loop, server.url("/delay"), &ok));
  loop.run_until_idle();
  EXPECT_EQ(ok.load(), 2 * kN);
  EXPECT_EQ(server.server().stats().connections_accepted, first_wave);
  EXPECT_EQ(server.server().stats().requests, static_cast<std::uint64_t>(2 * kN));
}

TEST(CurlEventLoop, ConnectionRefusedIsNetworkErrorNamingTheUrl) {
  std::string url;
  {
    TestServer gone;
    url = gone.url("/x");
  }
  CurlEventLoop loop;
  auto r = loop.run(loop.send(get(url)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(r.error().message.find(url), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().http_status, 0);
}

TEST(CurlEventLoop, ServerThatNeverAnswersTimesOut) {
  TestServer server;
  CurlEventLoop loop;
  HttpRequest req = get(server.url("/stall"));
  req.total_timeout = 300ms;
  auto t0 = std::chrono::steady_clock::now();
  auto r = loop.run(loop.send(req));
  auto elapsed = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTimeout) << r.error().message;
  EXPECT_GE(elapsed, 290ms);
  EXPECT_LT(elapsed, 2s);
  EXPECT_NE(r.error().message.find("total timeout 300 ms"), std::string::npos);
}

TEST(CurlEventLoop, ResetWithoutReplyIsNetworkError) {
  TestServer server;
  CurlEventLoop loop;
  auto r = loop.run(loop.send(get(server.url("/reset"))));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork) << r.error().message;
}

TEST(CurlEventLoop, ServerErrorWithHtmlBodyIsAResponse) {
  TestServer server;
  CurlEventLoop loop;
  auto r = loop.run(loop.send(get(server.url("/html503"))));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  EXPECT_NE(r->body.find("<html>"), std::string::npos);
}

Task<void> sleep_then_record(Sleeper* s, std::chrono::milliseconds d, std::vector<int>* out,
                             int tag) {
  co_await s->sleep_for(d);
  out->push_back(tag);
}

TEST(CurlEventLoop, SleepsFinishInDeadlineOrder) {
  CurlEventLoop loop;
  std::vector<int> order;
  auto t0 = std::chrono::steady_clock::now();
  loop.spawn(sleep_then_record(&loop, 60ms, &order, 3));
  loop.spawn(sleep_then_record(&loop, 20ms, &order, 1));
  loop.spawn(sleep_then_record(&loop, 40ms, &order, 2));
  loop.spawn(sleep_then_record(&loop, 0ms, &order, 0));
  EXPECT_EQ(order, std::vector<int>{0});  // zero sleep does not suspend
  loop.run_until_idle();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
  auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(elapsed, 60ms);
  EXPECT_LT(elapsed, 1s);
}

Task<int> sleep_and_fetch(CurlEventLoop* loop, std::string url) {
  co_await loop->sleep_for(10ms);
  HttpRequest req;
  req.url = std::move(url);
  auto r = co_await loop->send(std::move(req));
  co_return r.ok() ? r->status : -1;
}

TEST(CurlEventLoop, RunReturnsTheTaskValueWhileSleepsAndRequestsInterleave) {
  TestServer server;
  CurlEventLoop loop;
  EXPECT_EQ(loop.run(sleep_and_fetch(&loop, server.url("/a"))), 200);
  EXPECT_EQ(loop.run(sleep_and_fetch(&loop, server.url("/html503"))), 503);
}

TEST(CurlEventLoop, DebugHookSeesEveryExchange) {
  TestServer server;
  std::vector<std::string> log;
  CurlOptions opts;
  opts.debug = [&log](const HttpExchange& x) {
    log.push_back(x.request->method + " " + x.request->url + " -> " +
                  (x.result->ok() ? std::to_string((*x.result)->status) : "error"));
  };
  CurlEventLoop loop(opts);
  ASSERT_TRUE(loop.run(loop.send(get(server.url("/one")))).ok());
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0], "GET " + server.url("/one") + " -> 200");
}

TEST(CurlEventLoop, ExplicitProxyGetsAbsoluteFormRequests) {
  TestServer proxy;
  CurlOptions opts;
  opts.proxy = ProxyConfig{proxy.url(""), "", ""};
  CurlEventLoop loop(opts);
  auto r = loop.run(loop.send(get("http://apigateway.example.invalid/restapis")));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  auto seen = proxy.seen();
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(seen[0].target, "http://apigateway.example.invalid/restapis");
  EXPECT_EQ(seen[0].header("Host"), "apigateway.example.invalid");
}

TEST(CurlEventLoop, NoProxyBypassesTheProxy) {
  TestServer proxy;
  TestServer direct;
  CurlOptions opts;
  opts.proxy = ProxyConfig{proxy.url(""), "", "127.0.0.1"};
  CurlEventLoop loop(opts);
  ASSERT_TRUE(loop.run(loop.send(get(direct.url("/d")))).ok());
  EXPECT_TRUE(proxy.seen().empty());
  EXPECT_EQ(direct.seen().size(), 1U);
}

// Verifies the documented behaviour: with no explicit proxy settings, libcurl itself
// reads http_proxy from the process environment.
TEST(CurlEventLoop, WithoutExplicitSettingsLibcurlReadsHttpProxyFromEnvironment) {
  TestServer proxy;
  ::setenv("http_proxy", proxy.url("").c_str(), 1);
  CurlEventLoop loop;
  auto r = loop.run(loop.send(get("http://env-proxy.example.invalid/x")));
  ::unsetenv("http_proxy");
  ASSERT_TRUE(r.ok()) << r.error().describe();
  ASSERT_EQ(proxy.seen().size(), 1U);
  EXPECT_EQ(proxy.seen()[0].target, "http://env-proxy.example.invalid/x");
}

TEST(ProxyFromEnvironment, UpperCaseWinsAndEmptyMeansUnset) {
  EXPECT_FALSE(proxy_from_environment({}));
  auto p = proxy_from_environment({{"HTTP_PROXY", "http://up:1"},
                                   {"http_proxy", "http://low:1"},
                                   {"HTTPS_PROXY", ""},
                                   {"https_proxy", "http://s:2"},
                                   {"no_proxy", "10.1.2.3,localhost"}});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->http_proxy, "http://up:1");
  EXPECT_EQ(p->https_proxy, "http://s:2");
  EXPECT_EQ(p->no_proxy, "10.1.2.3,localhost");
}

TEST(CurlEventLoop, HttpsToAPlainHttpServerIsATlsNetworkError) {
  TestServer server;
  CurlEventLoop loop;
  std::string url = "https://127.0.0.1:" + std::to_string(server.server().bound_port()) + "/x";
  auto r = loop.run(loop.send(get(url)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork) << r.error().message;
  EXPECT_NE(r.error().message.find(url), std::string::npos);
}

TEST(CurlEventLoop, UnreadableCaBundleIsANetworkErrorNamingAwsCaBundle) {
  TestServer server;
  CurlOptions opts;
  opts.ca_bundle = "/nonexistent/certguard-test-ca.pem";
  CurlEventLoop loop(opts);
  std::string url = "https://127.0.0.1:" + std::to_string(server.server().bound_port()) + "/x";
  auto r = loop.run(loop.send(get(url)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(r.error().message.find("AWS_CA_BUNDLE"), std::string::npos) << r.error().message;
}

TEST(CurlEventLoop, MalformedUrlIsInvalidInput) {
  CurlEventLoop loop;
  auto r = loop.run(loop.send(get("ftp://127.0.0.1/x")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput) << r.error().message;
}

}  // namespace
}  // namespace certguard::aws
