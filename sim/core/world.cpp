#include "sim/core/world.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace certguard::sim {

namespace {
std::int64_t real_seconds(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
}

template <typename T, typename KeyOf>
void sort_by(std::vector<T>& items, KeyOf key_of) {
  std::stable_sort(items.begin(), items.end(),
                   [&](const T& a, const T& b) { return key_of(a) < key_of(b); });
}
}  // namespace

void sort_estate(inventory::Estate& estate) {
  for (auto& account : estate.accounts) {
    for (auto& region : account.regions) {
      sort_by(region.rest_apis,
              [](const inventory::RestApi& a) -> const std::string& { return a.id; });
      for (auto& api : region.rest_apis) {
        sort_by(api.stages,
                [](const inventory::Stage& s) -> const std::string& { return s.stage_name; });
        sort_by(api.resources,
                [](const inventory::Resource& r) -> const std::string& { return r.id; });
        sort_by(api.deployments,
                [](const inventory::Deployment& d) -> const std::string& { return d.id; });
      }
      sort_by(region.client_certificates,
              [](const inventory::ClientCertificate& c) -> const std::string& { return c.id; });
      sort_by(region.domain_names,
              [](const inventory::DomainName& d) -> const std::string& { return d.domain_name; });
    }
  }
}

SimWorld::SimWorld(inventory::Estate estate, const Clock& clock,
                   std::optional<inventory::EpochSeconds> now, std::uint64_t seed)
    : estate_(std::move(estate)), clock_(clock), rng_(seed) {
  frozen_now_ = now;
  sort_estate(estate_);
  rebuild_indexes();
}

SimWorld::~SimWorld() = default;

inventory::Estate SimWorld::default_estate() {
  inventory::Estate estate;
  inventory::Account account;
  account.id = std::string(kDefaultAccountId);
  account.name = "default";
  account.email = "default@example.com";
  account.access_keys.push_back(
      {std::string(kDefaultAccessKeyId), std::string(kDefaultSecretAccessKey)});
  estate.accounts.push_back(std::move(account));
  return estate;
}

void SimWorld::rebuild_indexes() {
  account_index_.clear();
  estate_keys_.clear();
  for (std::size_t i = 0; i < estate_.accounts.size(); ++i) {
    const auto& account = estate_.accounts[i];
    account_index_[account.id] = i;
    for (const auto& key : account.access_keys) {
      KeyInfo info;
      info.account_id = account.id;
      info.secret_access_key = key.secret_access_key;
      info.principal_arn = fmt::format("arn:{}:iam::{}:root", estate_.partition, account.id);
      estate_keys_[key.access_key_id] = std::move(info);
    }
  }
}

inventory::Account* SimWorld::account(std::string_view id) {
  auto it = account_index_.find(std::string(id));
  if (it == account_index_.end()) return nullptr;
  return &estate_.accounts[it->second];
}

inventory::Region* SimWorld::region(std::string_view account_id, std::string_view name) {
  inventory::Account* acct = account(account_id);
  if (acct == nullptr) return nullptr;
  for (auto& region : acct->regions) {
    if (region.name == name) return &region;
  }
  if (!acct->enabled_regions.empty() &&
      std::find(acct->enabled_regions.begin(), acct->enabled_regions.end(), name) ==
          acct->enabled_regions.end()) {
    return nullptr;
  }
  inventory::Region region;
  region.name = std::string(name);
  acct->regions.push_back(std::move(region));
  return &acct->regions.back();
}

void SimWorld::register_temporary_key(TemporaryKey key) {
  std::string id = key.access_key_id;
  temporary_keys_[id] = std::move(key);
}

const TemporaryKey* SimWorld::temporary_key(std::string_view access_key_id) const {
  auto it = temporary_keys_.find(std::string(access_key_id));
  return it == temporary_keys_.end() ? nullptr : &it->second;
}

std::optional<KeyInfo> SimWorld::find_key(std::string_view access_key_id) const {
  std::string id(access_key_id);
  if (auto it = estate_keys_.find(id); it != estate_keys_.end()) return it->second;
  if (auto it = temporary_keys_.find(id); it != temporary_keys_.end()) {
    const TemporaryKey& key = it->second;
    KeyInfo info;
    info.account_id = key.account_id;
    info.secret_access_key = key.secret_access_key;
    info.session_token = key.session_token;
    info.expiration = key.expiration;
    info.principal_arn = fmt::format("arn:{}:sts::{}:assumed-role/{}/{}", estate_.partition,
                                     key.account_id, key.role_name, key.session_name);
    return info;
  }
  return std::nullopt;
}

inventory::EpochSeconds SimWorld::now() const {
  return frozen_now_ ? *frozen_now_ : real_seconds(clock_) + clock_offset_;
}

void SimWorld::set_now(inventory::EpochSeconds now) {
  if (frozen_now_) {
    frozen_now_ = now;
  } else {
    clock_offset_ = now - real_seconds(clock_);
  }
}

void SimWorld::advance(std::int64_t seconds) {
  if (frozen_now_) {
    *frozen_now_ += seconds;
  } else {
    clock_offset_ += seconds;
  }
}

std::string SimWorld::new_id(std::size_t length) {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  for (;;) {
    std::string id;
    id.reserve(length);
    for (std::size_t i = 0; i < length; ++i) id += kAlphabet[pick(rng_)];
    // Ids in a loaded estate are not recorded here; collisions with them are
    // astronomically unlikely at length >= 6 and callers re-check where it matters.
    if (issued_ids_.emplace(id, true).second) return id;
  }
}

std::string SimWorld::new_uuid() {
  std::uniform_int_distribution<std::uint32_t> nibble(0, 15);
  std::string out;
  static constexpr std::string_view kHex = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    std::uint32_t v = nibble(rng_);
    if (i == 12) v = 4;
    if (i == 16) v = 8 + (v & 3U);
    out += kHex[v];
  }
  return out;
}

std::string SimWorld::new_key_id(std::string_view prefix, std::size_t length) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string id(prefix);
  for (std::size_t i = 0; i < length; ++i) id += kAlphabet[pick(rng_)];
  return id;
}

void SimWorld::replace_estate(inventory::Estate estate) {
  estate_ = std::move(estate);
  sort_estate(estate_);
  temporary_keys_.clear();
  rebuild_indexes();
}

}  // namespace certguard::sim
