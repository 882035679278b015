// Authorization settings of generated methods. They draw from their own random stream,
// seeded from the estate's seed and applied after everything else is built, so adding
// them did not change a single id, date or integration of an estate generated before.

#include <array>
#include <string_view>

#include "sim/generate/generate_context.h"

namespace certguard::sim::gen {
namespace {

// Mixed into the seed so this stream differs from the main one ("methauth" in ASCII).
constexpr std::uint64_t kAuthStream = 0x6d65746861757468ULL;

// The first methods of the estate cycle through every variant, so even a tiny estate
// holds the whole mix; after that the choice is random.
enum class Auth { kNone, kAwsIam, kCustom, kNoneWithKey };
constexpr std::array<Auth, 4> kFirst = {Auth::kNone, Auth::kAwsIam, Auth::kCustom,
                                        Auth::kNoneWithKey};

Auth pick(Rng& rng, std::size_t index) {
  if (index < kFirst.size()) return kFirst[index];
  const std::int64_t roll = rng.between(0, 99);
  if (roll < 70) return rng.percent(10) ? Auth::kNoneWithKey : Auth::kNone;  // most: open
  if (roll < 90) return Auth::kAwsIam;
  return Auth::kCustom;
}

void apply(Rng& rng, Auth auth, inventory::MethodIntegration& method) {
  switch (auth) {
    case Auth::kNone:
    case Auth::kNoneWithKey:
      method.authorization_type = "NONE";
      method.api_key_required = auth == Auth::kNoneWithKey;
      return;
    case Auth::kAwsIam:
      method.authorization_type = "AWS_IAM";
      method.api_key_required = rng.percent(10);
      return;
    case Auth::kCustom:
      method.authorization_type = "CUSTOM";
      method.api_key_required = rng.percent(30);
      method.authorizer_id = rng.text(6, kLowerAlnum);  // authorizer ids look like resource ids
      return;
  }
}

}  // namespace

void add_method_auth(std::uint64_t seed, inventory::Estate& estate) {
  Rng rng(seed ^ kAuthStream);
  std::size_t index = 0;
  for (auto& account : estate.accounts) {
    for (auto& region : account.regions) {
      for (auto& api : region.rest_apis) {
        for (auto& resource : api.resources) {
          for (auto& method : resource.methods) apply(rng, pick(rng, index++), method);
        }
      }
    }
  }
}

}  // namespace certguard::sim::gen
