#pragma once

#include <chrono>
#include <vector>

#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"
#include "certguard/core/task.h"

namespace certguard::aws::testing {

// Sleeps in virtual time: records the request and, if given a clock, advances it.
class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(ManualClock* clock = nullptr) : clock_(clock) {}
  Task<void> sleep_for(std::chrono::nanoseconds d) override {
    sleeps.push_back(d);
    if (clock_ != nullptr && d.count() > 0) clock_->advance(d);
    co_return;
  }
  std::vector<std::chrono::nanoseconds> sleeps;

 private:
  ManualClock* clock_;
};

inline double secs(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace certguard::aws::testing
