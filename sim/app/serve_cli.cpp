#include "sim/app/serve_cli.h"

#include <malloc.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "certguard/inventory/estate/estate_json.h"
#include "sim/app/sim_server.h"
#include "sim/core/world.h"

namespace certguard::sim {

namespace {
struct ServeOptions {
  int port = 0;
  std::string estate_file;
  std::string quotas = "aws";
  double quota_scale = 1.0;
  std::string latency = "0";
  std::string faults;
  std::uint64_t fault_seed = 1;
  std::optional<std::int64_t> now;
  int threads = 2;
  std::uint64_t seed = 1;
};

void setup_serve(CLI::App& app, ServeOptions& o) {
  app.add_option("--port", o.port, "TCP port on 127.0.0.1 (0: any free port)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--estate", o.estate_file,
                 "estate JSON to load (default: one account "
                 "123456789012, key testing/testing)");
  app.add_option("--quotas", o.quotas, "aws: AWS's API Gateway request quotas; off: none")
      ->check(CLI::IsMember({"aws", "off"}));
  app.add_option("--quota-scale", o.quota_scale, "multiply every quota rate and burst")
      ->check(CLI::PositiveNumber);
  app.add_option("--latency-ms", o.latency, "N or N:JITTER milliseconds added to each response");
  app.add_option("--faults", o.faults, "e.g. 5xx=0.05,reset=0.02,stall=0.01");
  app.add_option("--fault-seed", o.fault_seed, "seed of the fault draws");
  app.add_option("--now", o.now,
                 "freeze the virtual clock at EPOCH seconds (moves only by POST /_sim/clock); "
                 "default: the estate's captured_at, else real time");
  app.add_option("--threads", o.threads, "server threads")->check(CLI::Range(1, 64));
  app.add_option("--seed", o.seed, "seed of the ids the sim makes");
}

int serve(const ServeOptions& o) {
  SimServerOptions options;
  options.port = static_cast<std::uint16_t>(o.port);
  options.threads = o.threads;
  options.engine.quotas.enabled = o.quotas == "aws";
  options.engine.quotas.scale = o.quota_scale;
  options.engine.now = o.now;
  options.engine.seed = o.seed;
  auto latency = parse_latency(o.latency);
  if (!latency) {
    std::cerr << "certguard-sim serve: " << latency.error().message << "\n";
    return 2;
  }
  options.engine.latency = *latency;
  auto faults = parse_faults(o.faults, o.fault_seed);
  if (!faults) {
    std::cerr << "certguard-sim serve: " << faults.error().message << "\n";
    return 2;
  }
  options.engine.faults = *faults;

  inventory::Estate estate = SimWorld::default_estate();
  if (!o.estate_file.empty()) {
    auto loaded = inventory::load_estate_file(o.estate_file);
    if (!loaded) {
      std::cerr << "certguard-sim serve: cannot load the estate: " << loaded.error().describe()
                << "\n";
      return 1;
    }
    estate = std::move(loaded).value();
  }
  // Without --now, an estate that says when it was captured sets the virtual clock.
  if (!options.engine.now && estate.captured_at) options.engine.now = estate.captured_at;

  // glibc gives each server thread an arena of its own and grows it a page at a time, with
  // an mprotect() per new page: 2,000 new connections cost about 2,300 of them. Keeping
  // 8 MiB of slack at the top of every heap turns that into a few dozen calls. (The same as
  // GLIBC_TUNABLES=glibc.malloc.top_pad=8388608.)
  constexpr int kHeapSlack = 8 << 20;
  (void)mallopt(M_TOP_PAD, kHeapSlack);

  // Block the stop signals before the server threads start so that only sigwait below
  // receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = SimServer::start(std::move(estate), options);
  if (!server) {
    std::cerr << "certguard-sim serve: " << server.error().describe() << "\n";
    return 1;
  }
  std::cout << "listening on " << (*server)->base_url() << std::endl;  // flushes

  int received = 0;
  sigwait(&signals, &received);
  (*server)->shutdown();
  std::cerr << "certguard-sim: stopped (" << (received == SIGTERM ? "SIGTERM" : "SIGINT") << ")\n";
  return 0;
}
}  // namespace

int run_serve(int argc, char** argv) {
  CLI::App app{
      "certguard-sim serve: a local API Gateway / ACM / STS / Organizations / EC2 "
      "management-API emulator"};
  app.name("certguard-sim serve");
  ServeOptions options;
  setup_serve(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return serve(options);
}

}  // namespace certguard::sim
