#pragma once

// Real X.509 certificates for the emulator (API Gateway client certificates, and ACM
// certificates that need a PEM). Only the public certificate is ever handed out, as in
// AWS, so one RSA 2048 key per factory (made on first use) signs them all: generating a
// key per certificate would cost ~50 ms under the world lock for no visible difference.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "certguard/core/result.h"
#include "certguard/inventory/estate/estate.h"

namespace certguard::sim {

class CertificateFactory {
 public:
  CertificateFactory();
  ~CertificateFactory();
  CertificateFactory(const CertificateFactory&) = delete;
  CertificateFactory& operator=(const CertificateFactory&) = delete;

  // A self-signed certificate (CN = common_name, RSA 2048, SHA-256) valid from
  // not_before to not_after, PEM encoded. Thread-safe.
  // Errors: kInternal when OpenSSL fails (the message carries its error string).
  Result<std::string> self_signed_pem(std::string_view common_name,
                                      inventory::EpochSeconds not_before,
                                      inventory::EpochSeconds not_after, std::uint64_t serial);

  // Makes the signing key now if it is not made yet (an RSA 2048 key generation: tens to
  // hundreds of milliseconds). The engine calls this before it takes the world lock for an
  // operation that may sign, so the generation never stalls other requests. Thread-safe.
  // Errors: kInternal when OpenSSL fails.
  Status prepare_key();

 private:
  Status prepare_key_locked();  // mutex_ held
  struct Key;
  std::mutex mutex_;
  std::unique_ptr<Key> key_;
};

}  // namespace certguard::sim
