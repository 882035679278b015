#pragma once

// The write-ahead journal of one run: intent() before an AWS call, result() after it.
// Each write is one journaled step; the test-only crash point (CERTGUARD_TEST_CRASH_AFTER
// =<n>, read by the CLI and passed in here) _exit()s right after the n-th step so tests can
// kill a run at every point, including between an intent and its result.

#include <cstdint>
#include <string>
#include <vector>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "certguard/store/store.h"

namespace certguard::remediate {

inline constexpr int kCrashExitCode = 86;

class Journal {
 public:
  // `store` and `clock` must outlive the journal; crash_after 0 disables the crash point.
  Journal(store::Store* store, std::string run_id, const Clock* clock, int crash_after = 0)
      : store_(store), run_id_(std::move(run_id)), clock_(clock), crash_after_(crash_after) {}

  [[nodiscard]] const std::string& run_id() const { return run_id_; }

  // Journals the intent (run_id and intent time filled in); returns its seq.
  Result<std::int64_t> intent(store::JournalEntry entry);
  // Every entry of this run so far (earlier attempts included).
  Result<std::vector<store::JournalEntry>> entries() { return store_->entries(run_id_); }
  // Closes every entry still pending from an earlier attempt that died between its intent
  // and its result: "reconciled" (the caller reads the state from AWS before acting).
  Status reconcile_pending();
  // result is "ok", "skipped" or "error".
  Status result(std::int64_t seq, const std::string& result, const std::string& new_value = {},
                const std::string& detail = {}, const std::string& request_id = {});
  // Journals the failure of the call behind `seq` and returns it as the status (or the
  // journal's own failure, which is worse: the run can no longer be resumed reliably).
  Status failed(std::int64_t seq, const Error& e);

 private:
  void step_done();
  [[nodiscard]] std::int64_t now() const;

  store::Store* store_;
  std::string run_id_;
  const Clock* clock_;
  int crash_after_;
  int steps_ = 0;
};

}  // namespace certguard::remediate
