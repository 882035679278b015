#include "certguard/remediate/journal.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace certguard::remediate {

std::int64_t Journal::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_->now().time_since_epoch()).count();
}

void Journal::step_done() {
  ++steps_;
  if (crash_after_ > 0 && steps_ == crash_after_) {
    std::fflush(nullptr);
    ::_exit(kCrashExitCode);  // simulates kill -9: no destructors, no cleanup
  }
}

Result<std::int64_t> Journal::intent(store::JournalEntry entry) {
  entry.run_id = run_id_;
  entry.intent_at = now();
  auto seq = store_->append_intent(entry);
  if (!seq.ok()) return seq.error();
  step_done();
  return *seq;
}

Status Journal::result(std::int64_t seq, const std::string& result, const std::string& new_value,
                       const std::string& detail, const std::string& request_id) {
  auto s = store_->record_result(run_id_, seq, result, new_value, detail, request_id, now());
  if (!s.ok()) return s;
  step_done();
  return {};
}

Status Journal::reconcile_pending() {
  auto all = entries();
  if (!all.ok()) return all.error();
  for (const auto& e : *all) {
    if (!e.pending()) continue;
    auto s = result(e.seq, "reconciled", {},
                    "no result was journaled (the run died); the outcome was read back from AWS "
                    "on resume");
    if (!s.ok()) return s;
  }
  return {};
}

Status Journal::failed(std::int64_t seq, const Error& e) {
  auto s = result(seq, "error", {}, e.describe(), e.request_id);
  if (!s.ok()) return s;
  return e;
}

}  // namespace certguard::remediate
