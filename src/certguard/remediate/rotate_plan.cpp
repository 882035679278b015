#include "certguard/remediate/rotate_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "certguard/remediate/journaled_calls.h"
#include "certguard/remediate/plan.h"
#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"

namespace certguard::remediate {
namespace {

constexpr std::int64_t kDay = 86400;

bool is_replacement(const inventory::ClientCertificate& c) {
  return tag(c.tags, kTagManaged) == "true" && !tag(c.tags, kTagReplaces).empty();
}

std::string iso_time(std::int64_t t) {
  if (t <= 0) return "-";
  auto tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string where(const std::string& account, const std::string& region) {
  return account + "/" + region;
}

}  // namespace

std::string_view phase_name(RotatePhase phase) {
  switch (phase) {
    case RotatePhase::kPrepare:
      return "prepare";
    case RotatePhase::kCutover:
      return "cutover";
    case RotatePhase::kFinish:
      return "finish";
  }
  return "prepare";
}

std::string run_kind(RotatePhase phase) {
  return fmt::format("rotate-{}", phase_name(phase));
}

std::string bundle_path_for(const std::string& dir, const std::string& account,
                            const std::string& region, const std::string& rest_api_id,
                            const std::string& old_id) {
  if (dir.empty()) return {};
  return fmt::format("{}/{}/{}/{}/trust-bundle-{}.pem", dir, account, region, rest_api_id, old_id);
}

const inventory::ClientCertificate* replacement_of(const inventory::Region& region,
                                                   const std::string& old_id) {
  for (const auto& c : region.client_certificates) {
    if (is_replacement(c) && tag(c.tags, kTagReplaces) == old_id) return &c;
  }
  return nullptr;
}

CutoverTimes cutover_times(const std::vector<store::JournalEntry>& entries) {
  CutoverTimes out;
  for (const auto& e : entries) {
    if (e.operation != "UpdateStage" || e.previous_value.empty() || e.new_value.empty()) continue;
    if (e.result != "ok" && e.result != "reconciled") continue;
    const std::int64_t at = e.result_at > 0 ? e.result_at : e.intent_at;
    auto key = std::make_tuple(e.account, e.region, e.previous_value, e.new_value);
    auto [it, inserted] = out.try_emplace(key, at);
    if (!inserted) it->second = std::max(it->second, at);
  }
  return out;
}

Result<RotatePlan> plan_prepare(const inventory::Estate& estate, const RotateOptions& options,
                                std::int64_t now) {
  RotatePlan plan;
  plan.phase = RotatePhase::kPrepare;
  plan.options = options;
  bool found = options.certificate_id.empty();
  const std::int64_t horizon = now + static_cast<std::int64_t>(options.expiry_days) * kDay;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      std::size_t to_generate = 0;
      for (const auto& cert : region.client_certificates) {
        if (!options.certificate_id.empty() && cert.id != options.certificate_id) continue;
        auto stages = stages_referencing(region, cert.id);
        if (!options.certificate_id.empty()) {
          found = true;
          if (stages.empty()) {
            plan.notes.push_back(fmt::format(
                "{}: certificate {} is not used by any stage: nothing to rotate (delete it if "
                "it is not needed: CG-008)",
                where(account.id, region.name), cert.id));
            continue;
          }
        } else if (stages.empty() || cert.expiration_date <= 0 || cert.expiration_date > horizon) {
          continue;
        }
        PrepareItem item;
        item.account = account.id;
        item.region = region.name;
        item.old_certificate_id = cert.id;
        item.old_expiration = cert.expiration_date;
        item.stages = stages;
        if (const auto* r = replacement_of(region, cert.id)) item.replacement_id = r->id;
        std::set<std::string> apis;
        for (const auto& s : stages) apis.insert(s.substr(0, s.find('/')));
        if (!options.pem_dir.empty()) {
          for (const auto& api : apis) {
            item.bundles.push_back(TrustBundle{
                api, bundle_path_for(options.pem_dir, account.id, region.name, api, cert.id)});
          }
        }
        if (item.replacement_id.empty()) ++to_generate;
        plan.prepare.push_back(std::move(item));
      }
      if (region.client_certificates.size() + to_generate > kCertificatesPerRegion) {
        return make_error(
            ErrorKind::kLimitExceeded,
            fmt::format("rotate prepare in {} needs {} new client certificate(s) but the region "
                        "has {} and API Gateway allows {} per region: rotate fewer at once "
                        "(--cert ID), finish earlier rotations, delete unused certificates "
                        "(CG-008) or ask AWS for a higher quota (L-824C9E42)",
                        where(account.id, region.name), to_generate,
                        region.client_certificates.size(), kCertificatesPerRegion));
      }
    }
  }
  if (!found) {
    return make_error(ErrorKind::kNotFound,
                      fmt::format("rotate prepare --cert {}: no such client certificate in the "
                                  "regions read (check the id and --regions)",
                                  options.certificate_id));
  }
  return plan;
}

namespace {

// Whether the stage `resource` was cut over from `old_id` to `new_id` (journaled) with no
// successful CreateDeployment for it afterwards.
bool needs_redeploy(const std::vector<store::JournalEntry>& entries, const std::string& account,
                    const std::string& region, const std::string& resource,
                    const std::string& old_id, const std::string& new_id) {
  const store::JournalEntry* update = nullptr;
  for (const auto& e : entries) {
    if (e.operation == "UpdateStage" && e.account == account && e.region == region &&
        e.resource == resource && e.previous_value == old_id && e.new_value == new_id &&
        (e.result == "ok" || e.result == "reconciled")) {
      if (update == nullptr || e.intent_at >= update->intent_at) update = &e;
    }
  }
  if (update == nullptr) return false;
  for (const auto& e : entries) {
    if (e.operation != "CreateDeployment" || e.result != "ok" || e.account != account ||
        e.region != region || e.resource != resource) {
      continue;
    }
    const bool later =
        e.run_id == update->run_id ? e.seq > update->seq : e.intent_at >= update->intent_at;
    if (later) return false;
  }
  return true;
}

// Calls fn(account id, region, replacement, old id) for each rotation whose old certificate
// still exists (one not finished yet).
template <typename Fn>
void for_each_open_rotation(const inventory::Estate& estate, Fn fn) {
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      for (const auto& cert : region.client_certificates) {
        if (!is_replacement(cert)) continue;
        const std::string old_id = tag(cert.tags, kTagReplaces);
        if (find_certificate(region, old_id) == nullptr) continue;  // finished
        fn(account.id, region, cert, old_id);
      }
    }
  }
}

}  // namespace

RotatePlan plan_cutover(const inventory::Estate& estate, const RotateOptions& options,
                        const std::vector<store::JournalEntry>& cutover_entries) {
  RotatePlan plan;
  plan.phase = RotatePhase::kCutover;
  plan.options = options;
  for_each_open_rotation(
      estate, [&](const std::string& account_id, const inventory::Region& region,
                  const inventory::ClientCertificate& cert, const std::string& old_id) {
        for (const auto& api : region.rest_apis) {
          for (const auto& s : api.stages) {
            CutoverItem item{account_id, region.name, api.id, s.stage_name, old_id, cert.id};
            if (s.client_certificate_id == old_id) {
              plan.cutover.push_back(item);
            } else if (options.redeploy && s.client_certificate_id == cert.id &&
                       needs_redeploy(cutover_entries, account_id, region.name,
                                      stage_resource(api.id, s.stage_name), old_id, cert.id)) {
              item.redeploy_only = true;
              plan.cutover.push_back(item);
            }
          }
        }
      });
  return plan;
}

RotatePlan plan_finish(const inventory::Estate& estate, const RotateOptions& options,
                       const CutoverTimes& cutovers, std::int64_t now) {
  RotatePlan plan;
  plan.phase = RotatePhase::kFinish;
  plan.options = options;
  for_each_open_rotation(
      estate, [&](const std::string& account_id, const inventory::Region& region,
                  const inventory::ClientCertificate& cert, const std::string& old_id) {
        const std::string at = where(account_id, region.name);
        auto users = stages_referencing(region, old_id);
        if (!users.empty()) {
          plan.notes.push_back(fmt::format("{}: {} kept: still used by {} (run rotate cutover)", at,
                                           old_id, fmt::join(users, ", ")));
          return;
        }
        auto it = cutovers.find(std::make_tuple(account_id, region.name, old_id, cert.id));
        if (it == cutovers.end()) {
          plan.notes.push_back(fmt::format(
              "{}: {} kept: no cutover to {} is journaled, so there is no grace period to "
              "measure (delete it by hand if that is intended)",
              at, old_id, cert.id));
          return;
        }
        const std::int64_t allowed = it->second + options.grace_seconds;
        if (now < allowed) {
          plan.notes.push_back(fmt::format("{}: {} kept: grace period after cutover ends at {}", at,
                                           old_id, iso_time(allowed)));
          return;
        }
        plan.finish.push_back(FinishItem{account_id, region.name, old_id, cert.id, it->second});
      });
  return plan;
}

std::vector<RotationStatus> rotation_status(const inventory::Estate& estate,
                                            const CutoverTimes& cutovers,
                                            std::int64_t grace_seconds) {
  std::vector<RotationStatus> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      for (const auto& cert : region.client_certificates) {
        if (!is_replacement(cert)) continue;
        RotationStatus s;
        s.account = account.id;
        s.region = region.name;
        s.old_certificate_id = tag(cert.tags, kTagReplaces);
        s.new_certificate_id = cert.id;
        s.stages_on_old = stages_referencing(region, s.old_certificate_id);
        s.stages_on_new = stages_referencing(region, cert.id);
        auto it =
            cutovers.find(std::make_tuple(account.id, region.name, s.old_certificate_id, cert.id));
        if (it != cutovers.end()) s.cutover_at = it->second;
        if (find_certificate(region, s.old_certificate_id) == nullptr) {
          s.phase = "finished";
        } else if (!s.stages_on_old.empty()) {
          s.phase = s.stages_on_new.empty() ? "prepared" : "cutting over";
        } else {
          s.phase = "cut over";
          if (s.cutover_at > 0) s.finish_allowed_at = s.cutover_at + grace_seconds;
        }
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

nlohmann::json to_json(const RotatePlan& plan) {
  nlohmann::json j;
  j["phase"] = std::string(phase_name(plan.phase));
  j["expiry_days"] = plan.options.expiry_days;
  j["certificate_id"] = plan.options.certificate_id;
  j["pem_dir"] = plan.options.pem_dir;
  j["redeploy"] = plan.options.redeploy;
  j["grace_seconds"] = plan.options.grace_seconds;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : plan.prepare) {
    nlohmann::json bundles = nlohmann::json::array();
    for (const auto& b : i.bundles) {
      bundles.push_back({{"rest_api_id", b.rest_api_id}, {"path", b.path}});
    }
    items.push_back({{"action", i.replacement_id.empty() ? "generate" : "reuse"},
                     {"account", i.account},
                     {"region", i.region},
                     {"old_certificate_id", i.old_certificate_id},
                     {"old_expiration", iso_time(i.old_expiration)},
                     {"stages", i.stages},
                     {"replacement_id", i.replacement_id},
                     {"trust_bundles", bundles}});
  }
  for (const auto& i : plan.cutover) {
    items.push_back({{"action", i.redeploy_only ? "redeploy" : "attach"},
                     {"account", i.account},
                     {"region", i.region},
                     {"rest_api_id", i.rest_api_id},
                     {"stage_name", i.stage_name},
                     {"old_certificate_id", i.old_certificate_id},
                     {"new_certificate_id", i.new_certificate_id}});
  }
  for (const auto& i : plan.finish) {
    items.push_back({{"action", "delete"},
                     {"account", i.account},
                     {"region", i.region},
                     {"old_certificate_id", i.old_certificate_id},
                     {"new_certificate_id", i.new_certificate_id},
                     {"cutover_at", iso_time(i.cutover_at)},
                     {"reversible", false}});
  }
  j["items"] = items;
  j["notes"] = plan.notes;
  return j;
}

std::string format_rotate_plan(const RotatePlan& plan) {
  std::string out = fmt::format("rotate {}: {} item(s)\n", phase_name(plan.phase),
                                plan.prepare.size() + plan.cutover.size() + plan.finish.size());
  for (const auto& i : plan.prepare) {
    out += fmt::format("  {} {}: {} (expires {}, used by {}) -> {}\n", i.account, i.region,
                       i.old_certificate_id, iso_time(i.old_expiration), fmt::join(i.stages, ", "),
                       i.replacement_id.empty() ? "generate a replacement"
                                                : "replacement " + i.replacement_id + " exists");
    for (const auto& b : i.bundles) out += fmt::format("      trust bundle {}\n", b.path);
  }
  for (const auto& i : plan.cutover) {
    if (i.redeploy_only) {
      out += fmt::format("  {} {}: redeploy {}/{} (already on {})\n", i.account, i.region,
                         i.rest_api_id, i.stage_name, i.new_certificate_id);
      continue;
    }
    out += fmt::format("  {} {}: attach {} to {}/{} (was {}){}\n", i.account, i.region,
                       i.new_certificate_id, i.rest_api_id, i.stage_name, i.old_certificate_id,
                       plan.options.redeploy ? ", redeploy" : "");
  }
  for (const auto& i : plan.finish) {
    out += fmt::format("  {} {}: delete {} (replaced by {}, cut over {})\n", i.account, i.region,
                       i.old_certificate_id, i.new_certificate_id, iso_time(i.cutover_at));
  }
  for (const auto& n : plan.notes) out += fmt::format("  note: {}\n", n);
  if (plan.empty()) {
    switch (plan.phase) {
      case RotatePhase::kPrepare:
        out += "  nothing to rotate: every certificate due is prepared already, or none is due\n";
        break;
      case RotatePhase::kCutover:
        out += "  nothing to cut over\n";
        break;
      case RotatePhase::kFinish:
        out += "  nothing to finish\n";
        break;
    }
  }
  if (plan.phase == RotatePhase::kCutover && !plan.cutover.empty()) {
    out += "  before --apply: make sure each backend trusts the bundle rotate prepare wrote\n";
  }
  if (plan.phase == RotatePhase::kFinish && !plan.finish.empty()) {
    out +=
        "  a delete cannot be undone: certguard rollback of this run cannot restore a deleted "
        "certificate\n";
  }
  return out;
}

nlohmann::json to_json(const std::vector<RotationStatus>& status) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : status) {
    out.push_back(
        {{"account", s.account},
         {"region", s.region},
         {"old_certificate_id", s.old_certificate_id},
         {"new_certificate_id", s.new_certificate_id},
         {"stages_on_old", s.stages_on_old},
         {"stages_on_new", s.stages_on_new},
         {"phase", s.phase},
         {"cutover_at", s.cutover_at > 0 ? iso_time(s.cutover_at) : ""},
         {"finish_allowed_at", s.finish_allowed_at > 0 ? iso_time(s.finish_allowed_at) : ""}});
  }
  return out;
}

std::string format_rotation_status(const std::vector<RotationStatus>& status) {
  std::string out =
      fmt::format("{:<12}  {:<14}  {:<10}  {:<10}  {:<13}  {:<20}  {:<20}  {}\n", "ACCOUNT",
                  "REGION", "OLD", "NEW", "PHASE", "CUTOVER", "FINISH ALLOWED", "STAGES");
  for (const auto& s : status) {
    std::vector<std::string> stages;
    for (const auto& x : s.stages_on_old) stages.push_back(x + " (old)");
    for (const auto& x : s.stages_on_new) stages.push_back(x + " (new)");
    out += fmt::format("{:<12}  {:<14}  {:<10}  {:<10}  {:<13}  {:<20}  {:<20}  {}\n", s.account,
                       s.region, s.old_certificate_id, s.new_certificate_id, s.phase,
                       iso_time(s.cutover_at), iso_time(s.finish_allowed_at),
                       stages.empty() ? "-" : fmt::format("{}", fmt::join(stages, ", ")));
  }
  out += fmt::format("{} rotation(s)\n", status.size());
  return out;
}

}  // namespace certguard::remediate
