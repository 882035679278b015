// CachingProvider: refresh window with a fake clock, single-flight, failure fallback.
#include <gtest/gtest.h>

#include <coroutine>
#include <deque>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/caching_provider.h"

namespace certguard::aws {
namespace {

using namespace std::chrono_literals;

// A provider whose get() suspends until the test calls complete(); counts calls.
class ManualProvider final : public CredentialsProvider {
 public:
  struct Wait {
    ManualProvider* self;
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) { self->waiting_.push_back(h); }
    void await_resume() const noexcept {}
  };

  Task<Result<Credentials>> get() override {
    ++calls;
    co_await Wait{this};
    co_return next;
  }
  // Resumes the oldest waiting get() with `next`.
  void complete() {
    auto h = waiting_.front();
    waiting_.pop_front();
    h.resume();
  }
  [[nodiscard]] std::size_t waiting() const { return waiting_.size(); }

  int calls = 0;
  Result<Credentials> next = make_error(ErrorKind::kInternal, "unset");

 private:
  std::deque<std::coroutine_handle<>> waiting_;
};

Credentials temp(const std::string& akid, WallTime expiration) {
  Credentials c;
  c.access_key_id = akid;
  c.secret_access_key = "S";
  c.session_token = "T";
  c.expiration = expiration;
  return c;
}

class CachingTest : public ::testing::Test {
 protected:
  WallTime t0 = *parse_iso8601("2026-01-01T00:00:00Z");
  ManualClock clock{t0};
  std::shared_ptr<ManualProvider> source = std::make_shared<ManualProvider>();
  CachingProvider cache{source, clock};
};

TEST_F(CachingTest, ManyConcurrentCallersCauseOneRefresh) {
  std::vector<std::optional<Result<Credentials>>> results(50);
  for (auto& slot : results) {
    start(cache.get(), [&slot](Result<Credentials> r) { slot.emplace(std::move(r)); });
  }
  EXPECT_EQ(source->calls, 1);
  EXPECT_EQ(source->waiting(), 1u);
  for (const auto& r : results) EXPECT_FALSE(r.has_value());
  source->next = temp("A1", t0 + 1h);
  source->complete();
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value());
    ASSERT_TRUE(r->ok());
    EXPECT_EQ((*r)->access_key_id, "A1");
  }
  EXPECT_EQ(cache.refreshes(), 1);
}

TEST_F(CachingTest, RefreshesWithinWindowOfExpiry) {
  source->next = temp("A1", t0 + 1h);
  std::optional<Result<Credentials>> r;
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  source->complete();
  ASSERT_TRUE(r && r->ok());

  clock.advance(44min);  // 16 min left: still fresh
  r.reset();
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  ASSERT_TRUE(r.has_value());  // served from cache without suspending
  EXPECT_EQ((*r)->access_key_id, "A1");
  EXPECT_EQ(source->calls, 1);

  clock.advance(2min);  // 14 min left: refresh
  r.reset();
  source->next = temp("A2", clock.now() + 1h);
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  EXPECT_EQ(source->calls, 2);
  source->complete();
  ASSERT_TRUE(r && r->ok());
  EXPECT_EQ((*r)->access_key_id, "A2");
}

TEST_F(CachingTest, FailedRefreshKeepsStillValidCredentialsButNotExpiredOnes) {
  source->next = temp("A1", t0 + 1h);
  std::optional<Result<Credentials>> r;
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  source->complete();

  clock.advance(50min);  // inside the window, not expired
  source->next = make_error(ErrorKind::kNetwork, "sts down");
  r.reset();
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  source->complete();
  ASSERT_TRUE(r && r->ok());
  EXPECT_EQ((*r)->access_key_id, "A1");

  clock.advance(20min);  // now expired
  r.reset();
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  source->complete();
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->ok());
  EXPECT_EQ(r->error().kind, ErrorKind::kNetwork);
}

TEST_F(CachingTest, LongTermCredentialsAreKeptAndErrorsNotCached) {
  source->next = make_error(ErrorKind::kNetwork, "first fails");
  std::optional<Result<Credentials>> r;
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  source->complete();
  ASSERT_TRUE(r && !r->ok());

  Credentials lt;
  lt.access_key_id = "AKIA";
  lt.secret_access_key = "S";
  source->next = lt;
  r.reset();
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  source->complete();
  ASSERT_TRUE(r && r->ok());
  clock.advance(24h * 365);
  r.reset();
  start(cache.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  ASSERT_TRUE(r && r->ok());
  EXPECT_EQ(source->calls, 2);
}

TEST_F(CachingTest, CustomWindow) {
  CachingProvider short_window(source, clock, 1min);
  source->next = temp("A1", t0 + 10min);
  std::optional<Result<Credentials>> r;
  start(short_window.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  source->complete();
  clock.advance(8min);
  r.reset();
  start(short_window.get(), [&r](Result<Credentials> v) { r.emplace(std::move(v)); });
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(source->calls, 1);
}

}  // namespace
}  // namespace certguard::aws
