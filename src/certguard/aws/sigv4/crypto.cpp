#include "certguard/aws/sigv4/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace certguard::aws::sigv4 {

Digest sha256(std::string_view data) {
  Digest out{};
  unsigned int len = 0;
  // EVP_Digest fails only on allocation failure or a broken libcrypto: a bug, not an input error.
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 ||
      len != out.size()) {
    throw std::runtime_error("sigv4: EVP_Digest(SHA-256) failed");
  }
  return out;
}

Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data) {
  Digest out{};
  unsigned int len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), in, data.size(), out.data(),
           &len) == nullptr ||
      len != out.size()) {
    throw std::runtime_error("sigv4: HMAC(SHA-256) failed");
  }
  return out;
}

std::string to_hex(std::span<const unsigned char> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4U]);
    out.push_back(kDigits[b & 0x0FU]);
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace certguard::aws::sigv4
