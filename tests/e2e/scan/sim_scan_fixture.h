#pragma once

// Starts certguard-sim in-process on 127.0.0.1:0 with an estate, and scans it with the
// real collector (CurlEventLoop, credential chain from dummy env keys, AssumeRole into
// each account) exactly as `certguard scan --role-name` would.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "certguard/aws/config/aws_config.h"
#include "certguard/inventory/collect/collector.h"
#include "certguard/inventory/collect/live_setup.h"
#include "certguard/rules/evaluate.h"
#include "sim/app/sim_server.h"

namespace certguard::testing {

struct SimScan {
  std::unique_ptr<sim::SimServer> server;
  inventory::CollectResult result;
  std::vector<rules::Finding> findings;
};

struct SimScanOptions {
  std::string access_key;  // the caller's key (an estate access key)
  std::string secret_key;
  std::string role_name = "CertguardAudit";
  std::vector<std::string> accounts;
  std::vector<std::string> regions;
  bool strict = false;
  sim::EngineOptions engine;  // quotas, faults, latency, now
  inventory::CollectOptions collect;
  inventory::EpochSeconds now = 0;
};

inline inventory::CollectResult scan_server(const sim::SimServer& server, const SimScanOptions& o) {
  aws::Environment env{{"AWS_ACCESS_KEY_ID", o.access_key},
                       {"AWS_SECRET_ACCESS_KEY", o.secret_key},
                       {"AWS_EC2_METADATA_DISABLED", "true"},
                       {"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9"},
                       {"AWS_CONFIG_FILE", "/dev/null"},
                       {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
                       {"AWS_DEFAULT_REGION", "us-east-1"},
                       {"AWS_ENDPOINT_URL", server.base_url()}};
  Result<aws::AwsConfig> config =
      aws::AwsConfig::from_shared(aws::ConfigOptions{}, env, aws::SharedConfig{});
  EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().describe());
  inventory::LiveOptions live;
  live.role_name = o.role_name;
  auto setup = inventory::LiveSetup::create(std::move(*config), live);
  EXPECT_TRUE(setup.ok());
  inventory::Collector collector((*setup)->deps(nullptr), o.collect);
  inventory::TargetSpec targets;
  targets.accounts = o.accounts;
  targets.regions = o.regions;
  targets.home_region = "us-east-1";
  Result<inventory::CollectResult> r = (*setup)->loop().run(collector.collect(targets));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return std::move(r).value();
}

inline SimScan run_sim_scan(inventory::Estate estate, const SimScanOptions& o) {
  SimScan out;
  sim::SimServerOptions options;
  options.engine = o.engine;
  auto server = sim::SimServer::start(std::move(estate), options);
  EXPECT_TRUE(server.ok()) << (server.ok() ? "" : server.error().describe());
  out.server = std::move(*server);
  out.result = scan_server(*out.server, o);
  rules::RuleContext ctx;
  ctx.now = o.now;
  ctx.strict = o.strict;
  out.findings = rules::evaluate(out.result.estate, ctx);
  return out;
}

}  // namespace certguard::testing
