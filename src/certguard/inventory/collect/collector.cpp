#include "certguard/inventory/collect/collector.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <utility>

#include "certguard/aws/client/aws_client.h"
#include "certguard/aws/config/partitions.h"
#include "certguard/inventory/collect/aws_calls.h"
#include "certguard/inventory/collect/region_collector.h"

namespace certguard::inventory {

// The state of one collect() call, shared by its workers (one thread).
struct Collector::Run {
  TargetSpec targets;
  std::string partition;
  Estate estate;
  // Per account: its credentials and the regions to read.
  std::vector<std::shared_ptr<aws::CredentialsProvider>> credentials;
  std::vector<std::vector<std::string>> regions;
  std::size_t next_account = 0;
  // Account-region jobs (account index, region index into estate.accounts[a].regions).
  std::vector<std::pair<std::size_t, std::size_t>> jobs;
  std::size_t next_job = 0;
  CollectProgress progress;
  std::vector<std::string> warnings;
};

namespace {

Account new_account(std::string id, std::string name = {}, std::string email = {}) {
  Account account;
  account.id = std::move(id);
  account.name = std::move(name);
  account.email = std::move(email);
  return account;
}

aws::ClientDeps deps_for(const CollectorDeps& deps, aws::CredentialsProvider* credentials,
                         aws::RetryPolicy* retry) {
  return aws::ClientDeps{.transport = deps.transport,
                         .credentials = credentials,
                         .signer = deps.signer,
                         .clock = deps.clock,
                         .sleeper = deps.sleeper,
                         .retry = retry,
                         .limiter = nullptr,
                         .stats = nullptr,
                         .debug = deps.debug};
}

}  // namespace

std::vector<std::string> apigateway_regions_within(const std::string& partition,
                                                   const std::vector<std::string>& enabled) {
  const aws::Partition* p = aws::find_partition(partition);
  std::vector<std::string> out;
  for (const auto& region : enabled) {
    if (p == nullptr ||
        std::ranges::find(p->apigateway_regions, region) != p->apigateway_regions.end()) {
      out.push_back(region);
    }
  }
  return out;
}

std::string role_arn(const std::string& partition, const std::string& account_id,
                     const std::string& role_name) {
  return "arn:" + partition + ":iam::" + account_id + ":role/" + role_name;
}

Collector::Collector(CollectorDeps deps, CollectOptions options)
    : deps_(std::move(deps)), options_(std::move(options)) {
  options_.max_concurrency = std::max<std::size_t>(options_.max_concurrency, 1);
}

Task<Status> Collector::resolve_accounts(Run* run) {
  const TargetSpec& t = run->targets;
  if (!t.accounts.empty()) {
    for (const auto& id : t.accounts) run->estate.accounts.push_back(new_account(id));
    co_return Status{};
  }
  Result<std::shared_ptr<aws::CredentialsProvider>> base = deps_.credentials("");
  if (!base.ok()) co_return base.error();
  std::unique_ptr<aws::RetryPolicy> retry = deps_.make_retry ? deps_.make_retry() : nullptr;
  if (t.organization) {
    Result<aws::Endpoint> endpoint = deps_.endpoint(aws::ServiceId::kOrganizations, t.home_region);
    if (!endpoint.ok()) co_return endpoint.error();
    aws::AwsClient client(aws::client_config_for(*endpoint),
                          deps_for(deps_, base->get(), retry.get()));
    auto list = list_org_accounts(client);
    Result<std::vector<OrgAccount>> accounts = co_await std::move(list);
    if (!accounts.ok()) co_return accounts.error();
    for (const auto& a : *accounts) {
      if (!a.scannable()) {
        run->warnings.push_back("skipped account " + a.id + " (" + a.name +
                                "): " + (a.state.empty() ? a.status : a.state));
        continue;
      }
      run->estate.accounts.push_back(new_account(a.id, a.name, a.email));
    }
    if (run->estate.accounts.empty()) {
      co_return make_error(ErrorKind::kNotFound,
                           "Organizations ListAccounts returned no active account to scan");
    }
    co_return Status{};
  }
  Result<aws::Endpoint> endpoint = deps_.endpoint(aws::ServiceId::kSts, t.home_region);
  if (!endpoint.ok()) co_return endpoint.error();
  aws::AwsClient client(aws::client_config_for(*endpoint),
                        deps_for(deps_, base->get(), retry.get()));
  auto call = get_caller_account(client);
  Result<std::string> account = co_await std::move(call);
  if (!account.ok()) co_return account.error();
  run->estate.accounts.push_back(new_account(*account));
  co_return Status{};
}

// Obtains the account's credentials (assuming its role, if configured) and its regions.
// Failures become ERROR regions for the account.
Task<void> Collector::prepare_account(Run* run, std::size_t index) {
  Account& account = run->estate.accounts[index];
  const TargetSpec& t = run->targets;
  auto fail_all = [&](const Error& error) {
    std::vector<std::string> names =
        t.regions.empty() ? std::vector<std::string>{t.home_region} : t.regions;
    for (const auto& name : names) account.regions.push_back(region_error(name, error));
  };
  Result<std::shared_ptr<aws::CredentialsProvider>> provider = deps_.credentials(account.id);
  if (!provider.ok()) {
    fail_all(provider.error());
    co_return;
  }
  auto get = (*provider)->get();
  Result<aws::Credentials> creds = co_await std::move(get);
  if (!creds.ok()) {
    fail_all(creds.error().with_context("AssumeRole", account.id));
    co_return;
  }
  run->credentials[index] = *provider;

  std::vector<std::string> names = t.regions;
  if (names.empty() && t.all_regions) {
    Result<aws::Endpoint> endpoint = deps_.endpoint(aws::ServiceId::kEc2, t.home_region);
    if (!endpoint.ok()) {
      fail_all(endpoint.error());
      co_return;
    }
    std::unique_ptr<aws::RetryPolicy> retry = deps_.make_retry ? deps_.make_retry() : nullptr;
    aws::AwsClient client(aws::client_config_for(*endpoint),
                          deps_for(deps_, provider->get(), retry.get()));
    auto call = describe_enabled_regions(client);
    Result<std::vector<std::string>> enabled = co_await std::move(call);
    if (!enabled.ok()) {
      fail_all(enabled.error());
      co_return;
    }
    names = apigateway_regions_within(run->partition, *enabled);
    account.enabled_regions = *enabled;
  }
  if (names.empty() && !t.all_regions) names.push_back(t.home_region);
  for (const auto& name : names) {
    Region region;
    region.name = name;
    region.scan.state = ScanState::kNotScanned;
    account.regions.push_back(std::move(region));
  }
}

Task<void> Collector::scan_region(Run* run, std::size_t index) {
  auto [a, r] = run->jobs[index];
  Account& account = run->estate.accounts[a];
  std::string region_name = account.regions[r].name;
  MonoTime started = deps_.clock->monotonic();
  if (deps_.debug) {
    deps_.debug(fmt::format("certguard debug: {} {}: region scan started ({} of {})\n", account.id,
                            region_name, index + 1, run->jobs.size()));
  }
  auto task = collect_region(&deps_, &options_, run->credentials[a].get(), account.id, region_name);
  RegionOutcome outcome = co_await std::move(task);
  account.regions[r] = std::move(outcome.region);
  for (auto& w : outcome.warnings) run->warnings.push_back(std::move(w));
  ++run->progress.done;
  std::uint64_t calls = 0;
  for (const auto& [op, n] : account.regions[r].scan.calls) calls += static_cast<std::uint64_t>(n);
  run->progress.calls += calls;
  run->progress.throttled += static_cast<std::uint64_t>(account.regions[r].scan.throttled);
  if (deps_.debug) {
    const Region& done = account.regions[r];
    std::chrono::duration<double> took = deps_.clock->monotonic() - started;
    deps_.debug(fmt::format(
        "certguard debug: {} {}: region scan {} in {:.3f} s: {} REST APIs, {} calls, {} "
        "throttled ({} of {} regions done)\n",
        account.id, region_name, done.scan.state == ScanState::kOk ? "finished" : "failed",
        took.count(), done.rest_apis.size(), calls, done.scan.throttled, run->progress.done,
        run->progress.total));
  }
  if (deps_.progress) deps_.progress(run->progress);
}

void Collector::debug_phase(std::string_view what, MonoTime* since) const {
  MonoTime now = deps_.clock->monotonic();
  if (deps_.debug) {
    std::chrono::duration<double> took = now - *since;
    deps_.debug(fmt::format("certguard debug: scan: {} ({:.3f} s)\n", what, took.count()));
  }
  *since = now;
}

Task<void> Collector::account_worker(Collector* self, Run* run) {
  while (run->next_account < run->estate.accounts.size()) {
    std::size_t index = run->next_account++;
    auto task = self->prepare_account(run, index);
    co_await std::move(task);
  }
}

Task<void> Collector::region_worker(Collector* self, Run* run) {
  while (run->next_job < run->jobs.size()) {
    std::size_t index = run->next_job++;
    auto task = self->scan_region(run, index);
    co_await std::move(task);
  }
}

Task<Result<CollectResult>> Collector::collect(TargetSpec targets) {
  auto run = std::make_unique<Run>();
  WallTime started = deps_.clock->now();
  run->targets = std::move(targets);
  run->partition = std::string(aws::partition_for_region(run->targets.home_region).id);
  run->estate.partition = run->partition;
  run->estate.captured_at =
      std::chrono::duration_cast<std::chrono::seconds>(started.time_since_epoch()).count();

  MonoTime phase = deps_.clock->monotonic();
  auto resolve = resolve_accounts(run.get());
  Status resolved = co_await std::move(resolve);
  if (!resolved.ok()) co_return resolved.error();
  debug_phase(fmt::format("{} accounts to scan", run->estate.accounts.size()), &phase);

  std::size_t accounts = run->estate.accounts.size();
  run->credentials.resize(accounts);
  std::vector<Task<void>> preparers;
  for (std::size_t i = 0; i < std::min(accounts, options_.max_concurrency); ++i) {
    preparers.push_back(account_worker(this, run.get()));
  }
  auto prepare_all = when_all(std::move(preparers));
  co_await std::move(prepare_all);
  debug_phase("credentials and regions ready for every account", &phase);

  for (std::size_t a = 0; a < accounts; ++a) {
    const auto& regions = run->estate.accounts[a].regions;
    for (std::size_t r = 0; r < regions.size(); ++r) {
      if (regions[r].scan.state == ScanState::kNotScanned) run->jobs.emplace_back(a, r);
    }
  }
  run->progress.total = run->jobs.size();
  std::vector<Task<void>> workers;
  for (std::size_t i = 0; i < std::min(run->jobs.size(), options_.max_concurrency); ++i) {
    workers.push_back(region_worker(this, run.get()));
  }
  auto scan_all = when_all(std::move(workers));
  co_await std::move(scan_all);
  debug_phase(fmt::format("{} account-regions scanned", run->jobs.size()), &phase);

  CollectResult result;
  result.estate = std::move(run->estate);
  result.warnings = std::move(run->warnings);
  result.started = started;
  result.finished = deps_.clock->now();
  co_return result;
}

}  // namespace certguard::inventory
