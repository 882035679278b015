// bench_http: how close CurlEventLoop gets to the ideal throughput of a latency-bound
// workload. An in-process sim/http server answers every request after a fixed delay
// (default 50 ms); `concurrency` coroutines on one CurlEventLoop each send requests back
// to back until `total` are done. Ideal requests/s = concurrency / delay.
//
//   bench_http [--concurrency N] [--total N] [--delay-ms N] [--server-threads N]
//
// --delay-ms 0 measures raw round trips (client and server CPU bound, no latency floor).

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/aws/http/curl_event_loop.h"
#include "sim/http/server.h"

namespace {

using certguard::Task;
using certguard::aws::CurlEventLoop;
using certguard::aws::HttpRequest;

struct Options {
  int concurrency = 1000;
  int total = 10000;
  int delay_ms = 50;
  int server_threads = 2;
};

struct Counters {
  int next = 0;  // requests started
  int ok = 0;
  int failed = 0;
  std::string first_error;
};

// One client: sends requests back to back until the shared budget is spent.
Task<void> worker(CurlEventLoop* loop, const std::string* url, int total, Counters* c) {
  while (c->next < total) {
    ++c->next;
    HttpRequest req;
    req.url = *url;
    req.total_timeout = std::chrono::seconds(30);
    auto r = co_await loop->send(std::move(req));
    if (r.ok() && r->status == 200) {
      ++c->ok;
    } else {
      ++c->failed;
      if (c->first_error.empty()) {
        c->first_error = r.ok() ? "HTTP " + std::to_string(r->status) : r.error().describe();
      }
    }
  }
}

double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  auto tv = [](timeval t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return tv(u.ru_utime) + tv(u.ru_stime);
}

void raise_fd_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    int v = std::atoi(argv[i + 1]);
    if (v < 0 || (v == 0 && flag != "--delay-ms")) return false;
    if (flag == "--concurrency") {
      o.concurrency = v;
    } else if (flag == "--total") {
      o.total = v;
    } else if (flag == "--delay-ms") {
      o.delay_ms = v;
    } else if (flag == "--server-threads") {
      o.server_threads = v;
    } else {
      return false;
    }
  }
  return argc % 2 == 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_args(argc, argv, opt)) {
    std::fprintf(stderr,
                 "usage: bench_http [--concurrency N] [--total N] [--delay-ms N] "
                 "[--server-threads N]\n");
    return 2;
  }
  raise_fd_limit();
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  if (lim.rlim_cur < static_cast<rlim_t>(opt.concurrency) * 2 + 64) {
    std::fprintf(stderr, "bench_http: fd limit %llu is too low for %d connections\n",
                 static_cast<unsigned long long>(lim.rlim_cur), opt.concurrency);
    return 1;
  }

  namespace sim = certguard::sim;
  sim::ServerOptions sopts;
  sopts.threads = opt.server_threads;
  auto delay = std::chrono::milliseconds(opt.delay_ms);
  auto server = sim::HttpServer::start(
      sopts, [delay](const sim::ServerRequest& /*req*/, const sim::Responder& r) {
        sim::ServerResponse resp;
        resp.delay = delay;
        resp.headers = {{"Content-Type", "application/json"}};
        resp.body = R"({"item":[]})";
        r.respond(std::move(resp));
      });
  if (!server.ok()) {
    std::fprintf(stderr, "bench_http: %s\n", server.error().describe().c_str());
    return 1;
  }
  std::string url = (*server)->base_url() + "/restapis";

  std::vector<double> latencies_ms;
  latencies_ms.reserve(static_cast<std::size_t>(opt.total));
  certguard::aws::CurlOptions copts;
  copts.debug = [&latencies_ms](const certguard::aws::HttpExchange& x) {
    latencies_ms.push_back(static_cast<double>(x.elapsed.count()) / 1000.0);
  };
  CurlEventLoop loop(copts);
  Counters counters;
  double cpu0 = cpu_seconds(RUSAGE_THREAD);
  double proc0 = cpu_seconds(RUSAGE_SELF);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < opt.concurrency; ++i) loop.spawn(worker(&loop, &url, opt.total, &counters));
  loop.run_until_idle();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double client_cpu = cpu_seconds(RUSAGE_THREAD) - cpu0;
  double process_cpu = cpu_seconds(RUSAGE_SELF) - proc0;

  int done = counters.ok + counters.failed;
  double achieved = done / wall;
  // With no server delay there is no latency floor: ideal is reported as 0 (n/a).
  double ideal =
      opt.delay_ms == 0 ? 0 : std::min(opt.concurrency, opt.total) / (opt.delay_ms / 1000.0);
  auto stats = (*server)->stats();
  std::printf("requests          %d (%d ok, %d failed)\n", done, counters.ok, counters.failed);
  std::printf("concurrency       %d, server delay %d ms, server threads %d\n", opt.concurrency,
              opt.delay_ms, opt.server_threads);
  std::printf("wall time         %.3f s\n", wall);
  std::printf("achieved          %.0f requests/s\n", achieved);
  if (ideal > 0) {
    std::printf("ideal             %.0f requests/s (concurrency / delay)\n", ideal);
    std::printf("overhead          %.1f %% over ideal time\n", (ideal / achieved - 1) * 100);
  }
  std::printf("client CPU        %.1f us/request (event loop thread)\n", client_cpu / done * 1e6);
  std::printf("process CPU       %.1f us/request (client + server)\n", process_cpu / done * 1e6);
  std::printf("connections       %llu opened for %llu requests\n",
              static_cast<unsigned long long>(stats.connections_accepted),
              static_cast<unsigned long long>(stats.requests));
  if (!latencies_ms.empty()) {
    std::sort(latencies_ms.begin(), latencies_ms.end());
    auto pct = [&latencies_ms](double p) {
      return latencies_ms[static_cast<std::size_t>(p *
                                                   static_cast<double>(latencies_ms.size() - 1))];
    };
    std::printf("latency           p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n", pct(0.5),
                pct(0.9), pct(0.99), latencies_ms.back());
  }
  if (!counters.first_error.empty()) {
    std::printf("first error       %s\n", counters.first_error.c_str());
  }
  return counters.failed == 0 ? 0 : 1;
}
