#include "certguard/remediate/rollback.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "certguard/remediate/journaled_calls.h"
#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"

namespace certguard::remediate {

namespace ag = services::apigateway;

namespace {

// "restapis/API/stages/STAGE" -> {API, STAGE}; empty on anything else.
std::pair<std::string, std::string> parse_stage_resource(const std::string& resource) {
  constexpr std::string_view kPrefix = "restapis/";
  constexpr std::string_view kMid = "/stages/";
  if (resource.rfind(kPrefix, 0) != 0) return {};
  auto mid = resource.find(kMid, kPrefix.size());
  if (mid == std::string::npos) return {};
  return {resource.substr(kPrefix.size(), mid - kPrefix.size()),
          resource.substr(mid + kMid.size())};
}

struct StageChange {
  std::string original;           // previous value of the run's first change
  std::set<std::string> run_set;  // every value the run attached
  std::int64_t last_seq = 0;
};

using RegionKey = std::pair<std::string, std::string>;  // account, region

}  // namespace

Task<Result<RollbackPlan>> plan_rollback(std::string run_id,
                                         std::vector<store::JournalEntry> entries,
                                         const ClientFor* client) {
  RollbackPlan plan;
  plan.run_id = run_id;
  std::set<RegionKey> regions;
  std::map<std::tuple<std::string, std::string, std::string>, StageChange> changes;
  std::map<RegionKey, std::set<std::string>> generated;
  for (const auto& e : entries) {
    regions.insert({e.account, e.region});
    if (e.operation == "UpdateStage") {
      auto key = std::make_tuple(e.account, e.region, e.resource);
      auto [it, inserted] = changes.try_emplace(key);
      if (inserted) it->second.original = e.previous_value;
      if (!e.new_value.empty()) it->second.run_set.insert(e.new_value);
      it->second.last_seq = e.seq;
    } else if (e.operation == "GenerateClientCertificate" && !e.new_value.empty()) {
      generated[{e.account, e.region}].insert(e.new_value);
    }
  }
  // Restores in reverse order of the run's last change to each stage.
  std::vector<std::pair<std::int64_t, std::tuple<std::string, std::string, std::string>>> order;
  order.reserve(changes.size());
  for (const auto& [key, change] : changes) order.emplace_back(change.last_seq, key);
  std::sort(order.rbegin(), order.rend());

  std::map<RegionKey, inventory::Region> state;
  for (const auto& key : regions) {
    auto c = (*client)(key.first, key.second);
    if (!c.ok()) co_return c.error();
    auto region = co_await read_region(*c, key.second, false);
    if (!region.ok()) co_return region.error();
    state.emplace(key, std::move(*region));
  }

  for (const auto& [seq, key] : order) {
    const auto& [account, region_name, resource] = key;
    const StageChange& change = changes.at(key);
    inventory::Region& region = state.at({account, region_name});
    auto [api, stage_name] = parse_stage_resource(resource);
    const inventory::Stage* stage = find_stage(region, api, stage_name);
    const std::string where = fmt::format("{}/{}/{}", account, region_name, resource);
    if (stage == nullptr) {
      plan.notes.push_back(where + ": stage no longer exists; nothing to restore");
      continue;
    }
    const std::string& current = stage->client_certificate_id;
    if (current == change.original) continue;  // already restored
    const auto* current_cert = find_certificate(region, current);
    bool runs_own = change.run_set.count(current) > 0 ||
                    (current_cert != nullptr && tag(current_cert->tags, kTagRun) == run_id);
    if (!runs_own) {
      plan.notes.push_back(fmt::format("{}: now uses {}, not this run's certificate; left alone",
                                       where, current.empty() ? "no certificate" : current));
      continue;
    }
    if (!change.original.empty() && find_certificate(region, change.original) == nullptr) {
      plan.notes.push_back(
          fmt::format("{}: its previous certificate {} no longer exists, so it keeps {} (attach "
                      "another or remove it by hand)",
                      where, change.original, current));
      continue;
    }
    RollbackStep step;
    step.kind = RollbackStep::Kind::kRestoreStage;
    step.account = account;
    step.region = region_name;
    step.rest_api_id = api;
    step.stage_name = stage_name;
    step.certificate_id = current;
    step.restore_to = change.original;
    plan.steps.push_back(step);
    // Plan the deletes against the state after the restores.
    for (auto& a : region.rest_apis) {
      if (a.id != api) continue;
      for (auto& s : a.stages) {
        if (s.stage_name == stage_name) s.client_certificate_id = change.original;
      }
    }
  }

  for (const auto& key : regions) {
    const inventory::Region& region = state.at(key);
    std::set<std::string> candidates = generated[key];
    for (const auto& c : region.client_certificates) {
      if (tag(c.tags, kTagRun) == run_id) candidates.insert(c.id);
    }
    for (const auto& id : candidates) {
      if (find_certificate(region, id) == nullptr) continue;  // already deleted
      auto users = stages_referencing(region, id);
      if (!users.empty()) {
        plan.notes.push_back(fmt::format("{}/{}: certificate {} kept: referenced by {}", key.first,
                                         key.second, id, fmt::join(users, ", ")));
        continue;
      }
      RollbackStep step;
      step.kind = RollbackStep::Kind::kDeleteCertificate;
      step.account = key.first;
      step.region = key.second;
      step.certificate_id = id;
      plan.steps.push_back(step);
    }
  }
  co_return plan;
}

namespace {

Task<Status> restore_stage(Journal* journal, ag::ApiGatewayClient* client, const RollbackStep* step,
                           ApplyReport* report) {
  ag::GetStageRequest get;
  get.rest_api_id = step->rest_api_id;
  get.stage_name = step->stage_name;
  auto stage = co_await client->get_stage(get);
  if (!stage.ok()) co_return stage.error();
  const std::string where = fmt::format("{}/{}/restapis/{}/stages/{}", step->account, step->region,
                                        step->rest_api_id, step->stage_name);
  if (stage->client_certificate_id == step->restore_to) co_return Status{};
  if (stage->client_certificate_id != step->certificate_id) {
    report->notes.push_back(fmt::format("{}: changed since planning (now {}); left alone", where,
                                        stage->client_certificate_id));
    co_return Status{};
  }
  // An empty restore_to removes the certificate: an explicit rollback to none (the stage
  // had no certificate before the run).
  if (auto s = co_await set_stage_certificate(
          journal, client, CallTarget{&step->account, &step->region}, &step->rest_api_id,
          &step->stage_name, &stage->client_certificate_id, &step->restore_to);
      !s.ok()) {
    co_return s;
  }
  report->stages_changed.push_back(
      fmt::format("{}: {} -> {}", where, step->certificate_id,
                  step->restore_to.empty() ? "none" : step->restore_to));
  co_return Status{};
}

Task<Status> delete_certificate(Journal* journal, ag::ApiGatewayClient* client,
                                const RollbackStep* step, ApplyReport* report) {
  co_return co_await delete_if_unreferenced(
      journal, client, CallTarget{&step->account, &step->region}, &step->certificate_id, report);
}

}  // namespace

Task<Result<ApplyReport>> apply_rollback(const RollbackPlan* plan, Journal* journal,
                                         ApplyDeps* deps) {
  ApplyReport report;
  report.run_id = journal->run_id();
  report.notes = plan->notes;
  if (auto s = journal->reconcile_pending(); !s.ok()) co_return s.error();
  for (const auto& step : plan->steps) {
    auto client = deps->client(step.account, step.region);
    if (!client.ok()) co_return client.error();
    Status s;
    if (step.kind == RollbackStep::Kind::kRestoreStage) {
      s = co_await restore_stage(journal, *client, &step, &report);
    } else {
      s = co_await delete_certificate(journal, *client, &step, &report);
    }
    if (!s.ok()) co_return s.error();
  }
  co_return report;
}

nlohmann::json to_json(const RollbackPlan& plan) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : plan.steps) {
    if (s.kind == RollbackStep::Kind::kRestoreStage) {
      steps.push_back({{"action", "restore_stage"},
                       {"account", s.account},
                       {"region", s.region},
                       {"rest_api_id", s.rest_api_id},
                       {"stage_name", s.stage_name},
                       {"from_certificate_id", s.certificate_id},
                       {"to_certificate_id", s.restore_to}});
    } else {
      steps.push_back({{"action", "delete_certificate"},
                       {"account", s.account},
                       {"region", s.region},
                       {"certificate_id", s.certificate_id}});
    }
  }
  return nlohmann::json{{"run_id", plan.run_id}, {"steps", steps}, {"notes", plan.notes}};
}

std::string format_rollback_table(const RollbackPlan& plan) {
  std::string out = fmt::format("rollback of run {}: {} step(s)\n", plan.run_id, plan.steps.size());
  for (const auto& s : plan.steps) {
    if (s.kind == RollbackStep::Kind::kRestoreStage) {
      out +=
          fmt::format("  restore  {}/{}/{}/{}: {} -> {}\n", s.account, s.region, s.rest_api_id,
                      s.stage_name, s.certificate_id, s.restore_to.empty() ? "none" : s.restore_to);
    } else {
      out +=
          fmt::format("  delete   {}/{}: certificate {}\n", s.account, s.region, s.certificate_id);
    }
  }
  for (const auto& n : plan.notes) out += fmt::format("  note: {}\n", n);
  return out;
}

}  // namespace certguard::remediate
