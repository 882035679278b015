#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace certguard::aws::sigv4 {

// SHA-256 and HMAC-SHA256 over OpenSSL's libcrypto, returning fixed-size digests.
using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view data);
Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data);

// Lowercase hex, as SigV4 writes every hash and signature.
std::string to_hex(std::span<const unsigned char> bytes);
inline std::string sha256_hex(std::string_view data) {
  return to_hex(sha256(data));
}

// True when a and b are equal, taking time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace certguard::aws::sigv4
