#pragma once

#include <openssl/types.h>

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace certguard::aws::sigv4 {

// SHA-256 and HMAC-SHA256 over OpenSSL's libcrypto, returning fixed-size digests.
using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view data);
Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data);

// HMAC-SHA256 under one fixed key with both padded key blocks, (K ^ ipad) and (K ^ opad),
// already absorbed: mac() copies the two SHA-256 states instead of hashing the pads again
// (two of the four compressions of a short message). RFC 2104 over a SHA-256 fetched once
// (OpenSSL's HMAC() fetches the MAC and the digest on every call); hmac_sha256() is one
// key's use of it.
// Immutable after construction, so mac() may be called from many threads at once.
class HmacSha256 {
 public:
  explicit HmacSha256(std::span<const unsigned char> key);
  [[nodiscard]] Digest mac(std::string_view data) const;

 private:
  struct CtxFree {
    void operator()(EVP_MD_CTX* ctx) const;
  };
  std::unique_ptr<EVP_MD_CTX, CtxFree> inner_;  // has absorbed K ^ ipad
  std::unique_ptr<EVP_MD_CTX, CtxFree> outer_;  // has absorbed K ^ opad
};

// Lowercase hex, as SigV4 writes every hash and signature.
std::string to_hex(std::span<const unsigned char> bytes);
void append_hex(std::string& out, std::span<const unsigned char> bytes);
inline std::string sha256_hex(std::string_view data) {
  return to_hex(sha256(data));
}

// True when a and b are equal, taking time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace certguard::aws::sigv4
