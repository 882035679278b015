#include "certguard/aws/auth/static_provider.h"

#include "certguard/aws/auth/auth_util.h"

namespace certguard::aws {

Task<Result<Credentials>> StaticProvider::get() {
  if (credentials_.access_key_id.empty() && credentials_.secret_access_key.empty()) {
    co_return not_available(name_, "no access key was given");
  }
  co_return require_complete(credentials_, name_);
}

}  // namespace certguard::aws

namespace certguard::aws {

Task<Result<Credentials>> ErrorProvider::get() {
  co_return error_;
}

}  // namespace certguard::aws
