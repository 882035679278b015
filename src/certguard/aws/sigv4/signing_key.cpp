#include "certguard/aws/sigv4/signing_key.h"

#include <span>

namespace certguard::aws::sigv4 {

Digest derive_signing_key(std::string_view secret, std::string_view date, std::string_view region,
                          std::string_view service) {
  std::string seed = "AWS4";
  seed.append(secret);
  const auto* seed_bytes = reinterpret_cast<const unsigned char*>(seed.data());
  const Digest k_date = hmac_sha256(std::span(seed_bytes, seed.size()), date);
  const Digest k_region = hmac_sha256(k_date, region);
  const Digest k_service = hmac_sha256(k_region, service);
  return hmac_sha256(k_service, "aws4_request");
}

const SigningKeyCache::Entry& SigningKeyCache::find_or_derive(std::string_view secret,
                                                              std::string_view date,
                                                              std::string_view region,
                                                              std::string_view service) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->secret == secret && it->date == date && it->region == region &&
        it->service == service) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front();
    }
  }
  const Digest key = derive_signing_key(secret, date, region, service);
  ++derivations_;
  entries_.push_front(Entry{std::string(secret), std::string(date), std::string(region),
                            std::string(service), key, std::make_shared<const HmacSha256>(key)});
  if (entries_.size() > capacity_) entries_.pop_back();
  return entries_.front();
}

Digest SigningKeyCache::get(std::string_view secret, std::string_view date, std::string_view region,
                            std::string_view service) {
  std::lock_guard lock(mu_);
  return find_or_derive(secret, date, region, service).key;
}

std::shared_ptr<const HmacSha256> SigningKeyCache::get_hmac(std::string_view secret,
                                                            std::string_view date,
                                                            std::string_view region,
                                                            std::string_view service) {
  std::lock_guard lock(mu_);
  return find_or_derive(secret, date, region, service).hmac;
}

std::size_t SigningKeyCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::size_t SigningKeyCache::derivations() const {
  std::lock_guard lock(mu_);
  return derivations_;
}

}  // namespace certguard::aws::sigv4
