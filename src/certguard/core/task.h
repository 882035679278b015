#pragma once

// Task<T>: a lazily started coroutine that produces a T. Awaiting a Task starts it and
// resumes the awaiter when it finishes; a task that finishes without suspending lets
// its awaiter continue directly, so long chains of such tasks do not grow the stack. Exceptions are
// bugs: one that escapes a task is rethrown to its awaiter and, at the top (spawn), terminates.
//
// Event-driven code (the curl event loop) completes a task by resuming its coroutine
// handle from the loop; see aws/http for the awaitables that do that.

#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace certguard {

template <typename T>
class Task;

namespace detail {

struct TaskPromiseBase {
  std::coroutine_handle<> continuation;
  bool awaiter_suspended = false;  // the awaiting coroutine really suspended
  bool done = false;
  std::exception_ptr exception;

  // When the task finished while its awaiter was still inside await_suspend (it never
  // suspended on anything external), the awaiter simply continues: no resume, no stack
  // growth. Otherwise the task resumes its awaiter here.
  struct FinalAwaiter {
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      auto& promise = h.promise();
      promise.done = true;
      if (promise.awaiter_suspended) return promise.continuation;
      return std::noop_coroutine();
    }
    void await_resume() const noexcept {}
  };

  std::suspend_always initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception = std::current_exception(); }
};

template <typename T>
struct TaskPromise : TaskPromiseBase {
  std::optional<T> value;
  Task<T> get_return_object() noexcept;
  template <typename U>
  void return_value(U&& v) {
    value.emplace(std::forward<U>(v));
  }
  T take() {
    if (exception) std::rethrow_exception(exception);
    return std::move(*value);
  }
};

template <>
struct TaskPromise<void> : TaskPromiseBase {
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take() const {
    if (exception) std::rethrow_exception(exception);
  }
};

}  // namespace detail

template <typename T = void>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::TaskPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  Task() = default;
  explicit Task(Handle h) noexcept : handle_(h) {}
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { destroy(); }

  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(handle_); }

  auto operator co_await() && noexcept {
    struct Awaiter {
      Handle handle;
      [[nodiscard]] bool await_ready() const noexcept { return false; }
      // Runs the task inline until it finishes or suspends. Symmetric transfer is not
      // used because g++ does not turn it into a tail call under ASan, so a loop over
      // synchronously completing tasks would grow the stack without bound.
      bool await_suspend(std::coroutine_handle<> awaiter) {
        auto& promise = handle.promise();
        promise.continuation = awaiter;
        handle.resume();
        if (promise.done) return false;
        promise.awaiter_suspended = true;
        return true;
      }
      T await_resume() { return handle.promise().take(); }
    };
    return Awaiter{handle_};
  }

 private:
  void destroy() noexcept {
    if (handle_) handle_.destroy();
    handle_ = {};
  }
  Handle handle_;
};

namespace detail {
template <typename T>
Task<T> TaskPromise<T>::get_return_object() noexcept {
  return Task<T>{std::coroutine_handle<TaskPromise<T>>::from_promise(*this)};
}
inline Task<void> TaskPromise<void>::get_return_object() noexcept {
  return Task<void>{std::coroutine_handle<TaskPromise<void>>::from_promise(*this)};
}

// A coroutine that starts at once and frees itself when done; used to run a Task
// without an awaiter.
struct Detached {
  struct promise_type {
    Detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    [[noreturn]] void unhandled_exception() noexcept { std::terminate(); }
  };
};
}  // namespace detail

// Starts `task` now; `on_done` receives its value when it finishes (possibly before
// start() returns, if nothing in it suspends).
template <typename T, typename F>
void start(Task<T> task, F on_done) {
  [](Task<T> t, F done) -> detail::Detached {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(t);
      done();
    } else {
      done(co_await std::move(t));
    }
  }(std::move(task), std::move(on_done));
}

// Starts `task` and forgets it. It must not outlive what it references.
inline void spawn(Task<void> task) {
  start(std::move(task), [] {});
}

// Runs a task that completes without suspending on anything external (tests with fake
// transports). Terminates if the task did suspend: that is a test bug.
template <typename T>
T run_sync(Task<T> task) {
  std::optional<T> out;
  start(std::move(task), [&out](T v) { out.emplace(std::move(v)); });
  if (!out) std::terminate();
  return std::move(*out);
}
inline void run_sync(Task<void> task) {
  bool done = false;
  start(std::move(task), [&done] { done = true; });
  if (!done) std::terminate();
}

// Awaits every task concurrently (each runs until it suspends, then the next starts)
// and returns their values in order.
template <typename T>
Task<std::vector<T>> when_all(std::vector<Task<T>> tasks) {
  struct State {
    std::vector<std::optional<T>> results;
    std::size_t pending = 0;
    std::coroutine_handle<> waiter;
  };
  auto state = std::make_shared<State>();
  state->results.resize(tasks.size());
  // One extra count held by the awaiter itself, released in await_suspend, so that
  // children that finish synchronously never resume the parent before it suspended.
  state->pending = tasks.size() + 1;

  // The awaiter holds only raw pointers: g++ 12 mishandles awaiter temporaries with
  // non-trivial destructors (double destruction), so keep them trivially destructible.
  struct Awaiter {
    std::shared_ptr<State>* state_ptr;
    std::vector<Task<T>>* tasks;
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
      auto& state = *state_ptr;
      state->waiter = h;
      for (std::size_t i = 0; i < tasks->size(); ++i) {
        start(std::move((*tasks)[i]), [s = state, i](T v) {
          s->results[i].emplace(std::move(v));
          if (--s->pending == 0) s->waiter.resume();
        });
      }
      return --state->pending != 0;
    }
    void await_resume() const noexcept {}
  };
  co_await Awaiter{&state, &tasks};
  std::vector<T> out;
  out.reserve(state->results.size());
  for (auto& r : state->results) out.push_back(std::move(*r));
  co_return out;
}

inline Task<void> when_all(std::vector<Task<void>> tasks) {
  struct State {
    std::size_t pending = 0;
    std::coroutine_handle<> waiter;
  };
  auto state = std::make_shared<State>();
  state->pending = tasks.size() + 1;
  struct Awaiter {  // trivially destructible, see when_all<T>
    std::shared_ptr<State>* state_ptr;
    std::vector<Task<void>>* tasks;
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
      auto& state = *state_ptr;
      state->waiter = h;
      for (auto& t : *tasks) {
        start(std::move(t), [s = state] {
          if (--s->pending == 0) s->waiter.resume();
        });
      }
      return --state->pending != 0;
    }
    void await_resume() const noexcept {}
  };
  co_await Awaiter{&state, &tasks};
}

// A ready-made task holding a value (for fakes and early returns).
template <typename T>
Task<T> ready(T value) {
  co_return value;
}

}  // namespace certguard
