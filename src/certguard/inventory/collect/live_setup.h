#pragma once

// Everything a collection against real AWS (or an emulator) needs, built from the resolved
// AwsConfig: one CurlEventLoop (transport and sleeper), the default credential chain, a
// SigV4 signer, the configured retry strategy per client, and per-account credentials:
// with a role name, an assume-role provider for arn:<partition>:iam::<id>:role/<name>
// (cached per account, credentials refreshed before they expire); without, the chain.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "certguard/aws/client/sigv4_signer.h"
#include "certguard/aws/config/aws_config.h"
#include "certguard/aws/http/curl_event_loop.h"
#include "certguard/aws/retry/random.h"
#include "certguard/core/clock.h"
#include "certguard/inventory/collect/collector_types.h"

namespace certguard::inventory {

struct LiveOptions {
  std::string role_name;    // empty: use the caller's credentials in every account
  std::string external_id;  // sent with AssumeRole when set
  bool debug = false;       // every request and response on stderr (redacted)
};

class LiveSetup {
 public:
  // Errors: kConfig (retry settings, region) as the configuration reports them.
  static Result<std::unique_ptr<LiveSetup>> create(aws::AwsConfig config, LiveOptions options);
  LiveSetup(const LiveSetup&) = delete;
  LiveSetup& operator=(const LiveSetup&) = delete;
  ~LiveSetup();

  // Deps for a Collector; valid while this object lives. `progress` may be empty.
  CollectorDeps deps(ProgressFn progress);

  aws::CurlEventLoop& loop() { return *loop_; }
  const aws::AwsConfig& config() const { return config_; }
  const Clock& clock() const { return clock_; }

 private:
  LiveSetup(aws::AwsConfig config, LiveOptions options, aws::RetrySettings retry);
  Result<std::shared_ptr<aws::CredentialsProvider>> credentials_for(const std::string& account);

  aws::AwsConfig config_;
  LiveOptions options_;
  aws::RetrySettings retry_;
  SystemClock clock_;
  std::unique_ptr<aws::CurlEventLoop> loop_;
  std::shared_ptr<aws::CredentialsProvider> base_;
  aws::Sigv4Signer signer_;
  aws::Mt19937Random random_;
  std::map<std::string, std::shared_ptr<aws::CredentialsProvider>> per_account_;
};

}  // namespace certguard::inventory
