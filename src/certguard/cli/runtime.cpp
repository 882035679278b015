#include "certguard/cli/runtime.h"

#include <fmt/format.h>

#include <iostream>
#include <random>

#include "certguard/aws/auth/default_chain.h"
#include "certguard/aws/client/debug_log.h"

namespace certguard::cli {

Runtime::Runtime(GlobalOptions options, aws::AwsConfig config)
    : options_(std::move(options)),
      config_(std::move(config)),
      random_(static_cast<unsigned>(std::random_device{}())) {
  aws::CurlOptions curl;
  if (auto bundle = config_.ca_bundle()) curl.ca_bundle = *bundle;
  curl.proxy = aws::proxy_from_environment(config_.env().vars());
  loop_ = std::make_unique<aws::CurlEventLoop>(std::move(curl));
  credentials_ = aws::make_default_chain(config_, *loop_, clock_);
  debug_ = aws::make_debug_sink(clock_, std::cerr);
}

Result<std::unique_ptr<Runtime>> Runtime::create(const GlobalOptions& options,
                                                 aws::Environment env) {
  aws::ConfigOptions config_options;
  config_options.profile = options.profile;
  config_options.region = options.region;
  config_options.endpoint_url = options.endpoint_url;
  auto config = aws::AwsConfig::load(config_options, std::move(env));
  if (!config.ok()) return config.error();
  return std::unique_ptr<Runtime>(new Runtime(options, std::move(*config)));
}

Result<std::unique_ptr<aws::AwsClient>> Runtime::client(aws::ServiceId service,
                                                        const std::string& region) {
  std::string chosen = region;
  if (chosen.empty()) {
    auto resolved = config_.region();
    if (!resolved.ok()) return resolved.error();
    chosen = *resolved;
  }
  auto endpoint = config_.endpoint(service, chosen);
  if (!endpoint.ok()) return endpoint.error();
  if (options_.debug) {
    debug_(fmt::format("certguard debug: {} endpoint {} (from {}), signing region {}\n",
                       aws::service_info(service).service_id, endpoint->url, endpoint->source,
                       endpoint->signing_region));
  }
  auto retry = config_.retry();
  if (!retry.ok()) return retry.error();
  strategies_.push_back(aws::make_retry_strategy(*retry, random_, clock_, *loop_));
  policies_.push_back(std::make_unique<aws::StrategyRetryPolicy>(*strategies_.back()));
  aws::ClientConfig cc = aws::client_config_for(*endpoint);
  aws::ClientDeps deps;
  deps.transport = loop_.get();
  deps.credentials = credentials_.get();
  deps.signer = &signer_;
  deps.clock = &clock_;
  deps.sleeper = loop_.get();
  deps.stats = &stats_;
  deps.retry = policies_.back().get();
  if (options_.debug) deps.debug = debug_;
  return std::make_unique<aws::AwsClient>(std::move(cc), std::move(deps));
}

}  // namespace certguard::cli
