#include "certguard/aws/auth/assume_role_provider.h"

#include <fmt/format.h>

namespace certguard::aws {
namespace {
bool retryable(ErrorKind kind) {
  return kind == ErrorKind::kThrottled || kind == ErrorKind::kTransient ||
         kind == ErrorKind::kNetwork || kind == ErrorKind::kTimeout;
}
}  // namespace

std::string default_session_name(const Clock& clock) {
  auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  return fmt::format("certguard-{}", secs);
}

AssumeRoleProvider::AssumeRoleProvider(std::shared_ptr<CredentialsProvider> source,
                                       std::string role_arn, std::string session_name,
                                       std::string external_id,
                                       std::optional<std::chrono::seconds> duration,
                                       HttpTransport& transport, Endpoint endpoint,
                                       const Clock& clock, Sleeper* sleeper)
    : source_(std::move(source)),
      params_{std::move(role_arn), std::move(session_name), std::move(external_id), duration},
      transport_(&transport),
      endpoint_(std::move(endpoint)),
      clock_(&clock),
      sleeper_(sleeper) {}

Task<Result<Credentials>> AssumeRoleProvider::get() {
  auto source_task = source_->get();
  Result<Credentials> source = co_await std::move(source_task);
  if (!source) {
    Error e = source.error();
    // The role is configured, so a missing source is a failure, not "try the next one".
    if (is_no_credentials(e)) e.aws_code.clear();
    e.message = fmt::format("cannot get the credentials to assume {} with: {}", params_.role_arn,
                            e.message);
    co_return e;
  }
  AssumeRoleParams params = params_;
  if (params.session_name.empty()) params.session_name = default_session_name(*clock_);
  const int attempts = sleeper_ != nullptr ? 3 : 1;
  std::chrono::milliseconds backoff{500};
  for (int attempt = 1;; ++attempt) {
    auto task = sts_assume_role(*transport_, endpoint_, *source, params, *clock_);
    Result<Credentials> out = co_await std::move(task);
    if (out.ok() || attempt >= attempts || !retryable(out.error().kind)) co_return out;
    auto sleep_task = sleeper_->sleep_for(backoff);
    co_await std::move(sleep_task);
    backoff *= 2;
  }
}

}  // namespace certguard::aws
