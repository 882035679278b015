#include "certguard/aws/sigv4/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <stdexcept>

namespace certguard::aws::sigv4 {
namespace {

constexpr std::size_t kBlockSize = 64;  // SHA-256's block size, which HMAC pads the key to

// OpenSSL 3's EVP_sha256() is a legacy handle: every EVP_DigestInit_ex() with it looks the
// implementation up in the provider store again (12-25 K instructions, more than hashing a
// short string). This fetches it once. The one static is an immutable, reference-counted
// algorithm object that OpenSSL documents as safe to share between threads; it holds no
// per-request state and is deliberately never freed (it lives as long as libcrypto).
const EVP_MD* sha256_md() {
  static const EVP_MD* const fetched = [] {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
    if (md == nullptr) throw std::runtime_error("sigv4: EVP_MD_fetch(SHA2-256) failed");
    return md;
  }();
  return fetched;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// SHA-256 over the concatenation of `parts`. EVP fails only on allocation failure or a
// broken libcrypto: a bug, not an input error, hence the exceptions.
Digest sha256_of(std::initializer_list<std::span<const unsigned char>> parts) {
  const std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), sha256_md(), nullptr) != 1) {
    throw std::runtime_error("sigv4: EVP_DigestInit_ex2(SHA-256) failed");
  }
  for (const auto& part : parts) {
    if (!part.empty() && EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) {
      throw std::runtime_error("sigv4: EVP_DigestUpdate(SHA-256) failed");
    }
  }
  Digest out{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != out.size()) {
    throw std::runtime_error("sigv4: EVP_DigestFinal_ex(SHA-256) failed");
  }
  return out;
}

std::span<const unsigned char> bytes_of(std::string_view s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

}  // namespace

Digest sha256(std::string_view data) {
  return sha256_of({bytes_of(data)});
}

Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data) {
  return HmacSha256(key).mac(data);
}

void HmacSha256::CtxFree::operator()(EVP_MD_CTX* ctx) const {
  EVP_MD_CTX_free(ctx);
}

HmacSha256::HmacSha256(std::span<const unsigned char> key)
    : inner_(EVP_MD_CTX_new()), outer_(EVP_MD_CTX_new()) {
  if (!inner_ || !outer_ || EVP_DigestInit_ex2(inner_.get(), sha256_md(), nullptr) != 1 ||
      EVP_DigestInit_ex2(outer_.get(), sha256_md(), nullptr) != 1) {
    throw std::runtime_error("sigv4: EVP_DigestInit_ex2(SHA-256) failed");
  }
  std::array<unsigned char, kBlockSize> block{};
  if (key.size() > kBlockSize) {
    const Digest hashed = sha256_of({key});
    std::copy(hashed.begin(), hashed.end(), block.begin());
  } else {
    std::copy(key.begin(), key.end(), block.begin());
  }
  std::array<unsigned char, kBlockSize> pad{};
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x36U;
  const bool inner_ok = EVP_DigestUpdate(inner_.get(), pad.data(), pad.size()) == 1;
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x5cU;
  const bool outer_ok = EVP_DigestUpdate(outer_.get(), pad.data(), pad.size()) == 1;
  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  if (!inner_ok || !outer_ok) throw std::runtime_error("sigv4: EVP_DigestUpdate(SHA-256) failed");
}

Digest HmacSha256::mac(std::string_view data) const {
  // One context serves both halves: the second copy into it reuses its provider state.
  const std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), inner_.get()) != 1) {
    throw std::runtime_error("sigv4: EVP_MD_CTX_copy_ex(HMAC inner) failed");
  }
  Digest inner{};
  unsigned int len = 0;
  if ((!data.empty() && EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1) ||
      EVP_DigestFinal_ex(ctx.get(), inner.data(), &len) != 1 || len != inner.size()) {
    throw std::runtime_error("sigv4: SHA-256 of the HMAC inner message failed");
  }
  Digest out{};
  if (EVP_MD_CTX_copy_ex(ctx.get(), outer_.get()) != 1 ||
      EVP_DigestUpdate(ctx.get(), inner.data(), inner.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != out.size()) {
    throw std::runtime_error("sigv4: SHA-256 of the HMAC outer message failed");
  }
  return out;
}

std::string to_hex(std::span<const unsigned char> bytes) {
  std::string out;
  append_hex(out, bytes);
  return out;
}

void append_hex(std::string& out, std::span<const unsigned char> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  // Sized once and written by index: push_back checks the capacity for every character.
  const std::size_t at = out.size();
  out.resize(at + bytes.size() * 2);
  char* p = out.data() + at;
  for (unsigned char b : bytes) {
    *p++ = kDigits[b >> 4U];
    *p++ = kDigits[b & 0x0FU];
  }
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace certguard::aws::sigv4
