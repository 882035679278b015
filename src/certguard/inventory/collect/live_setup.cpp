#include "certguard/inventory/collect/live_setup.h"

#include <iostream>
#include <utility>

#include "certguard/aws/auth/assume_role_provider.h"
#include "certguard/aws/auth/caching_provider.h"
#include "certguard/aws/auth/default_chain.h"
#include "certguard/aws/client/debug_log.h"
#include "certguard/aws/config/partitions.h"
#include "certguard/inventory/collect/collector.h"
#include "certguard/inventory/collect/retry_adapter.h"

namespace certguard::inventory {

LiveSetup::LiveSetup(aws::AwsConfig config, LiveOptions options, aws::RetrySettings retry)
    : config_(std::move(config)),
      options_(std::move(options)),
      retry_(retry),
      random_(std::random_device{}()) {
  aws::CurlOptions curl;
  if (auto bundle = config_.ca_bundle()) curl.ca_bundle = *bundle;
  curl.proxy = aws::proxy_from_environment(config_.env().vars());
  loop_ = std::make_unique<aws::CurlEventLoop>(std::move(curl));
  base_ = aws::make_default_chain(config_, *loop_, clock_);
}

LiveSetup::~LiveSetup() = default;

Result<std::unique_ptr<LiveSetup>> LiveSetup::create(aws::AwsConfig config, LiveOptions options) {
  Result<aws::RetrySettings> retry = config.retry();
  if (!retry.ok()) return retry.error();
  return std::unique_ptr<LiveSetup>(new LiveSetup(std::move(config), std::move(options), *retry));
}

Result<std::shared_ptr<aws::CredentialsProvider>> LiveSetup::credentials_for(
    const std::string& account) {
  if (account.empty() || options_.role_name.empty()) return base_;
  auto it = per_account_.find(account);
  if (it != per_account_.end()) return it->second;
  Result<std::string> region = config_.region();
  if (!region.ok()) return region.error();
  Result<aws::Endpoint> sts = config_.endpoint(aws::ServiceId::kSts, *region);
  if (!sts.ok()) return sts.error();
  std::string partition(aws::partition_for_region(*region).id);
  auto assume = std::make_shared<aws::AssumeRoleProvider>(
      base_, role_arn(partition, account, options_.role_name), "", options_.external_id,
      std::nullopt, *loop_, *sts, clock_);
  std::shared_ptr<aws::CredentialsProvider> cached =
      std::make_shared<aws::CachingProvider>(std::move(assume), clock_);
  per_account_.emplace(account, cached);
  return cached;
}

CollectorDeps LiveSetup::deps(ProgressFn progress) {
  CollectorDeps deps;
  deps.transport = loop_.get();
  deps.sleeper = loop_.get();
  deps.clock = &clock_;
  deps.signer = &signer_;
  deps.endpoint = [this](aws::ServiceId service, std::string_view region) {
    return config_.endpoint(service, region);
  };
  deps.credentials = [this](const std::string& account) { return credentials_for(account); };
  deps.make_retry = [this]() -> std::unique_ptr<aws::RetryPolicy> {
    return std::make_unique<StrategyRetryPolicy>(
        aws::make_retry_strategy(retry_, random_, clock_, *loop_));
  };
  if (options_.debug) deps.debug = aws::make_debug_sink(clock_, std::cerr);
  deps.progress = std::move(progress);
  return deps;
}

}  // namespace certguard::inventory
