#include "certguard/aws/retry/retryable.h"

#include "certguard/aws/protocol/error_codes.h"

namespace certguard::aws {

RetryClass classify_for_retry(const Error& error) {
  if (error.kind == ErrorKind::kTimeout) return RetryClass::kTimeout;
  if (error.kind == ErrorKind::kNetwork) return RetryClass::kTransient;
  if (protocol::is_throttling_code(error.aws_code)) return RetryClass::kThrottling;
  if (protocol::is_transient_code(error.aws_code)) return RetryClass::kTransient;
  switch (error.http_status) {
    case 500:
    case 502:
    case 503:
    case 504:
      return RetryClass::kTransient;
    default:
      break;
  }
  if (error.kind == ErrorKind::kThrottled) return RetryClass::kThrottling;
  return RetryClass::kNotRetryable;
}

}  // namespace certguard::aws
