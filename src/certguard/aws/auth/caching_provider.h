#pragma once

// Caches another provider's credentials. Temporary credentials are refreshed when they are
// within `refresh_window` (default 15 min) of their expiration; long-term ones are kept.
// Single-flight: while a refresh is running, every other get() waits for that same refresh
// instead of starting its own. If a refresh fails while the cached credentials have not yet
// expired, the cached ones are returned; otherwise the error is. Errors are not cached.
// Single-threaded, like the event loop it runs on.

#include <chrono>
#include <coroutine>
#include <memory>
#include <optional>
#include <vector>

#include "certguard/aws/auth/credentials.h"
#include "certguard/core/clock.h"

namespace certguard::aws {

class CachingProvider final : public CredentialsProvider {
 public:
  CachingProvider(std::shared_ptr<CredentialsProvider> source, const Clock& clock,
                  std::chrono::seconds refresh_window = std::chrono::minutes(15))
      : source_(std::move(source)), clock_(&clock), window_(refresh_window) {}

  Task<Result<Credentials>> get() override;

  // Drops the cache (e.g. after the service rejected the credentials).
  void invalidate() { cached_.reset(); }
  // How many times the source was asked (for tests and stats).
  [[nodiscard]] int refreshes() const { return refreshes_; }

  struct Flight {
    std::vector<std::coroutine_handle<>> waiters;
    std::optional<Result<Credentials>> result;
  };

 private:
  [[nodiscard]] bool fresh() const;
  Task<Result<Credentials>> refresh();

  std::shared_ptr<CredentialsProvider> source_;
  const Clock* clock_;
  std::chrono::seconds window_;
  std::optional<Credentials> cached_;
  std::shared_ptr<Flight> flight_;  // set while a refresh runs
  int refreshes_ = 0;
};

}  // namespace certguard::aws
