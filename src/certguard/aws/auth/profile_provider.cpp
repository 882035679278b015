#include "certguard/aws/auth/profile_provider.h"

#include <fmt/format.h>

#include "certguard/aws/auth/auth_util.h"

namespace certguard::aws {

Result<Credentials> ProfileProvider::read() const {
  std::string name = fmt::format("profile {}", profile_.name);
  auto akid = profile_.get("aws_access_key_id");
  auto secret = profile_.get("aws_secret_access_key");
  if (!akid && !secret) {
    return not_available(name, fmt::format("profile '{}' has no aws_access_key_id", profile_.name));
  }
  Credentials c;
  c.access_key_id = akid.value_or("");
  c.secret_access_key = secret.value_or("");
  c.session_token = profile_.get("aws_session_token").value_or("");
  c.account_id = profile_.get("aws_account_id").value_or("");
  auto r = require_complete(std::move(c), name);
  if (!r.ok()) {
    Error e = r.error();
    e.message += fmt::format(" (profile defined at {})", profile_.origin);
    return e;
  }
  return r;
}

Task<Result<Credentials>> ProfileProvider::get() {
  co_return read();
}

}  // namespace certguard::aws
