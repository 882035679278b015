#pragma once

#include <chrono>

#include "certguard/aws/http/http_message.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"

namespace certguard::aws {

// Sends one HTTP request. A response with any status is a success here; only failures
// to get a response (connect, reset, timeout, TLS) are Errors (kNetwork, kTimeout).
// This is the seam tests replace with a fake.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Task<Result<HttpResponse>> send(HttpRequest request) = 0;
};

// Waits without blocking the event loop (backoff, rate limiting). Replaceable in tests.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual Task<void> sleep_for(std::chrono::nanoseconds duration) = 0;
};

}  // namespace certguard::aws
