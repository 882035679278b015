#pragma once

// The collector: resolves the targets (accounts, regions), then reads every
// account-region concurrently on one event loop, at most `max_concurrency` at a time,
// each paced by its own token buckets (region_collector.h), into an Estate.
//
// Fail-closed: an account whose credentials cannot be obtained (role not assumable) or
// whose regions cannot be listed gets ERROR regions with the cause; a region that could
// not be read is kError. collect() itself fails only when the target list cannot be
// built (GetCallerIdentity or Organizations ListAccounts failed, no accounts).

#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/result.h"
#include "certguard/core/task.h"
#include "certguard/inventory/collect/collector_types.h"
#include "certguard/inventory/estate/estate.h"

namespace certguard::inventory {

struct CollectResult {
  Estate estate;
  std::vector<std::string> warnings;  // partial failures (one API's GetStages, ...)
  WallTime started;
  WallTime finished;
};

class Collector {
 public:
  // Every pointer in `deps` must outlive the collector.
  Collector(CollectorDeps deps, CollectOptions options);

  Task<Result<CollectResult>> collect(TargetSpec targets);

 private:
  struct Run;
  Task<Status> resolve_accounts(Run* run);
  Task<void> prepare_account(Run* run, std::size_t index);
  Task<void> scan_region(Run* run, std::size_t index);
  // --debug: "<what> (<seconds since *since>)", then *since = now. A scan's timeline.
  void debug_phase(std::string_view what, MonoTime* since) const;
  static Task<void> account_worker(Collector* self, Run* run);
  static Task<void> region_worker(Collector* self, Run* run);

  CollectorDeps deps_;
  CollectOptions options_;
};

// API Gateway's regions in `partition` (aws/config) that are also in `enabled`, in
// `enabled`'s order.
std::vector<std::string> apigateway_regions_within(const std::string& partition,
                                                   const std::vector<std::string>& enabled);

// "arn:<partition>:iam::<account>:role/<name>".
std::string role_arn(const std::string& partition, const std::string& account_id,
                     const std::string& role_name);

}  // namespace certguard::inventory
