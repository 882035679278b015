#include "certguard/core/task.h"

#include <gtest/gtest.h>

#include <coroutine>
#include <string>
#include <vector>

namespace certguard {
namespace {

Task<int> answer() {
  co_return 42;
}

Task<int> add_one(int x) {
  int base = co_await answer();
  co_return base + x;
}

TEST(Task, ChainsSynchronously) {
  EXPECT_EQ(run_sync(add_one(1)), 43);
}

TEST(Task, DeepSynchronousChainDoesNotOverflowStack) {
  // 100k awaits of tasks that finish at once must not grow the stack (ASan builds too).
  auto loop = []() -> Task<long> {
    long total = 0;
    for (int i = 0; i < 100000; ++i) total += co_await answer();
    co_return total;
  };
  EXPECT_EQ(run_sync(loop()), 4200000);
}

// An awaitable completed later by hand, as the event loop would.
struct ManualEvent {
  std::coroutine_handle<> waiter;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) noexcept { waiter = h; }
  void await_resume() const noexcept {}
};

// Coroutine lambdas take what they use as parameters: g++ 12 copies an awaitable
// captured by reference instead of awaiting the original.
Task<void> log_around(ManualEvent& event, std::string& log) {
  log += "a";
  co_await event;
  log += "c";
}

TEST(Task, ResumesFromOutside) {
  ManualEvent event;
  std::string log;
  start(log_around(event, log), [&] { log += "d"; });
  log += "b";
  ASSERT_TRUE(event.waiter);
  event.waiter.resume();
  EXPECT_EQ(log, "abcd");
}

TEST(Task, WhenAllKeepsOrderWithSyncAndAsyncChildren) {
  std::vector<ManualEvent> events(4);
  auto child = [](int i, ManualEvent& event) -> Task<int> {
    if (i % 2 == 1) co_await event;
    co_return i * 10;
  };
  std::vector<Task<int>> tasks;
  tasks.reserve(4);
  for (int i = 0; i < 4; ++i) tasks.push_back(child(i, events[static_cast<size_t>(i)]));
  std::vector<int> got;
  bool done = false;
  start(when_all(std::move(tasks)), [&](std::vector<int> v) {
    got = std::move(v);
    done = true;
  });
  EXPECT_FALSE(done);
  events[3].waiter.resume();
  EXPECT_FALSE(done);
  events[1].waiter.resume();
  ASSERT_TRUE(done);
  EXPECT_EQ(got, (std::vector<int>{0, 10, 20, 30}));
}

TEST(Task, WhenAllAllSynchronous) {
  std::vector<Task<int>> tasks;
  tasks.reserve(5);
  for (int i = 0; i < 5; ++i) tasks.push_back(ready(i));
  auto v = run_sync(when_all(std::move(tasks)));
  EXPECT_EQ(v, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(Task, WhenAllEmpty) {
  EXPECT_TRUE(run_sync(when_all(std::vector<Task<int>>{})).empty());
  run_sync(when_all(std::vector<Task<void>>{}));
}

TEST(Task, ExceptionPropagatesToAwaiter) {
  auto thrower = []() -> Task<int> {
    throw std::runtime_error("boom");
    co_return 1;
  };
  auto catcher = [&]() -> Task<std::string> {
    try {
      co_await thrower();
    } catch (const std::runtime_error& e) {
      co_return std::string(e.what());
    }
    co_return std::string("none");
  };
  EXPECT_EQ(run_sync(catcher()), "boom");
}

}  // namespace
}  // namespace certguard
