#pragma once

// The retry loop: runs attempts until one succeeds, the strategy gives up, or the
// attempts run out, sleeping between them with the injected Sleeper.

#include <functional>

#include "certguard/aws/http/http_message.h"
#include "certguard/aws/http/transport.h"
#include "certguard/aws/retry/retry_strategy.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"

namespace certguard::aws {

// Makes attempt number `attempt` (1-based): e.g. sign and send. It may be a capturing
// lambda that *calls* a coroutine, but must not itself be a capturing coroutine lambda
// (g++ 12; see common rules).
using AttemptFn = std::function<Task<Result<HttpResponse>>(int attempt)>;

// Turns a received response into success or an Error (e.g. non-2xx through
// protocol::parse_error_response). Transport errors never reach it.
using ResponseClassifier = std::function<Result<HttpResponse>(HttpResponse)>;

// Returns the first success, or the last error. `strategy` and `sleeper` must outlive it.
Task<Result<HttpResponse>> send_with_retry(AttemptFn attempt, ResponseClassifier classify,
                                           RetryStrategy& strategy, Sleeper& sleeper);

// A classifier for AWS responses: 2xx is success; anything else goes through
// protocol::parse_error_response with `operation` named.
ResponseClassifier aws_response_classifier(std::string operation);

}  // namespace certguard::aws
