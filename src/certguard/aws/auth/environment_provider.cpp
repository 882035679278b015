#include "certguard/aws/auth/environment_provider.h"

#include <fmt/format.h>

#include "certguard/aws/auth/auth_util.h"

namespace certguard::aws {

namespace {
constexpr std::string_view kEnvironmentName = "environment";
}

Result<Credentials> EnvironmentProvider::read() const {
  auto akid = env_.get("AWS_ACCESS_KEY_ID");
  auto secret = env_.get("AWS_SECRET_ACCESS_KEY");
  if (!akid && !secret) {
    return not_available(kEnvironmentName,
                         "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
  }
  Credentials c;
  c.access_key_id = akid.value_or("");
  c.secret_access_key = secret.value_or("");
  c.session_token =
      env_.get("AWS_SESSION_TOKEN").value_or(env_.get("AWS_SECURITY_TOKEN").value_or(""));
  c.account_id = env_.get("AWS_ACCOUNT_ID").value_or("");
  if (auto exp = env_.get("AWS_CREDENTIAL_EXPIRATION")) {
    auto t = parse_iso8601(*exp);
    if (!t) {
      return provider_failure(ErrorKind::kConfig, kEnvironmentName,
                              fmt::format("AWS_CREDENTIAL_EXPIRATION '{}' is not an ISO-8601 time "
                                          "such as 2026-11-22T12:39:04Z",
                                          *exp));
    }
    c.expiration = *t;
  }
  return require_complete(std::move(c), kEnvironmentName);
}

Task<Result<Credentials>> EnvironmentProvider::get() {
  co_return read();
}

}  // namespace certguard::aws
