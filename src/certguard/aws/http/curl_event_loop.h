#pragma once

// CurlEventLoop: the production HttpTransport and Sleeper. One thread, libcurl's multi
// interface driven by epoll (curl_multi_socket_action), so thousands of requests can be
// in flight at once; finished transfers and expired sleeps resume their coroutines from
// the loop, never from inside a libcurl callback.
//
// Usage:
//   CurlEventLoop loop(CurlOptions{...});
//   Result<HttpResponse> r = loop.run(loop.send(request));      // drive until done
//   loop.spawn(some_task());  loop.run_until_idle();             // fire and forget
//
// Not thread-safe: create, send, sleep_for, run and spawn on one thread.
//
// What goes on the wire: the caller's headers exactly (names and order as given).
// libcurl's silent defaults that would change a SigV4 signature are switched off: no
// "Accept: */*", no "Expect: 100-continue", no form Content-Type. libcurl adds Host
// (unless the caller set one) and Content-Length from the body (a caller's
// Content-Length/Transfer-Encoding header is dropped: curl computes the same value).
// HTTP/1.1 only.
//
// Proxies: with CurlOptions::proxy unset, libcurl reads the environment itself:
// http_proxy (lower case only: libcurl ignores HTTP_PROXY, see "httpoxy"), https_proxy
// or HTTPS_PROXY, all_proxy/ALL_PROXY and no_proxy/NO_PROXY. Set CurlOptions::proxy
// (e.g. from proxy_from_environment()) to decide explicitly, as botocore does, which also
// honours upper-case HTTP_PROXY.

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "certguard/aws/http/http_message.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"

namespace certguard::aws {

struct ProxyConfig {
  std::string http_proxy;   // for http:// URLs; empty: none
  std::string https_proxy;  // for https:// URLs; empty: none
  std::string no_proxy;     // comma-separated hosts/domains/CIDRs, or "*"
};

// Reads HTTP_PROXY/http_proxy, HTTPS_PROXY/https_proxy and NO_PROXY/no_proxy (upper case
// first, like botocore) from `env`. Returns nullopt when none of them is set.
std::optional<ProxyConfig> proxy_from_environment(
    const std::map<std::string, std::string, std::less<>>& env);

// What the debug hook sees for each finished request (the client layer redacts).
struct HttpExchange {
  const HttpRequest* request = nullptr;
  const Result<HttpResponse>* result = nullptr;
  std::chrono::microseconds elapsed{0};
};
using HttpDebugHook = std::function<void(const HttpExchange&)>;

struct CurlOptions {
  // Connections to one host at once; requests beyond it queue inside libcurl.
  long max_host_connections = 2048;
  // Idle connections kept for reuse.
  long max_idle_connections = 2048;
  bool verify_tls = true;  // CURLOPT_SSL_VERIFYPEER/VERIFYHOST; only tests turn it off
  std::string ca_bundle;   // AWS_CA_BUNDLE: a PEM file of trusted CAs; empty: system store
  std::optional<ProxyConfig> proxy;  // nullopt: libcurl reads the environment itself
  HttpDebugHook debug;               // called once per request with the outcome
};

class CurlEventLoop final : public HttpTransport, public Sleeper {
 public:
  explicit CurlEventLoop(CurlOptions options = {});
  CurlEventLoop(const CurlEventLoop&) = delete;
  CurlEventLoop& operator=(const CurlEventLoop&) = delete;
  ~CurlEventLoop() override;

  // Errors: kNetwork (connect refused/reset, DNS, TLS, empty reply) and kTimeout
  // (connect_timeout or total_timeout of the request), each naming method, URL and
  // curl's message. Any HTTP status is a success here.
  Task<Result<HttpResponse>> send(HttpRequest request) override;

  // Resumes after `duration` (immediately if <= 0) without blocking other work.
  Task<void> sleep_for(std::chrono::nanoseconds duration) override;

  // Starts `task` and drives the loop until it finishes; returns its value. Tasks spawned
  // earlier make progress meanwhile. Must not be called from inside the loop.
  template <typename T>
  T run(Task<T> task) {
    std::optional<T> out;
    start(std::move(task), [&out](T v) { out.emplace(std::move(v)); });
    drive([&out] { return out.has_value(); });
    return std::move(*out);
  }
  void run(Task<void> task) {
    bool done = false;
    start(std::move(task), [&done] { done = true; });
    drive([&done] { return done; });
  }

  // Starts `task` now (it runs until it first suspends); the loop finishes it during
  // run()/run_until_idle(). It must not outlive what it references.
  void spawn(Task<void> task);

  // Drives the loop until no request, sleep or spawned task is left.
  void run_until_idle();

  [[nodiscard]] std::size_t in_flight() const;

 private:
  struct Impl;
  friend struct Impl;
  // Runs loop iterations until `done()` is true. Terminates if nothing is pending that
  // could ever make it true (a task awaiting something outside this loop: a bug).
  void drive(const std::function<bool()>& done);

  std::unique_ptr<Impl> impl_;
};

}  // namespace certguard::aws
