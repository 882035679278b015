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

namespace certguard::aws {

// Always returns the same error: stands in the chain for a source whose configuration is
// wrong, so the mistake is reported when credentials are first needed.
class ErrorProvider final : public CredentialsProvider {
 public:
  explicit ErrorProvider(Error error) : error_(std::move(error)) {}
  Task<Result<Credentials>> get() override;

 private:
  Error error_;
};

}  // namespace certguard::aws
