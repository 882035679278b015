#include "certguard/remediate/apply.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "certguard/remediate/journaled_calls.h"
#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"

namespace certguard::remediate {

namespace ag = services::apigateway;

namespace {

inventory::Stage* find_stage_mut(inventory::Region& region, const std::string& api_id,
                                 const std::string& stage_name) {
  return const_cast<inventory::Stage*>(  // NOLINT(cppcoreguidelines-pro-type-const-cast)
      find_stage(region, api_id, stage_name));
}

// The certificate this run made for `target`, if AWS has one.
const inventory::ClientCertificate* run_certificate(const inventory::Region& region,
                                                    const std::string& run_id,
                                                    const std::string& target) {
  for (const auto& c : region.client_certificates) {
    if (tag(c.tags, kTagRun) == run_id && tag(c.tags, kTagTarget) == target &&
        tag(c.tags, kTagReplaces).empty()) {
      return &c;
    }
  }
  return nullptr;
}

struct Group {
  std::string account;
  std::string region;
  std::vector<const FixItem*> items;
};

std::vector<Group> group_items(const FixPlan& plan) {
  std::vector<Group> groups;
  for (const auto& item : plan.items) {
    if (groups.empty() || groups.back().account != item.account ||
        groups.back().region != item.region) {
      groups.push_back(Group{item.account, item.region, {}});
    }
    groups.back().items.push_back(&item);
  }
  return groups;
}

struct Ctx {
  const FixPlan* plan;
  Journal* journal;
  ApplyDeps* deps;
  ApplyReport* report;
  std::vector<store::JournalEntry> previous;  // this run's entries before this attempt
  std::optional<MonoTime> last_deployment;
};

// Finds or makes the certificate for `item` and returns its id (the region cache updated).
Task<Result<std::string>> ensure_certificate(Ctx* ctx, ag::ApiGatewayClient* client,
                                             inventory::Region* region, const FixItem* item) {
  const std::string& run_id = ctx->journal->run_id();
  if (const auto* mine = run_certificate(*region, run_id, item->target)) co_return mine->id;
  if (!item->reuse_certificate_id.empty() &&
      find_certificate(*region, item->reuse_certificate_id) != nullptr) {
    ctx->report->certificates_reused.push_back(item->reuse_certificate_id);
    co_return item->reuse_certificate_id;
  }
  store::JournalEntry e;
  e.operation = "GenerateClientCertificate";
  e.account = item->account;
  e.region = item->region;
  e.resource = item->target;
  auto seq = ctx->journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::GenerateClientCertificateRequest req;
  req.description = item->target.find('/') == std::string::npos
                        ? fmt::format(
                              "certguard: backend client certificate for REST API {} "
                              "(all stages)",
                              item->rest_api_id)
                        : fmt::format(
                              "certguard: backend client certificate for REST API {} "
                              "stage {}",
                              item->rest_api_id, item->stage_name);
  req.tags = {{std::string(kTagManaged), "true"},
              {std::string(kTagRun), run_id},
              {std::string(kTagTarget), item->target}};
  auto cert = co_await client->generate_client_certificate(req);
  if (!cert.ok()) co_return ctx->journal->failed(*seq, cert.error()).error();
  if (auto s = ctx->journal->result(*seq, "ok", cert->client_certificate_id); !s.ok()) {
    co_return s.error();
  }
  inventory::ClientCertificate made = inventory::ClientCertificate{};
  made.id = cert->client_certificate_id;
  made.pem = cert->pem_encoded_certificate;
  made.tags = cert->tags;
  if (made.tags.empty()) made.tags = req.tags;
  region->client_certificates.push_back(made);
  ctx->report->certificates_generated.push_back(made.id);
  co_return made.id;
}

Task<Status> write_pem(Ctx* ctx, ag::ApiGatewayClient* client, const inventory::Region* region,
                       const FixItem* item, const std::string* certificate_id) {
  if (item->pem_path.empty()) co_return Status{};
  std::string pem;
  if (const auto* c = find_certificate(*region, *certificate_id)) pem = c->pem;
  if (pem.empty()) {
    ag::GetClientCertificateRequest req;
    req.client_certificate_id = *certificate_id;
    auto got = co_await client->get_client_certificate(req);
    if (!got.ok()) co_return got.error();
    pem = got->pem_encoded_certificate;
  }
  if (file_has_content(item->pem_path, pem)) co_return Status{};
  if (auto s = write_file_atomic(item->pem_path, pem); !s.ok()) co_return s;
  ctx->report->pem_files.push_back(item->pem_path);
  co_return Status{};
}

bool journaled(const Ctx* ctx, const std::string& operation, const std::string& resource,
               bool need_ok) {
  for (const auto& e : ctx->previous) {
    if (e.operation == operation && e.resource == resource && (!need_ok || e.result == "ok")) {
      return true;
    }
  }
  return false;
}

Task<Status> redeploy_fixed_stage(Ctx* ctx, ag::ApiGatewayClient* client, const FixItem* item) {
  const std::string resource = stage_resource(item->rest_api_id, item->stage_name);
  if (journaled(ctx, "CreateDeployment", resource, true)) co_return Status{};
  co_return co_await create_deployment_paced(
      ctx->journal, client, ctx->deps, &ctx->last_deployment,
      CallTarget{&item->account, &item->region}, &item->rest_api_id, &item->stage_name,
      "certguard: redeploy after attaching the backend client certificate", ctx->report);
}

Task<Status> apply_item(Ctx* ctx, ag::ApiGatewayClient* client, inventory::Region* region,
                        const FixItem* item) {
  inventory::Stage* stage = find_stage_mut(*region, item->rest_api_id, item->stage_name);
  if (stage == nullptr) {
    ctx->report->notes.push_back(fmt::format("{}/{}/{}: stage no longer exists; skipped",
                                             item->account, item->region,
                                             stage_resource(item->rest_api_id, item->stage_name)));
    co_return Status{};
  }
  auto cert = co_await ensure_certificate(ctx, client, region, item);
  if (!cert.ok()) co_return cert.error();
  // Invariant: fix only ever replaces a stage's certificate with another, never with none.
  if (cert->empty()) {
    co_return make_error(ErrorKind::kInternal,
                         fmt::format("fix of {}/{}/{}: no certificate id to attach; stopped "
                                     "before touching the stage",
                                     item->account, item->region,
                                     stage_resource(item->rest_api_id, item->stage_name)));
  }
  if (auto s = co_await write_pem(ctx, client, region, item, &*cert); !s.ok()) co_return s;

  // Re-find: ensure_certificate may have grown the region's vectors.
  stage = find_stage_mut(*region, item->rest_api_id, item->stage_name);
  const std::string resource = stage_resource(item->rest_api_id, item->stage_name);
  bool changed = false;
  if (stage->client_certificate_id != *cert) {
    if (auto s = co_await set_stage_certificate(
            ctx->journal, client, CallTarget{&item->account, &item->region}, &item->rest_api_id,
            &item->stage_name, &stage->client_certificate_id, &*cert);
        !s.ok()) {
      co_return s;
    }
    ctx->report->stages_changed.push_back(fmt::format(
        "{}/{}/{}/{}: {} -> {}", item->account, item->region, item->rest_api_id, item->stage_name,
        stage->client_certificate_id.empty() ? "none" : stage->client_certificate_id, *cert));
    stage->client_certificate_id = *cert;
    changed = true;
  }
  if (ctx->plan->options.redeploy && (changed || journaled(ctx, "UpdateStage", resource, false))) {
    if (auto s = co_await redeploy_fixed_stage(ctx, client, item); !s.ok()) co_return s;
  }
  co_return Status{};
}

// Deletes certificates this run generated that no stage references: a GenerateClientCertificate
// retried after a lost response can make two for one target. References are read from AWS
// right before each delete.
Task<Status> sweep_duplicates(Ctx* ctx, ag::ApiGatewayClient* client, const Group* group) {
  auto region = co_await read_region(client, group->region, false);
  if (!region.ok()) co_return region.error();
  const std::string& run_id = ctx->journal->run_id();
  for (const auto& c : region->client_certificates) {
    if (tag(c.tags, kTagRun) != run_id || !tag(c.tags, kTagReplaces).empty()) continue;
    if (!stages_referencing(*region, c.id).empty()) continue;
    // Only a duplicate: the certificate of an item whose stage is gone stays for rollback.
    bool target_has_other = false;
    for (const auto& other : region->client_certificates) {
      if (other.id != c.id && tag(other.tags, kTagRun) == run_id &&
          tag(other.tags, kTagTarget) == tag(c.tags, kTagTarget) &&
          !stages_referencing(*region, other.id).empty()) {
        target_has_other = true;
      }
    }
    if (!target_has_other) continue;
    const std::string id = c.id;
    if (auto s = co_await delete_if_unreferenced(
            ctx->journal, client, CallTarget{&group->account, &group->region}, &id, ctx->report);
        !s.ok()) {
      co_return s;
    }
  }
  co_return Status{};
}

}  // namespace

bool file_has_content(const std::string& path, const std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str() == content;
}

Task<Result<ApplyReport>> apply_fix(const FixPlan* plan, Journal* journal, ApplyDeps* deps) {
  ApplyReport report;
  report.run_id = journal->run_id();
  Ctx ctx{plan, journal, deps, &report, {}, std::nullopt};
  if (auto s = journal->reconcile_pending(); !s.ok()) co_return s.error();
  auto previous = journal->entries();
  if (!previous.ok()) co_return previous.error();
  ctx.previous = std::move(*previous);
  for (const Group& group : group_items(*plan)) {
    auto client = deps->client(group.account, group.region);
    if (!client.ok()) co_return client.error();
    auto region = co_await read_region(*client, group.region, false);
    if (!region.ok()) co_return region.error();
    for (const FixItem* item : group.items) {
      if (auto s = co_await apply_item(&ctx, *client, &*region, item); !s.ok()) {
        co_return s.error();
      }
    }
    if (auto s = co_await sweep_duplicates(&ctx, *client, &group); !s.ok()) co_return s.error();
  }
  co_return report;
}

Status write_file_atomic(const std::string& path, const std::string& content) {
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  if (ec) {
    return make_error(ErrorKind::kConfig,
                      fmt::format("cannot create the folder for {}: {}", path, ec.message()));
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      return make_error(ErrorKind::kConfig, fmt::format("cannot write {}", tmp));
    }
  }
  std::filesystem::rename(tmp, p, ec);
  if (ec) {
    return make_error(ErrorKind::kConfig,
                      fmt::format("cannot rename {} to {}: {}", tmp, path, ec.message()));
  }
  return {};
}

std::string report_footer(const ApplyReport& r) {
  const bool changed =
      !r.stages_changed.empty() || !r.certificates_generated.empty() || !r.deployments.empty();
  if (!r.undoable) {
    return fmt::format(
        "run {}: deletes are final (certguard rollback cannot restore a deleted certificate); "
        "nothing in this run can be rolled back\n",
        r.run_id);
  }
  if (!r.certificates_deleted.empty()) {
    return changed
               ? fmt::format(
                     "run {}: deletes are final; undo its stage changes and generated "
                     "certificates with: certguard rollback {} --apply\n",
                     r.run_id, r.run_id)
               : fmt::format("run {}: deletes are final; nothing else to roll back\n", r.run_id);
  }
  return fmt::format("run {} (undo with: certguard rollback {} --apply)\n", r.run_id, r.run_id);
}

nlohmann::json to_json(const ApplyReport& r) {
  return nlohmann::json{{"run_id", r.run_id},
                        {"stages_changed", r.stages_changed},
                        {"certificates_generated", r.certificates_generated},
                        {"certificates_reused", r.certificates_reused},
                        {"certificates_deleted", r.certificates_deleted},
                        {"deployments", r.deployments},
                        {"pem_files", r.pem_files},
                        {"notes", r.notes},
                        {"undoable", r.undoable}};
}

std::string format_report_table(const ApplyReport& r) {
  std::string out;
  auto section = [&out](std::string_view title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += fmt::format("{} ({}):\n", title, lines.size());
    for (const auto& l : lines) out += fmt::format("  {}\n", l);
  };
  section("stages changed", r.stages_changed);
  section("certificates generated", r.certificates_generated);
  section("certificates reused", r.certificates_reused);
  section("certificates deleted", r.certificates_deleted);
  section("deployments", r.deployments);
  section("PEM files written", r.pem_files);
  section("notes", r.notes);
  out += report_footer(r);
  return out;
}

}  // namespace certguard::remediate
