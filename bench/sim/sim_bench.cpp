// certguard-sim benchmark (not a CTest test): prints
//  1. time and memory to load a 10,000-API estate (`serve --estate`),
//  2. requests/s of a GetStages-heavy load over 1,000 keep-alive connections with no
//     latency, every request SigV4-signed (pre-signed with certguard's sigv4 library) and
//     verified by the sim,
//  3. 2,000 connections x 5 requests with --latency-ms 50: wall time against the floor,
//     alternating with the same round against reference_responder (this machine's floor).
//
// usage: sim_bench [--sim PATH] [--seconds S] [--connections N] [--latency-connections N]
//                  [--server-threads N] [--skip-estate] [--latency-only]
//                  [--latency-runs N] [--latency-server-threads N]
//                  [--reference PATH | --no-reference]

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bench/sim/load_client.h"
#include "bench/sim/sim_process.h"
#include "certguard/aws/sigv4/signer.h"
#include "certguard/inventory/estate/estate_json.h"
#include "sim/generate/generate.h"

namespace certguard::bench {
namespace {

struct Options {
  std::string sim = CG_SIM_BINARY;
  int seconds = 10;
  int connections = 1000;
  int latency_connections = 2000;
  int latency_requests = 5;
  int latency_ms = 50;
  int server_threads = 0;  // 0: the sim's default
  // Round 3 is CPU-bound on a 2-core machine shared with the load generator: one sim thread
  // costs less per request than two handing the world lock to each other (RESULTS.md,
  // round 5). 0: the sim's default.
  int latency_server_threads = 1;
  bool skip_estate = false;
  bool latency_only = false;  // only round 3 (for strace/perf wrappers around the sim)
  int latency_runs = 5;       // round 3 runs, each against the reference and the sim
  std::string reference = CG_REFERENCE_BINARY;  // empty: --no-reference
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--sim") {
      o.sim = value();
    } else if (a == "--seconds") {
      o.seconds = std::stoi(value());
    } else if (a == "--connections") {
      o.connections = std::stoi(value());
    } else if (a == "--latency-connections") {
      o.latency_connections = std::stoi(value());
    } else if (a == "--server-threads") {
      o.server_threads = std::stoi(value());
    } else if (a == "--latency-server-threads") {
      o.latency_server_threads = std::stoi(value());
    } else if (a == "--skip-estate") {
      o.skip_estate = true;
    } else if (a == "--latency-only") {
      o.latency_only = true;
    } else if (a == "--latency-runs") {
      o.latency_runs = std::max(1, std::stoi(value()));
    } else if (a == "--reference") {
      o.reference = value();
    } else if (a == "--no-reference") {
      o.reference.clear();
    } else {
      std::fprintf(stderr, "sim_bench: unknown option %s\n", a.c_str());
      return false;
    }
  }
  return true;
}

// What this process (the load generator) has used so far: CPU seconds, user and system
// apart, and minor page faults.
SimProcess::Usage own_usage() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime), static_cast<double>(usage.ru_minflt)};
}

SimProcess::Usage operator-(const SimProcess::Usage& a, const SimProcess::Usage& b) {
  return {a.user - b.user, a.system - b.system, a.minor_faults - b.minor_faults};
}

// Warms the server up with the round's own shape before it is measured: every connection
// opens and sends one request (as many as the rotation needs to be sent whole), then closes.
// One-off costs belong to start-up, not to a request: the first GetClientCertificates
// generates an RSA key, OpenSSL loads its provider on the first hash, and every page of
// memory the server touches for the first time costs 12-19 us on this machine (a fresh sim
// takes about 1,000 more of those than the reference responder in its first burst).
void warm_up(int port, const std::vector<std::string>& requests, int connections) {
  LoadPlan plan;
  plan.port = port;
  plan.connections = std::max(1, connections);
  plan.requests = requests;
  const auto n = static_cast<int>(requests.size());
  plan.requests_per_connection = (n + plan.connections - 1) / plan.connections;
  (void)run_load(plan);
}

// The 1-minute load average (other processes share the cores), or -1 when unreadable.
double load_average() {
  std::array<double, 1> load{-1.0};
  return getloadavg(load.data(), 1) == 1 ? load[0] : -1.0;
}

std::string temp_estate(const inventory::Estate& estate, const char* name) {
  const auto path = std::filesystem::temp_directory_path() /
                    (std::string("certguard-sim-bench-") + std::to_string(getpid()) + "-" + name);
  if (auto saved = inventory::save_estate_file(path, estate); !saved.ok()) {
    std::fprintf(stderr, "%s\n", saved.error().describe().c_str());
    std::exit(1);
  }
  return path.string();
}

std::vector<std::string> server_args(const std::string& estate_file, inventory::EpochSeconds now,
                                     int threads) {
  std::vector<std::string> args = {"--estate", estate_file, "--quotas",
                                   "off",      "--now",     std::to_string(now)};
  if (threads > 0) {
    args.emplace_back("--threads");
    args.push_back(std::to_string(threads));
  }
  return args;
}

int estate_load(const Options& o) {
  sim::GenerateOptions g;
  g.accounts = 10;
  g.regions = {"us-east-1", "us-east-2",    "us-west-1",      "us-west-2",      "eu-west-1",
               "eu-west-2", "eu-central-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1"};
  g.apis_per_region = 112;  // 9 active accounts (one is suspended) x 10 regions x 112 = 10,080
  g.stages_per_api = 3;
  const auto estate = sim::generate_estate(g);
  std::size_t apis = 0;
  for (const auto& a : estate.accounts) {
    for (const auto& r : a.regions) apis += r.rest_apis.size();
  }
  const std::string file = temp_estate(estate, "big.json");
  const auto size = std::filesystem::file_size(file);
  auto sim = SimProcess::start(o.sim, server_args(file, g.now, o.server_threads));
  std::filesystem::remove(file);
  if (!sim.ok()) {
    std::fprintf(stderr, "%s\n", sim.error().describe().c_str());
    return 1;
  }
  std::printf(
      "estate load: %zu REST APIs (%.1f MB JSON): serve ready in %lld ms, RSS %.1f MB "
      "(peak %.1f MB)  [target < 2000 ms, < 200 MB]\n",
      apis, static_cast<double>(size) / 1e6, static_cast<long long>(sim->startup().count()),
      static_cast<double>(sim->rss_kib()) / 1024.0,
      static_cast<double>(sim->peak_rss_kib()) / 1024.0);
  return 0;
}

// GetStages for every API, plus one GetRestApis and one GetClientCertificates.
std::vector<std::string> signed_requests(const inventory::Estate& estate, int port) {
  const auto& account = estate.accounts.at(0);
  const auto& region = account.regions.at(0);
  std::vector<std::string> paths;
  for (const auto& api : region.rest_apis) paths.push_back("/restapis/" + api.id + "/stages");
  paths.emplace_back("/restapis");
  paths.emplace_back("/clientcertificates");
  aws::sigv4::SigningParams params;
  params.access_key_id = account.access_keys.at(0).access_key_id;
  params.secret_access_key = account.access_keys.at(0).secret_access_key;
  params.region = region.name;
  params.service = "apigateway";
  params.time = std::chrono::system_clock::now();
  const std::string host = "127.0.0.1:" + std::to_string(port);
  std::vector<std::string> out;
  for (const auto& path : paths) {
    aws::sigv4::SignableRequest req;
    req.method = "GET";
    req.path = path;
    req.headers = {{"Host", host}, {"Accept", "application/json"}};
    (void)aws::sigv4::sign_headers(req, params);
    std::string raw = "GET " + path + " HTTP/1.1\r\n";
    for (const auto& [k, v] : req.headers) raw.append(k).append(": ").append(v).append("\r\n");
    raw += "\r\n";
    out.push_back(std::move(raw));
  }
  return out;
}

void print_statuses(const LoadResult& r) {
  std::printf("  statuses:");
  for (const auto& [status, count] : r.statuses) {
    std::printf(" %u x %llu", status, static_cast<unsigned long long>(count));
  }
  std::printf("; failed connections: %llu\n",
              static_cast<unsigned long long>(r.failed_connections));
}

inventory::Estate small_estate() {
  sim::GenerateOptions g;
  g.accounts = 1;
  g.regions = {"us-east-1"};
  g.apis_per_region = 100;
  g.stages_per_api = 3;
  return sim::generate_estate(g);
}

int throughput(const Options& o) {
  const auto estate = small_estate();
  const std::string file = temp_estate(estate, "small.json");
  auto sim = SimProcess::start(o.sim, server_args(file, *estate.captured_at, o.server_threads));
  std::filesystem::remove(file);
  if (!sim.ok()) {
    std::fprintf(stderr, "%s\n", sim.error().describe().c_str());
    return 1;
  }
  LoadPlan plan;
  plan.port = sim->port();
  plan.connections = o.connections;
  plan.requests = signed_requests(estate, sim->port());
  plan.duration = std::chrono::seconds(o.seconds);
  warm_up(plan.port, plan.requests, plan.connections);
  const double cpu_before = sim->cpu_seconds();
  auto r = run_load(plan);
  const double sim_cpu = sim->cpu_seconds() - cpu_before;
  std::printf(
      "throughput: %d connections, no latency, GetStages-heavy (%zu signed requests "
      "in rotation): %.0f requests/s over %.1f s (%llu responses; p50 %.1f ms, p99 "
      "%.1f ms)  [target >= 10000/s]\n",
      o.connections, plan.requests.size(), r.per_second(),
      static_cast<double>(r.elapsed.count()) / 1e6, static_cast<unsigned long long>(r.responses),
      static_cast<double>(r.quantile(0.5).count()) / 1e3,
      static_cast<double>(r.quantile(0.99).count()) / 1e3);
  print_statuses(r);
  // The machine is shared: CPU per request says what one dedicated core would sustain.
  const double per_request_us =
      sim_cpu * 1e6 / static_cast<double>(std::max<std::uint64_t>(r.responses, 1));
  std::printf(
      "  sim CPU %.2f s for %llu requests: %.0f us per request, i.e. %.0f requests/s per "
      "core of sim CPU; sim RSS %.1f MB\n",
      sim_cpu, static_cast<unsigned long long>(r.responses), per_request_us,
      per_request_us > 0 ? 1e6 / per_request_us : 0.0,
      static_cast<double>(sim->rss_kib()) / 1024.0);
  return r.statuses.size() == 1 && r.statuses.count(200) == 1 ? 0 : 1;
}

// One latency round against `binary` (the sim or the reference responder): its wall time
// and CPU, or nullopt when the server would not start. Prints one line.
struct LatencyRun {
  double wall_ms = 0;
  double server_us = 0;  // CPU per request, user + system
  double own_us = 0;     // the load generator's
  double cpu_floor_ms = 0;
  bool all_ok = false;  // every response a 200, no failed connection
};

std::optional<LatencyRun> latency_run(const Options& o, const std::string& binary,
                                      const char* label) {
  const auto estate = small_estate();
  const std::string file = temp_estate(estate, "latency.json");
  auto args = server_args(file, *estate.captured_at, o.latency_server_threads);
  args.emplace_back("--latency-ms");
  args.push_back(std::to_string(o.latency_ms));
  auto server = SimProcess::start(binary, args);
  std::filesystem::remove(file);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.error().describe().c_str());
    return std::nullopt;
  }
  LoadPlan plan;
  plan.port = server->port();
  plan.connections = o.latency_connections;
  plan.requests = signed_requests(estate, server->port());
  plan.requests_per_connection = o.latency_requests;
  warm_up(plan.port, plan.requests, plan.connections);
  // CPU is counted from the moment every connection is open to the last response, as the
  // wall time is.
  SimProcess::Usage server_before;
  SimProcess::Usage own_before;
  SimProcess::Usage server_after;
  SimProcess::Usage own_after;
  plan.on_started = [&server_before, &own_before, s = &*server] {
    server_before = s->usage();
    own_before = own_usage();
  };
  plan.on_finished = [&server_after, &own_after, s = &*server] {
    server_after = s->usage();
    own_after = own_usage();
  };
  auto r = run_load(plan);
  const SimProcess::Usage server_use = server_after - server_before;
  const SimProcess::Usage own = own_after - own_before;
  // The round also needs CPU: the server's and this load generator's, on a machine whose
  // cores are shared by both. Its CPU floor is that CPU spread over every core.
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const double responses = static_cast<double>(std::max<std::uint64_t>(r.responses, 1));
  auto us = [&](double seconds) { return seconds * 1e6 / responses; };
  LatencyRun run;
  run.wall_ms = static_cast<double>(r.elapsed.count()) / 1e3;
  run.server_us = us(server_use.total());
  run.own_us = us(own.total());
  run.cpu_floor_ms = (server_use.total() + own.total()) * 1e3 / cores;
  run.all_ok = r.statuses.size() == 1 && r.statuses.count(200) == 1 && r.failed_connections == 0;
  std::printf(
      "  %-9s %.0f ms wall, ratio %.2f (first round %.0f ms, p50 %.1f ms, p99 %.1f ms); CPU per "
      "request: server %.1f us (user %.1f, system %.1f), load generator %.1f us; server page "
      "faults %.0f; CPU floor %.0f ms; load average %.2f\n",
      label, run.wall_ms, run.wall_ms / (o.latency_requests * o.latency_ms),
      static_cast<double>(r.first_round.count()) / 1e3,
      static_cast<double>(r.quantile(0.5).count()) / 1e3,
      static_cast<double>(r.quantile(0.99).count()) / 1e3, run.server_us, us(server_use.user),
      us(server_use.system), run.own_us, server_use.minor_faults, run.cpu_floor_ms, load_average());
  if (!run.all_ok) print_statuses(r);
  return run;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

// Round 3, alternating the reference responder and the sim so that both see the same
// machine: the reference's wall time is this machine's floor for the round (what the load
// generator and the kernel take when the server does nothing but wait), and "at the latency
// floor" means the sim finishes within 10% of it (bench/sim/RESULTS.md, round 5).
int latency_floor(const Options& o) {
  const double floor_ms = o.latency_requests * o.latency_ms;
  std::printf(
      "latency: %d connections x %d sequential requests at %d ms (floor %.0f ms), sim server "
      "threads: %s, %d runs each, alternating:\n",
      o.latency_connections, o.latency_requests, o.latency_ms, floor_ms,
      o.latency_server_threads > 0 ? std::to_string(o.latency_server_threads).c_str()
                                   : "its default",
      o.latency_runs);
  std::vector<double> reference_ms;
  std::vector<double> sim_ms;
  std::vector<double> sim_us;
  bool ok = true;
  for (int i = 0; i < o.latency_runs; ++i) {
    if (!o.reference.empty()) {
      auto ref = latency_run(o, o.reference, "reference");
      if (!ref || !ref->all_ok) return 1;
      reference_ms.push_back(ref->wall_ms);
    }
    auto sim = latency_run(o, o.sim, "sim");
    if (!sim) return 1;
    ok = ok && sim->all_ok;
    sim_ms.push_back(sim->wall_ms);
    sim_us.push_back(sim->server_us);
  }
  const double sim_wall = median(sim_ms);
  std::printf(
      "  sim: median %.0f ms, ratio %.2f to the %.0f ms floor; %.1f us of sim CPU per "
      "request\n",
      sim_wall, sim_wall / floor_ms, floor_ms, median(sim_us));
  if (!reference_ms.empty()) {
    const double ref_wall = median(reference_ms);
    const double excess = sim_wall / ref_wall;
    std::printf(
        "  reference responder: median %.0f ms, ratio %.2f: this machine's floor for the "
        "round\n  at the latency floor (sim within 10%% of the reference): %s; sim / "
        "reference = %.2f\n",
        ref_wall, ref_wall / floor_ms, excess <= 1.10 ? "yes" : "NO", excess);
  }
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace certguard::bench

int main(int argc, char** argv) {
  certguard::bench::Options o;
  if (!certguard::bench::parse(argc, argv, o)) return 2;
  int rc = 0;
  if (!o.latency_only) {
    if (!o.skip_estate) rc |= certguard::bench::estate_load(o);
    rc |= certguard::bench::throughput(o);
  }
  rc |= certguard::bench::latency_floor(o);
  return rc;
}
