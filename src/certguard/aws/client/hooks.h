#pragma once

// The seams of the call pipeline. AwsClient depends on these small interfaces, and
// adapters connect them to aws/sigv4 (signing), aws/retry (retry strategies) and the
// collector's per-account-region token buckets (limiting). Tests replace them.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/http/http_message.h"
#include "certguard/core/clock.h"
#include "certguard/core/error.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"

namespace certguard::aws {

// Everything a signer needs besides the request's headers.
struct SigningInput {
  std::string_view method;
  std::string_view path;   // as on the wire (percent-encoded, with any endpoint prefix)
  std::string_view query;  // as on the wire ("a=b&c=d"), may be empty
  std::string_view body;
  const Credentials* credentials = nullptr;
  std::string_view region;   // the credential-scope region
  std::string_view service;  // the signing name
  WallTime time;
};

class RequestSigner {
 public:
  virtual ~RequestSigner() = default;
  // Adds the signature headers (X-Amz-Date, X-Amz-Security-Token, Authorization) to
  // `headers`, which already hold Host and every other header to be signed.
  virtual Status sign(Headers& headers, const SigningInput& input) = 0;
};

// Decides whether a failed attempt is retried, and after how long.
class RetryPolicy {
 public:
  virtual ~RetryPolicy() = default;
  // Called after attempt number `attempt` (1-based) failed with `error`: the delay
  // before the next attempt, or nullopt to give up and return `error`.
  virtual std::optional<std::chrono::nanoseconds> on_failure(const Error& error, int attempt) = 0;
  // Called once when an attempt succeeded (refunds a retry quota, feeds rate estimators).
  virtual void on_success(int attempt) = 0;
  // Awaited before every attempt (the adaptive mode's client-side rate limiter).
  virtual Task<void> before_attempt();
};

// Client-side pacing before each attempt (e.g. a per-account-region token bucket).
class CallLimiter {
 public:
  virtual ~CallLimiter() = default;
  virtual Task<void> acquire(std::string_view operation) = 0;
  // Told whether each attempt was throttled, so an adaptive limiter can adjust.
  virtual void on_response(bool /*throttled*/) {}
};

// Where --debug output goes (stderr in the CLI). Empty: no debug output.
using DebugSink = std::function<void(std::string_view)>;

}  // namespace certguard::aws
