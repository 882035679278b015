#pragma once

// What a subcommand needs to talk to AWS, built once per run from the global options and
// the Environment: the resolved configuration, the curl event loop (transport + sleeper),
// the credential chain, the signer, and a factory for per-service AwsClients.

#include <memory>
#include <string>
#include <vector>

#include "certguard/aws/client/aws_client.h"
#include "certguard/aws/client/sigv4_signer.h"
#include "certguard/aws/client/strategy_retry_policy.h"
#include "certguard/aws/config/aws_config.h"
#include "certguard/aws/config/endpoints.h"
#include "certguard/aws/config/environment.h"
#include "certguard/aws/http/curl_event_loop.h"
#include "certguard/aws/retry/random.h"
#include "certguard/cli/global_options.h"
#include "certguard/core/clock.h"

namespace certguard::cli {

class Runtime {
 public:
  // Errors are kConfig (bad config files, invalid options): exit code 2.
  static Result<std::unique_ptr<Runtime>> create(const GlobalOptions& options,
                                                 aws::Environment env);

  // A client for `service` in the resolved region (or `region` when given), retrying as
  // AWS_RETRY_MODE / AWS_MAX_ATTEMPTS (or the profile) say; it must not outlive the
  // Runtime. Errors: kConfig when no region is configured, the endpoint override or
  // the retry settings are malformed.
  Result<std::unique_ptr<aws::AwsClient>> client(aws::ServiceId service,
                                                 const std::string& region = {});

  aws::CurlEventLoop& loop() { return *loop_; }
  const aws::AwsConfig& config() const { return config_; }
  aws::CallStats& stats() { return stats_; }

 private:
  Runtime(GlobalOptions options, aws::AwsConfig config);

  GlobalOptions options_;
  aws::AwsConfig config_;
  SystemClock clock_;
  std::unique_ptr<aws::CurlEventLoop> loop_;
  std::shared_ptr<aws::CredentialsProvider> credentials_;
  aws::Sigv4Signer signer_;
  aws::CallStats stats_;
  aws::Mt19937Random random_;
  aws::DebugSink debug_;  // --debug: timestamped lines on stderr
  // One retry strategy per client (its quota and adaptive rate are per client); the
  // clients handed out point at them, so they live as long as the Runtime.
  std::vector<std::unique_ptr<aws::RetryStrategy>> strategies_;
  std::vector<std::unique_ptr<aws::StrategyRetryPolicy>> policies_;
};

}  // namespace certguard::cli
