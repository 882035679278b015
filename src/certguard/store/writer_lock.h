#pragma once

// One writer per journal: an exclusive flock(2) on "<db>.lock". The kernel drops it when
// the process dies (even kill -9), so a crashed run never leaves a stale lock behind.

#include <string>

#include "certguard/core/result.h"

namespace certguard::store {

class WriterLock {
 public:
  // Takes the lock without waiting and records `holder` (e.g. "certguard fix --apply, pid
  // 123") in the lock file. Errors: kConflict naming the current holder when another
  // process has it; kConfig when the lock file cannot be created.
  static Result<WriterLock> acquire(const std::string& db_path, const std::string& holder);

  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&& other) noexcept;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock();

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace certguard::store
