#pragma once

#include <chrono>

namespace certguard {

using WallTime = std::chrono::system_clock::time_point;
using MonoTime = std::chrono::steady_clock::time_point;

// Time as a parameter: everything that reads the time takes a Clock so tests can pin it.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual WallTime now() const = 0;        // wall time (signing, expiry)
  [[nodiscard]] virtual MonoTime monotonic() const = 0;  // intervals (backoff, rate limits)
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] WallTime now() const override { return std::chrono::system_clock::now(); }
  [[nodiscard]] MonoTime monotonic() const override { return std::chrono::steady_clock::now(); }
};

// A clock that moves only when told to; both readings advance together.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(WallTime start) : wall_(start) {}
  [[nodiscard]] WallTime now() const override { return wall_; }
  [[nodiscard]] MonoTime monotonic() const override { return mono_; }
  void advance(std::chrono::nanoseconds d) {
    wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
    mono_ += d;
  }
  void set(WallTime t) { wall_ = t; }

 private:
  WallTime wall_;
  MonoTime mono_{};
};

}  // namespace certguard
