#pragma once

// AwsClient: the call pipeline for one service, region and credentials provider.
// call() builds the HTTP request from an Operation (endpoint with any path prefix,
// Host, Content-Type, Accept), signs it (SigV4, session token), sends it through the
// transport inside the retry loop (re-signing each attempt, pacing with the optional
// limiter), turns non-2xx responses into Errors with operation and resource filled in,
// and counts calls, attempts and throttles per operation.

#include <chrono>
#include <memory>
#include <string>

#include "certguard/aws/client/call_stats.h"
#include "certguard/aws/client/hooks.h"
#include "certguard/aws/client/operation.h"
#include "certguard/aws/config/endpoints.h"
#include "certguard/aws/http/transport.h"

namespace certguard::aws {

struct ClientConfig {
  std::string endpoint_url;    // https://host[:port][/prefix], from endpoint resolution
  std::string signing_region;  // credential-scope region (us-east-1 for Organizations)
  std::string signing_name;    // "apigateway", "acm", "sts", "organizations", "ec2"
  bool accept_json = false;    // botocore adds Accept: application/json for API Gateway
  std::chrono::milliseconds connect_timeout{3100};
  std::chrono::milliseconds total_timeout{60000};
};

// The config for a resolved endpoint, with botocore's Accept: application/json for API Gateway.
ClientConfig client_config_for(const Endpoint& endpoint);

// What the client uses but does not own. All must outlive the client; pointers marked
// optional may be null.
struct ClientDeps {
  HttpTransport* transport = nullptr;
  CredentialsProvider* credentials = nullptr;
  RequestSigner* signer = nullptr;
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  RetryPolicy* retry = nullptr;    // optional: null means a single attempt
  CallLimiter* limiter = nullptr;  // optional
  CallStats* stats = nullptr;      // optional: null means the client's own counters
  DebugSink debug;                 // optional
};

class AwsClient {
 public:
  AwsClient(ClientConfig config, ClientDeps deps);

  // Performs `op` (which must stay alive until the task finishes). Returns the response
  // for a success status; otherwise an Error (kind from the AWS error code or the
  // transport) whose operation is op.name and resource op.resource.
  Task<Result<HttpResponse>> call(const Operation& op);

  [[nodiscard]] const ClientConfig& config() const { return config_; }
  [[nodiscard]] const CallStats& stats() const { return *stats_; }

  // The unsigned HTTP request for `op` (exposed for tests and for --debug dry runs).
  [[nodiscard]] HttpRequest build_request(const Operation& op) const;

 private:
  Task<Result<HttpResponse>> attempt(const Operation& op, int attempt_number);

  ClientConfig config_;
  ClientDeps deps_;
  std::unique_ptr<CallStats> own_stats_;
  CallStats* stats_;
};

}  // namespace certguard::aws
