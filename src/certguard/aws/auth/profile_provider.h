#pragma once

#include <string>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/shared_config.h"

namespace certguard::aws {

// Static keys from a profile (aws_access_key_id, aws_secret_access_key, aws_session_token;
// the credentials file wins over the config file). Not available when the profile has no
// aws_access_key_id; kConfig when only one of the keys is there.
class ProfileProvider final : public CredentialsProvider {
 public:
  explicit ProfileProvider(Profile profile) : profile_(std::move(profile)) {}
  Task<Result<Credentials>> get() override;

  // The same, synchronously (no I/O).
  [[nodiscard]] Result<Credentials> read() const;

 private:
  Profile profile_;
};

}  // namespace certguard::aws
