#pragma once

#include "certguard/aws/auth/credentials.h"

namespace certguard::aws {

// Fixed credentials (explicit keys from CLI options, tests). Empty keys give an Error.
class StaticProvider final : public CredentialsProvider {
 public:
  explicit StaticProvider(Credentials credentials, std::string name = "explicit")
      : credentials_(std::move(credentials)), name_(std::move(name)) {}
  Task<Result<Credentials>> get() override;

 private:
  Credentials credentials_;
  std::string name_;
};

}  // namespace certguard::aws
