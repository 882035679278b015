#include "certguard/store/writer_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace certguard::store {

Result<WriterLock> WriterLock::acquire(const std::string& db_path, const std::string& holder) {
  const std::string path = db_path + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return make_error(ErrorKind::kConfig, fmt::format("cannot create the journal lock file {}: {}",
                                                      path, std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    std::string current(512, '\0');
    ssize_t n = ::pread(fd, current.data(), current.size(), 0);
    current.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    ::close(fd);
    if (current.empty()) current = "another process";
    return make_error(ErrorKind::kConflict,
                      fmt::format("the journal {} is locked by {} ; only one certguard apply may "
                                  "write at a time: wait for it to finish and retry",
                                  db_path, current));
  }
  if (::ftruncate(fd, 0) == 0) {
    std::string text = fmt::format("{} (pid {})", holder, ::getpid());
    ssize_t ignored = ::pwrite(fd, text.data(), text.size(), 0);
    (void)ignored;  // the holder text is informational only
  }
  return WriterLock(fd);
}

WriterLock::WriterLock(WriterLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) {
    if (::ftruncate(fd_, 0) != 0) {
      // nothing to do: the lock is released by close either way
    }
    ::close(fd_);
  }
}

}  // namespace certguard::store
