#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "certguard/aws/sigv4/crypto.h"

namespace certguard::aws::sigv4 {

// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
// `date` is the YYYYMMDD date stamp.
Digest derive_signing_key(std::string_view secret, std::string_view date, std::string_view region,
                          std::string_view service);

// A small, bounded cache of derived signing keys keyed by (secret, date, region, service), so
// a scan that signs thousands of requests per region derives each key once a day. Owned by
// whoever signs (one per client); thread-safe; evicts the least recently used entry.
class SigningKeyCache {
 public:
  explicit SigningKeyCache(std::size_t capacity = 32) : capacity_(capacity == 0 ? 1 : capacity) {}

  Digest get(std::string_view secret, std::string_view date, std::string_view region,
             std::string_view service);
  // The same key ready to sign with: its HMAC pads absorbed once per derivation, not once
  // per signature. Shared, so it stays valid after the entry is evicted.
  std::shared_ptr<const HmacSha256> get_hmac(std::string_view secret, std::string_view date,
                                             std::string_view region, std::string_view service);

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::size_t derivations() const;  // how many keys were computed (misses)

 private:
  struct Entry {
    std::string secret, date, region, service;
    Digest key;
    std::shared_ptr<const HmacSha256> hmac;
  };
  // The entry for the scope, moved to the front (derived if missing). Called with mu_ held.
  const Entry& find_or_derive(std::string_view secret, std::string_view date,
                              std::string_view region, std::string_view service);
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> entries_;  // most recently used first; capacity is small, so a list suffices
  std::size_t derivations_ = 0;
};

}  // namespace certguard::aws::sigv4
