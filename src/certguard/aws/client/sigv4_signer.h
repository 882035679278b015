#pragma once

// The production RequestSigner: SigV4 header mode via aws/sigv4, with a per-client
// signing-key cache. The session token goes in X-Amz-Security-Token and is signed.

#include "certguard/aws/client/hooks.h"
#include "certguard/aws/sigv4/signing_key.h"

namespace certguard::aws {

class Sigv4Signer final : public RequestSigner {
 public:
  Status sign(Headers& headers, const SigningInput& input) override;

 private:
  sigv4::SigningKeyCache cache_;
};

}  // namespace certguard::aws
