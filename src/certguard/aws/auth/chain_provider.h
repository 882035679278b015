#pragma once

// Tries providers in order. A provider that has nothing (is_no_credentials) is skipped; the
// first that returns credentials wins; the first that FAILS (anything else: a role that
// cannot be assumed, a broken credential_process, ...) stops the chain with its error, as
// botocore does, so certguard never silently runs as another identity.
// When every provider has nothing: ONE error (kCredentials, kNoCredentialsCode) listing each
// provider and why.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "certguard/aws/auth/credentials.h"

namespace certguard::aws {

struct ChainLink {
  std::string name;  // e.g. "environment", "profile dev (assume role)"
  std::shared_ptr<CredentialsProvider> provider;
};

class ChainProvider final : public CredentialsProvider {
 public:
  explicit ChainProvider(std::vector<ChainLink> links) : links_(std::move(links)) {}
  Task<Result<Credentials>> get() override;

  [[nodiscard]] const std::vector<ChainLink>& links() const { return links_; }

 private:
  std::vector<ChainLink> links_;
};

}  // namespace certguard::aws
