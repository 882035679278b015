// The estate generator: accounts, their keys and roles, and one region at a time.

#include "sim/generate/generate.h"

#include <regex>
#include <set>
#include <string>

#include "sim/generate/generate_context.h"

namespace certguard::sim {
namespace {

using gen::Context;

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kSecretAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

Error invalid(const std::string& what) {
  return make_error(ErrorKind::kInvalidInput, "generate: " + what);
}

std::string account_name(int index, bool suspended) {
  if (index == 0) return "management";
  if (suspended) return "suspended-" + std::to_string(index);
  return "member-" + std::to_string(index);
}

inventory::Account make_account(Context& ctx, Rng& rng, int index,
                                const std::string& management_id) {
  const int count = ctx.options.accounts;
  inventory::Account account;
  // 12 digits, never starting with 0 so it survives a round trip through a number.
  do {
    account.id = rng.text(1, "123456789") + rng.text(11, kDigits);
  } while (!ctx.used_ids.insert(account.id).second);
  account.suspended = count >= 3 && index == count - 1;
  account.name = account_name(index, account.suspended);
  account.email = account.name + "@example.com";
  inventory::AccessKey key;
  key.access_key_id = "AKIA" + ctx.unique_id(rng, 16, kKeyAlphabet);
  key.secret_access_key = rng.text(40, kSecretAlphabet);
  account.access_keys.push_back(std::move(key));
  inventory::Role role;
  role.name = std::string(kAuditRoleName);
  role.trusted_accounts = {management_id.empty() ? account.id : management_id};
  account.roles.push_back(std::move(role));
  return account;
}

void add_regions(Context& ctx, Rng& rng, inventory::Account& account) {
  for (const auto& name : ctx.options.regions) {
    inventory::Region region;
    region.name = name;
    // A suspended account keeps its regions but nothing can be read from it anyway.
    if (!account.suspended) {
      Rng region_rng = rng.fork();
      gen::add_apis(ctx, region_rng, account, region);
      gen::add_domains(ctx, region_rng, account, region);
    }
    account.regions.push_back(std::move(region));
  }
}

}  // namespace

Status validate(const GenerateOptions& options) {
  if (options.accounts < 1 || options.accounts > 10000) {
    return invalid("--accounts must be between 1 and 10000, got " +
                   std::to_string(options.accounts));
  }
  if (options.regions.empty() || options.regions.size() > 40) {
    return invalid("--regions must list 1 to 40 regions, e.g. us-east-1,eu-west-1");
  }
  static const std::regex region_pattern("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$");
  std::set<std::string> seen;
  for (const auto& r : options.regions) {
    if (!std::regex_match(r, region_pattern)) {
      return invalid("--regions: '" + r + "' is not a region name such as us-east-1");
    }
    if (!seen.insert(r).second) return invalid("--regions: '" + r + "' is listed twice");
  }
  if (options.apis_per_region < 0 || options.apis_per_region > 10000) {
    return invalid("--apis-per-region must be between 0 and 10000, got " +
                   std::to_string(options.apis_per_region));
  }
  if (options.stages_per_api < 0 || options.stages_per_api > 10) {
    return invalid("--stages-per-api must be between 0 and 10 (AWS's quota), got " +
                   std::to_string(options.stages_per_api));
  }
  if (options.now <= 0) return invalid("--now must be a positive epoch second count");
  return {};
}

inventory::Estate generate_estate(const GenerateOptions& options) {
  Context ctx{options, {}, {}};
  Rng rng(options.seed);
  inventory::Estate estate;
  estate.captured_at = options.now;
  for (int i = 0; i < options.accounts; ++i) {
    Rng account_rng = rng.fork();
    auto account = make_account(ctx, account_rng, i, estate.management_account_id);
    if (i == 0) estate.management_account_id = account.id;
    add_regions(ctx, account_rng, account);
    estate.accounts.push_back(std::move(account));
  }
  gen::add_method_auth(options.seed, estate);
  return estate;
}

}  // namespace certguard::sim
