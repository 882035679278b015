#pragma once

// What the collector needs from outside (transport, sleeper, clock, signer, endpoints,
// credentials per account, retry policies) and how it is told what to scan. Everything
// is a parameter so tests run it against a fake transport or an in-process sim.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/client/hooks.h"
#include "certguard/aws/config/endpoints.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "certguard/inventory/collect/pacing.h"

namespace certguard::inventory {

// The endpoint of `service` in `region` (AwsConfig::endpoint in the CLI).
using EndpointFn = std::function<Result<aws::Endpoint>(aws::ServiceId, std::string_view region)>;
// Credentials to use in `account_id`; an empty id means the caller's own (base) credentials.
// The CLI returns an assume-role provider (cached per account) when --role-name is given.
using CredentialsFn =
    std::function<Result<std::shared_ptr<aws::CredentialsProvider>>(const std::string& account_id)>;
// A fresh retry policy for one client; an empty function means a single attempt.
using RetryFactory = std::function<std::unique_ptr<aws::RetryPolicy>()>;

struct CollectProgress {
  std::size_t done = 0;   // account-regions finished
  std::size_t total = 0;  // account-regions to scan
  std::uint64_t calls = 0;
  std::uint64_t throttled = 0;
};
using ProgressFn = std::function<void(const CollectProgress&)>;

struct CollectorDeps {
  aws::HttpTransport* transport = nullptr;
  aws::Sleeper* sleeper = nullptr;
  const Clock* clock = nullptr;
  aws::RequestSigner* signer = nullptr;
  EndpointFn endpoint;
  CredentialsFn credentials;
  RetryFactory make_retry;  // optional
  aws::DebugSink debug;     // optional
  ProgressFn progress;      // optional: called after each account-region
};

struct CollectOptions {
  std::size_t max_concurrency = 64;  // account-regions in flight at once
  PacingOptions pacing;
  // Read GetResources?embed=methods per API (CG-001's integration awareness). --strict
  // does not need it unless a snapshot is written.
  bool read_integrations = true;
};

// What to scan. Accounts: `accounts` if given, else the organization's (organization),
// else the caller's account. Regions: `regions` if given, else every region enabled for
// the account within API Gateway's regions (all_regions), else `home_region`.
struct TargetSpec {
  std::vector<std::string> accounts;
  bool organization = false;
  std::vector<std::string> regions;
  bool all_regions = false;
  std::string home_region;  // for STS, Organizations and EC2 calls; required
};

}  // namespace certguard::inventory
