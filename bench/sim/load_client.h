#pragma once

// A small HTTP/1.1 load generator (one thread, one epoll set): N keep-alive connections to
// 127.0.0.1, each sending pre-built (pre-signed) requests back to back. It reads only each
// response's status and Content-Length: it is the harness, not the system under test.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace certguard::bench {

struct LoadPlan {
  int port = 0;
  int connections = 1;
  std::vector<std::string> requests;  // complete raw requests; connection i starts at i
  // Stop when either limit is reached (0 = no limit on that side).
  std::chrono::milliseconds duration{0};
  int requests_per_connection = 0;
  // Called once every connection is open, just before the first request (and the clock)
  // starts: the caller samples CPU times there, so connecting is not counted per request.
  std::function<void()> on_started;
  // Called once the last response is in, before any connection is closed: the clock stops
  // there, so the caller samples CPU times there too.
  std::function<void()> on_finished;
};

struct LoadResult {
  std::uint64_t responses = 0;
  std::uint64_t failed_connections = 0;  // connect, read or write errors
  std::map<unsigned, std::uint64_t> statuses;
  std::chrono::microseconds connect_time{0};  // until every connection was open
  std::chrono::microseconds elapsed{0};       // from the first request to the last response
  // From the first request until every connection has its first response: with every
  // connection sending at once, how long the server takes to drain that first burst.
  std::chrono::microseconds first_round{0};
  std::vector<std::chrono::microseconds> latencies;  // one per response

  [[nodiscard]] double per_second() const;
  // Latency at quantile q (0..1); zero when there are none.
  [[nodiscard]] std::chrono::microseconds quantile(double q);
};

// Opens every connection first, then starts the clock and the requests. A connection that
// is done stays open until every connection is done (a client's pool keeps its connections):
// closing them is not part of what is measured.
LoadResult run_load(const LoadPlan& plan);

}  // namespace certguard::bench
