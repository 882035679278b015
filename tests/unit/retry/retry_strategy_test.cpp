#include "certguard/aws/retry/retry_strategy.h"

#include <gtest/gtest.h>

#include <deque>

#include "certguard/aws/retry/retry_loop.h"
#include "certguard/aws/retry/retryable.h"
#include "fakes.h"

namespace certguard::aws {
namespace {

using testing::FakeSleeper;
using testing::secs;

HttpResponse status(int code, std::string error_type = "") {
  HttpResponse r;
  r.status = code;
  if (!error_type.empty()) r.headers.emplace_back("x-amzn-ErrorType", std::move(error_type));
  r.body = "{}";
  return r;
}

// Plays back scripted outcomes, one per attempt, and counts attempts.
struct Script {
  std::deque<Result<HttpResponse>> outcomes;
  int attempts = 0;
  Result<HttpResponse> next() {
    ++attempts;
    if (outcomes.size() == 1) return outcomes.front();  // the last one repeats
    Result<HttpResponse> r = std::move(outcomes.front());
    outcomes.pop_front();
    return r;
  }
};

Task<Result<HttpResponse>> play(Script* s) {
  co_return s->next();
}

Result<HttpResponse> run_call(Script& script, RetryStrategy& strategy, Sleeper& sleeper) {
  return run_sync(send_with_retry([&script](int /*attempt*/) { return play(&script); },
                                  aws_response_classifier("GetStages"), strategy, sleeper));
}

Error network_error(ErrorKind kind) {
  return make_error(kind, "GET http://x failed");
}

TEST(StandardRetry, BackoffIsFullJitterCappedAt20Seconds) {
  FixedRandom rand(0.5);
  StandardRetryStrategy s({}, rand);
  EXPECT_DOUBLE_EQ(secs(s.backoff(1, 0.5)), 0.5);
  EXPECT_DOUBLE_EQ(secs(s.backoff(2, 0.5)), 1.0);
  EXPECT_DOUBLE_EQ(secs(s.backoff(3, 0.25)), 1.0);
  EXPECT_DOUBLE_EQ(secs(s.backoff(6, 1.0)), 20.0);
  EXPECT_DOUBLE_EQ(secs(s.backoff(30, 0.5)), 10.0);
  EXPECT_DOUBLE_EQ(secs(s.backoff(2, 0.0)), 0.0);
}

TEST(StandardRetry, RetriesTransientThenSucceedsAndRefundsQuota) {
  FixedRandom rand(0.5);
  StandardRetryStrategy s({}, rand);
  FakeSleeper sleeper;
  Script script{{status(503), status(500), status(200)}};
  auto r = run_call(script, s, sleeper);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(script.attempts, 3);
  ASSERT_EQ(sleeper.sleeps.size(), 2U);
  EXPECT_DOUBLE_EQ(secs(sleeper.sleeps[0]), 0.5);
  EXPECT_DOUBLE_EQ(secs(sleeper.sleeps[1]), 1.0);
  EXPECT_EQ(s.quota().available(), 500 - 5 - 5 + 5);
}

TEST(StandardRetry, GivesUpAfterMaxAttemptsWithTheLastError) {
  FixedRandom rand(0.1);
  StandardRetryStrategy s({}, rand);
  FakeSleeper sleeper;
  Script script{{status(400, "ThrottlingException")}};
  auto r = run_call(script, s, sleeper);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kThrottled);
  EXPECT_EQ(r.error().operation, "GetStages");
  EXPECT_EQ(script.attempts, 3);
  EXPECT_EQ(sleeper.sleeps.size(), 2U);
}

TEST(StandardRetry, DoesNotRetryClientErrors) {
  FixedRandom rand(0.1);
  StandardRetryStrategy s({}, rand);
  FakeSleeper sleeper;
  for (auto resp : {status(404, "NotFoundException"), status(400, "BadRequestException"),
                    status(403, "AccessDeniedException"), status(501)}) {
    Script script{{resp}};
    auto r = run_call(script, s, sleeper);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(script.attempts, 1) << resp.status;
  }
  EXPECT_TRUE(sleeper.sleeps.empty());
  EXPECT_EQ(s.quota().available(), 500);
}

TEST(StandardRetry, RetryableClassification) {
  auto err = [](int st, std::string code, ErrorKind k = ErrorKind::kInvalidInput) {
    Error e = make_error(k, "m");
    e.http_status = st;
    e.aws_code = std::move(code);
    return classify_for_retry(e);
  };
  EXPECT_EQ(err(429, "TooManyRequestsException"), RetryClass::kThrottling);
  EXPECT_EQ(err(429, "LimitExceededException"), RetryClass::kThrottling);
  EXPECT_EQ(err(400, "RequestLimitExceeded"), RetryClass::kThrottling);
  EXPECT_EQ(err(429, "", ErrorKind::kThrottled), RetryClass::kThrottling);
  EXPECT_EQ(err(400, "RequestTimeout"), RetryClass::kTransient);
  EXPECT_EQ(err(400, "IDPCommunicationError"), RetryClass::kTransient);
  EXPECT_EQ(err(502, ""), RetryClass::kTransient);
  EXPECT_EQ(err(504, ""), RetryClass::kTransient);
  EXPECT_EQ(err(501, ""), RetryClass::kNotRetryable);
  EXPECT_EQ(err(409, "ConflictException"), RetryClass::kNotRetryable);
  EXPECT_EQ(classify_for_retry(network_error(ErrorKind::kNetwork)), RetryClass::kTransient);
  EXPECT_EQ(classify_for_retry(network_error(ErrorKind::kTimeout)), RetryClass::kTimeout);
}

TEST(StandardRetry, TimeoutsCostTenAndNetworkErrorsFive) {
  FixedRandom rand(0.1);
  StandardRetryStrategy s({}, rand);
  FakeSleeper sleeper;
  Script script{
      {network_error(ErrorKind::kTimeout), network_error(ErrorKind::kNetwork), status(200)}};
  ASSERT_TRUE(run_call(script, s, sleeper).ok());
  // 500 - 10 - 5, then the success refunds the last retry's cost (5).
  EXPECT_EQ(s.quota().available(), 490);
}

TEST(StandardRetry, QuotaExhaustionStopsRetries) {
  FixedRandom rand(0.0);
  StandardRetryStrategy s({}, rand);
  FakeSleeper sleeper;
  Script failing{{status(503)}};
  for (int i = 0; i < 50; ++i) (void)run_call(failing, s, sleeper);
  EXPECT_EQ(failing.attempts, 150);  // 50 calls x 3 attempts: 100 retries x 5 = 500 tokens
  EXPECT_EQ(s.quota().available(), 0);
  failing.attempts = 0;
  (void)run_call(failing, s, sleeper);
  EXPECT_EQ(failing.attempts, 1);  // no capacity: no retry
  // Successes without retries refund one token each.
  Script ok{{status(200)}};
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(run_call(ok, s, sleeper).ok());
  EXPECT_EQ(s.quota().available(), 5);
  failing.attempts = 0;
  (void)run_call(failing, s, sleeper);
  EXPECT_EQ(failing.attempts, 2);  // one retry affordable again
}

TEST(StandardRetry, QuotaRefundNeverExceedsCapacity) {
  FixedRandom rand(0.0);
  StandardRetryStrategy s({}, rand);
  FakeSleeper sleeper;
  Script ok{{status(200)}};
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(run_call(ok, s, sleeper).ok());
  EXPECT_EQ(s.quota().available(), 500);
}

TEST(StandardRetry, AttemptNumberOnlyInterface) {
  FixedRandom rand(0.5);
  StandardRetryStrategy s({}, rand);
  Error e = make_error(ErrorKind::kTransient, "m");
  e.http_status = 503;
  auto d1 = s.on_failure_at(e, 1);
  ASSERT_TRUE(d1);
  EXPECT_DOUBLE_EQ(secs(*d1), 0.5);
  auto d2 = s.on_failure_at(e, 2);
  ASSERT_TRUE(d2);
  EXPECT_DOUBLE_EQ(secs(*d2), 1.0);
  EXPECT_FALSE(s.on_failure_at(e, 3));  // max attempts
  EXPECT_EQ(s.quota().available(), 490);
  s.on_success_at(3);
  EXPECT_EQ(s.quota().available(), 495);
}

TEST(LegacyRetry, FiveAttemptsUncappedAndAny429) {
  FixedRandom rand(1.0);
  FakeSleeper sleeper;
  ManualClock clock(WallTime{});
  RetryConfig cfg;
  cfg.mode = RetryMode::kLegacy;
  cfg.max_attempts = 5;
  auto s = make_retry_strategy(cfg, rand, clock, sleeper);
  Script script{{status(429, "SomethingOdd")}};
  auto r = run_call(script, *s, sleeper);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(script.attempts, 5);
  ASSERT_EQ(sleeper.sleeps.size(), 4U);
  EXPECT_DOUBLE_EQ(secs(sleeper.sleeps[3]), 8.0);
}

TEST(RetryMode, Parse) {
  EXPECT_EQ(*parse_retry_mode("standard"), RetryMode::kStandard);
  EXPECT_EQ(*parse_retry_mode("adaptive"), RetryMode::kAdaptive);
  EXPECT_EQ(*parse_retry_mode("legacy"), RetryMode::kLegacy);
  auto bad = parse_retry_mode("Standard2");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kConfig);
  EXPECT_NE(bad.error().message.find("Standard2"), std::string::npos);
}

TEST(MakeRetryStrategy, HonoursMaxAttempts) {
  FixedRandom rand(0.0);
  FakeSleeper sleeper;
  ManualClock clock(WallTime{});
  RetryConfig cfg;
  cfg.max_attempts = 1;
  auto s = make_retry_strategy(cfg, rand, clock, sleeper);
  EXPECT_EQ(s->max_attempts(), 1);
  Script script{{status(503)}};
  (void)run_call(script, *s, sleeper);
  EXPECT_EQ(script.attempts, 1);
}

}  // namespace
}  // namespace certguard::aws
