#include "certguard/aws/retry/retry_loop.h"

#include "certguard/aws/protocol/error_parse.h"

namespace certguard::aws {

Task<Result<HttpResponse>> send_with_retry(AttemptFn attempt, ResponseClassifier classify,
                                           RetryStrategy& strategy, Sleeper& sleeper) {
  CallRetryState state;
  for (;;) {
    auto gate = strategy.before_attempt();
    co_await std::move(gate);
    auto attempt_task = attempt(state.attempt);
    Result<HttpResponse> result = co_await std::move(attempt_task);
    if (result.ok()) result = classify(std::move(result).value());
    if (result.ok()) {
      strategy.on_success(state);
      co_return result;
    }
    std::optional<std::chrono::nanoseconds> delay = strategy.on_failure(result.error(), state);
    if (!delay) co_return result;
    auto sleep = sleeper.sleep_for(*delay);
    co_await std::move(sleep);
  }
}

ResponseClassifier aws_response_classifier(std::string operation) {
  return [op = std::move(operation)](HttpResponse response) -> Result<HttpResponse> {
    if (response.status >= 200 && response.status < 300) return response;
    protocol::ErrorParseOptions options;
    options.operation = op;
    return protocol::parse_error_response(response, options);
  };
}

}  // namespace certguard::aws
