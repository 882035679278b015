#pragma once

// Internal to the generator: state shared by the parts that build one estate.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "certguard/inventory/estate/estate.h"
#include "sim/generate/generate.h"
#include "sim/generate/rng.h"

namespace certguard::sim::gen {

inline constexpr inventory::EpochSeconds kDay = 86400;
inline constexpr std::string_view kLowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view kHex = "0123456789abcdef";

// Estate-wide counters make the "first few" of each kind cycle through every variant, so
// even a tiny estate contains the whole mix; after that the choice is random.
struct Counters {
  int stages = 0;
  int apis = 0;
  int domains = 0;
  int issued_acm = 0;
  int imported_acm = 0;
};

struct Context {
  const GenerateOptions& options;
  Counters counters;
  std::unordered_set<std::string> used_ids;  // ids are unique across the estate

  // A fresh id of `length` characters from `alphabet`, never returned before.
  std::string unique_id(Rng& rng, std::size_t length, std::string_view alphabet = kLowerAlnum) {
    for (;;) {
      std::string id = rng.text(length, alphabet);
      if (used_ids.insert(id).second) return id;
    }
  }
};

// Client certificates of one region plus its REST APIs, stages and deployments.
void add_apis(Context& ctx, Rng& rng, const inventory::Account& account, inventory::Region& region);

// Custom domain names of one region and the ACM certificates (used and unused) they use.
void add_domains(Context& ctx, Rng& rng, const inventory::Account& account,
                 inventory::Region& region);

// Gives every method of `estate` its authorization settings (most NONE, some AWS_IAM, a
// few CUSTOM with an authorizer id, some requiring an API key) from a random stream of its
// own derived from `seed`, so nothing else the generator makes depends on them.
void add_method_auth(std::uint64_t seed, inventory::Estate& estate);

}  // namespace certguard::sim::gen
