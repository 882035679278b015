#pragma once

// SimWorld: the emulator's state. It is the loaded inventory::Estate (accounts, regions,
// APIs, certificates, ... exactly the shared estate model, so GET /_sim/estate is a dump
// of it) plus what only the sim has: temporary keys issued by STS AssumeRole, id
// generators, and the virtual clock.
//
// Locking: the engine holds lock() while a service handler runs, so handlers touch the
// state freely and must not lock again. Everything below except the constructor, lock()
// and certificates() requires the lock to be held.
//
// Ordering: collections the API pages through are kept sorted by their id (rest_apis,
// client_certificates and resources by id, domain_names by name, stages by name,
// deployments by id), so lookups are binary searches and pagination tokens are ids.
// Use find_sorted / insert_sorted (sorted.h) to keep them so.

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "certguard/core/clock.h"
#include "certguard/inventory/estate/estate.h"
#include "sim/core/pki.h"

namespace certguard::sim {

// The default key pair and account (moto's convention).
inline constexpr std::string_view kDefaultAccountId = "123456789012";
inline constexpr std::string_view kDefaultAccessKeyId = "testing";
inline constexpr std::string_view kDefaultSecretAccessKey = "testing";

// Credentials STS AssumeRole issued; the engine accepts them until `expiration`.
struct TemporaryKey {
  std::string access_key_id;  // "ASIA..."
  std::string secret_access_key;
  std::string session_token;
  std::string account_id;  // the account the role belongs to
  std::string role_name;
  std::string session_name;
  inventory::EpochSeconds expiration = 0;  // virtual-clock seconds
};

// What the engine needs to verify a signature made with an access key.
struct KeyInfo {
  std::string account_id;
  std::string secret_access_key;
  std::string principal_arn;
  std::string session_token;                          // required (and checked) if not empty
  std::optional<inventory::EpochSeconds> expiration;  // temporary keys only
};

class SimWorld {
 public:
  // `clock` gives real time. `now` given: the virtual clock is frozen at it and moves only
  // through set_now/advance (POST /_sim/clock), so what the sim writes is deterministic.
  // nullopt: the virtual clock is real time (plus any offset set later). `seed` drives ids.
  SimWorld(inventory::Estate estate, const Clock& clock,
           std::optional<inventory::EpochSeconds> now = std::nullopt, std::uint64_t seed = 1);
  SimWorld(const SimWorld&) = delete;
  SimWorld& operator=(const SimWorld&) = delete;
  ~SimWorld();

  // One account 123456789012 (key testing/testing), no regions yet.
  static inventory::Estate default_estate();

  [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

  // --- everything below: lock held ---
  inventory::Estate& estate() { return estate_; }
  const inventory::Estate& estate() const { return estate_; }
  // nullptr if the account is not in the estate.
  inventory::Account* account(std::string_view id);
  // The account's region, created empty on first use. nullptr if the account does not
  // exist or `name` is not among its enabled_regions (when it lists any). Creating a
  // region may move the account's other Region objects: do not hold a Region* across a
  // call that may create another.
  inventory::Region* region(std::string_view account_id, std::string_view name);

  void register_temporary_key(TemporaryKey key);
  [[nodiscard]] const TemporaryKey* temporary_key(std::string_view access_key_id) const;
  // Estate keys and unexpired-or-not temporary keys (the engine checks expiry).
  [[nodiscard]] std::optional<KeyInfo> find_key(std::string_view access_key_id) const;

  // Virtual clock, epoch seconds.
  [[nodiscard]] inventory::EpochSeconds now() const;
  void set_now(inventory::EpochSeconds now);
  void advance(std::int64_t seconds);

  // A new random id of lowercase letters and digits (API Gateway style; 10 for REST
  // APIs, 6 for resources, deployments and client certificates). Never returns the
  // same id twice in this world.
  std::string new_id(std::size_t length);
  // A random RFC 4122 version-4 UUID (ACM certificate ids, request ids of handlers).
  std::string new_uuid();
  // Random digits/uppercase (access keys): `prefix` + `length` characters.
  std::string new_key_id(std::string_view prefix, std::size_t length);
  std::mt19937_64& rng() { return rng_; }

  // Replaces the whole estate (PUT /_sim/estate). Temporary keys are dropped.
  void replace_estate(inventory::Estate estate);

  // Thread-safe, no lock needed.
  CertificateFactory& certificates() { return certificates_; }

 private:
  void rebuild_indexes();

  std::mutex mutex_;
  inventory::Estate estate_;
  const Clock& clock_;
  std::int64_t clock_offset_ = 0;                      // virtual - real, seconds (running clock)
  std::optional<inventory::EpochSeconds> frozen_now_;  // set: the clock is frozen here
  std::mt19937_64 rng_;
  std::unordered_map<std::string, std::size_t> account_index_;
  std::unordered_map<std::string, KeyInfo> estate_keys_;
  std::unordered_map<std::string, TemporaryKey> temporary_keys_;
  std::unordered_map<std::string, bool> issued_ids_;
  CertificateFactory certificates_;
};

// Sorts every collection of the estate the way SimWorld keeps them (see above).
void sort_estate(inventory::Estate& estate);

}  // namespace certguard::sim
