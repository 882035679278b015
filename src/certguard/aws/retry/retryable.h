#pragma once

// Which failures the standard retry mode retries (aws-protocol-notes §7.2).

#include "certguard/core/error.h"

namespace certguard::aws {

enum class RetryClass {
  kNotRetryable,
  kThrottling,  // a throttling code (or kThrottled: HTTP 429 without a known code)
  kTransient,   // transient codes, HTTP 500/502/503/504, connection errors
  kTimeout,     // connect or read timeout: transient, but costs more retry quota
};

// Throttling and transient codes (including STS IDPCommunicationError), HTTP 500, 502,
// 503 and 504, and network errors are retryable. So is any kThrottled error: botocore
// retries only known throttling codes, but a 429 with an unknown code is a rate limit too.
RetryClass classify_for_retry(const Error& error);

}  // namespace certguard::aws
