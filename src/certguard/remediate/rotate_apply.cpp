#include "certguard/remediate/rotate_apply.h"

#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"

namespace certguard::remediate {

namespace ag = services::apigateway;

namespace {

std::string stage_resource(const std::string& api, const std::string& stage) {
  return fmt::format("restapis/{}/stages/{}", api, stage);
}

struct RotateCtx {
  const RotatePlan* plan;
  Journal* journal;
  ApplyDeps* deps;
  ApplyReport* report;
  std::optional<MonoTime> last_deployment;
  // The region read last: the items of one account-region are consecutive in a plan.
  std::string account;
  std::string region_name;
  std::optional<inventory::Region> region;
};

// The region of (account, region) as AWS has it now, read once per consecutive group.
// `account` and `region_name` are the plan's strings (they outlive the call): no string
// temporaries in co_await expressions (g++ 12).
Task<Result<inventory::Region*>> region_for(RotateCtx* ctx, ag::ApiGatewayClient* client,
                                            const std::string* account,
                                            const std::string* region_name) {
  if (!ctx->region || ctx->account != *account || ctx->region_name != *region_name) {
    const std::string name = *region_name;
    auto r = co_await read_region(client, name, false);
    if (!r.ok()) co_return r.error();
    ctx->region = std::move(*r);
    ctx->account = *account;
    ctx->region_name = *region_name;
  }
  co_return &*ctx->region;
}

Task<Result<std::string>> pem_of(ag::ApiGatewayClient* client, const inventory::Region* region,
                                 const std::string* id) {
  if (const auto* c = find_certificate(*region, *id); c != nullptr && !c->pem.empty()) {
    co_return c->pem;
  }
  ag::GetClientCertificateRequest req;
  req.client_certificate_id = *id;
  auto got = co_await client->get_client_certificate(req);
  if (!got.ok()) co_return got.error();
  co_return got->pem_encoded_certificate;
}

Task<Result<std::string>> generate_replacement(RotateCtx* ctx, ag::ApiGatewayClient* client,
                                               inventory::Region* region, const PrepareItem* item) {
  store::JournalEntry e;
  e.operation = "GenerateClientCertificate";
  e.account = item->account;
  e.region = item->region;
  e.resource = "clientcertificates/" + item->old_certificate_id;
  e.previous_value = item->old_certificate_id;
  auto seq = ctx->journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::GenerateClientCertificateRequest req;
  req.description =
      fmt::format("certguard: backend client certificate replacing {} (rotation before expiry)",
                  item->old_certificate_id);
  req.tags = {{std::string(kTagManaged), "true"},
              {std::string(kTagRun), ctx->journal->run_id()},
              {std::string(kTagReplaces), item->old_certificate_id}};
  auto cert = co_await client->generate_client_certificate(req);
  if (!cert.ok()) co_return ctx->journal->failed(*seq, cert.error()).error();
  if (auto s = ctx->journal->result(*seq, "ok", cert->client_certificate_id); !s.ok()) {
    co_return s.error();
  }
  inventory::ClientCertificate made;
  made.id = cert->client_certificate_id;
  made.pem = cert->pem_encoded_certificate;
  made.tags = cert->tags.empty() ? req.tags : cert->tags;
  region->client_certificates.push_back(made);
  ctx->report->certificates_generated.push_back(made.id);
  co_return made.id;
}

Task<Status> prepare_item(RotateCtx* ctx, ag::ApiGatewayClient* client, inventory::Region* region,
                          const PrepareItem* item) {
  if (find_certificate(*region, item->old_certificate_id) == nullptr) {
    ctx->report->notes.push_back(fmt::format("{}/{}: {} no longer exists; skipped", item->account,
                                             item->region, item->old_certificate_id));
    co_return Status{};
  }
  std::string new_id;
  if (const auto* existing = replacement_of(*region, item->old_certificate_id)) {
    new_id = existing->id;  // made by an earlier prepare (perhaps one that died)
    ctx->report->certificates_reused.push_back(new_id);
  } else {
    auto made = co_await generate_replacement(ctx, client, region, item);
    if (!made.ok()) co_return made.error();
    new_id = *made;
  }
  if (item->bundles.empty()) co_return Status{};
  auto old_pem = co_await pem_of(client, region, &item->old_certificate_id);
  if (!old_pem.ok()) co_return old_pem.error();
  auto new_pem = co_await pem_of(client, region, &new_id);
  if (!new_pem.ok()) co_return new_pem.error();
  const std::string bundle = trust_bundle(*old_pem, *new_pem);
  for (const auto& b : item->bundles) {
    if (file_has_content(b.path, bundle)) continue;
    if (auto s = write_file_atomic(b.path, bundle); !s.ok()) co_return s;
    ctx->report->pem_files.push_back(b.path);
  }
  co_return Status{};
}

Task<Status> redeploy(RotateCtx* ctx, ag::ApiGatewayClient* client, const CutoverItem* item) {
  if (ctx->last_deployment) {
    auto since = ctx->deps->clock->monotonic() - *ctx->last_deployment;
    auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(
        ctx->deps->deployment_interval - since);
    if (wait.count() > 0) co_await ctx->deps->sleeper->sleep_for(wait);
  }
  store::JournalEntry e;
  e.operation = "CreateDeployment";
  e.account = item->account;
  e.region = item->region;
  e.resource = stage_resource(item->rest_api_id, item->stage_name);
  auto seq = ctx->journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::CreateDeploymentRequest req;
  req.rest_api_id = item->rest_api_id;
  req.stage_name = item->stage_name;
  req.description = "certguard: redeploy after rotating the backend client certificate";
  auto dep = co_await client->create_deployment(req);
  ctx->last_deployment = ctx->deps->clock->monotonic();
  if (!dep.ok()) co_return ctx->journal->failed(*seq, dep.error());
  if (auto s = ctx->journal->result(*seq, "ok", dep->id); !s.ok()) co_return s;
  ctx->report->deployments.push_back(fmt::format(
      "{}/{}/{}", item->region, stage_resource(item->rest_api_id, item->stage_name), dep->id));
  co_return Status{};
}

Task<Status> cutover_item(RotateCtx* ctx, ag::ApiGatewayClient* client, inventory::Region* region,
                          const CutoverItem* item) {
  const std::string where = fmt::format("{}/{}/{}", item->account, item->region,
                                        stage_resource(item->rest_api_id, item->stage_name));
  const inventory::Stage* stage = find_stage(*region, item->rest_api_id, item->stage_name);
  if (stage == nullptr) {
    ctx->report->notes.push_back(where + ": stage no longer exists; skipped");
    co_return Status{};
  }
  if (stage->client_certificate_id == item->new_certificate_id) {
    // Attached already; a redeploy-only item finishes what a run that died left undone.
    if (item->redeploy_only && ctx->plan->options.redeploy) {
      if (auto s = co_await redeploy(ctx, client, item); !s.ok()) co_return s;
    }
    co_return Status{};
  }
  if (item->redeploy_only) co_return Status{};  // moved away from the new one since
  if (stage->client_certificate_id != item->old_certificate_id) {
    ctx->report->notes.push_back(fmt::format(
        "{}: now uses {}, not {}; left alone", where,
        stage->client_certificate_id.empty() ? "no certificate" : stage->client_certificate_id,
        item->old_certificate_id));
    co_return Status{};
  }
  if (find_certificate(*region, item->new_certificate_id) == nullptr) {
    // Never move a stage to a certificate that is gone: it keeps the old one.
    ctx->report->notes.push_back(fmt::format("{}: replacement {} no longer exists; kept {}", where,
                                             item->new_certificate_id, item->old_certificate_id));
    co_return Status{};
  }
  store::JournalEntry e;
  e.operation = "UpdateStage";
  e.account = item->account;
  e.region = item->region;
  e.resource = stage_resource(item->rest_api_id, item->stage_name);
  e.previous_value = item->old_certificate_id;
  e.new_value = item->new_certificate_id;
  auto seq = ctx->journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::UpdateStageRequest req;
  req.rest_api_id = item->rest_api_id;
  req.stage_name = item->stage_name;
  ag::PatchOperation op;
  op.op = "replace";  // never "remove": the stage is never left without a certificate
  op.path = "/clientCertificateId";
  op.value = item->new_certificate_id;
  req.patch_operations.push_back(op);
  auto updated = co_await client->update_stage(req);
  if (!updated.ok()) co_return ctx->journal->failed(*seq, updated.error());
  if (auto s = ctx->journal->result(*seq, "ok", item->new_certificate_id); !s.ok()) co_return s;
  ctx->report->stages_changed.push_back(
      fmt::format("{}: {} -> {}", where, item->old_certificate_id, item->new_certificate_id));
  for (auto& api : region->rest_apis) {
    if (api.id != item->rest_api_id) continue;
    for (auto& s : api.stages) {
      if (s.stage_name == item->stage_name) s.client_certificate_id = item->new_certificate_id;
    }
  }
  if (ctx->plan->options.redeploy) {
    if (auto s = co_await redeploy(ctx, client, item); !s.ok()) co_return s;
  }
  co_return Status{};
}

Task<Status> finish_item(RotateCtx* ctx, ag::ApiGatewayClient* client, const FinishItem* item) {
  // The reference check again, against AWS right now: never delete what a stage uses.
  const std::string region_name = item->region;
  auto region = co_await read_region(client, region_name, false);
  if (!region.ok()) co_return region.error();
  const std::string where = fmt::format("{}/{}", item->account, item->region);
  if (find_certificate(*region, item->old_certificate_id) == nullptr) co_return Status{};
  auto users = stages_referencing(*region, item->old_certificate_id);
  if (!users.empty()) {
    ctx->report->notes.push_back(fmt::format("{}: {} kept: referenced by {}", where,
                                             item->old_certificate_id, fmt::join(users, ", ")));
    co_return Status{};
  }
  store::JournalEntry e;
  e.operation = "DeleteClientCertificate";
  e.account = item->account;
  e.region = item->region;
  e.resource = "clientcertificates/" + item->old_certificate_id;
  e.previous_value = item->old_certificate_id;
  auto seq = ctx->journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::DeleteClientCertificateRequest req;
  req.client_certificate_id = item->old_certificate_id;
  auto deleted = co_await client->delete_client_certificate(req);
  if (!deleted.ok() && deleted.error().kind != ErrorKind::kNotFound) {
    co_return ctx->journal->failed(*seq, deleted.error());
  }
  if (auto s = ctx->journal->result(*seq, deleted.ok() ? "ok" : "skipped"); !s.ok()) co_return s;
  ctx->report->certificates_deleted.push_back(item->old_certificate_id);
  co_return Status{};
}

}  // namespace

std::string trust_bundle(const std::string& old_pem, const std::string& new_pem) {
  std::string out = old_pem;
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += new_pem;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

Task<Result<ApplyReport>> apply_rotate(const RotatePlan* plan, Journal* journal, ApplyDeps* deps) {
  ApplyReport report;
  report.run_id = journal->run_id();
  RotateCtx ctx{plan, journal, deps, &report, std::nullopt, {}, {}, std::nullopt};
  if (auto s = journal->reconcile_pending(); !s.ok()) co_return s.error();
  for (const auto& item : plan->prepare) {
    auto client = deps->client(item.account, item.region);
    if (!client.ok()) co_return client.error();
    auto region = co_await region_for(&ctx, *client, &item.account, &item.region);
    if (!region.ok()) co_return region.error();
    if (auto s = co_await prepare_item(&ctx, *client, *region, &item); !s.ok()) {
      co_return s.error();
    }
  }
  for (const auto& item : plan->cutover) {
    auto client = deps->client(item.account, item.region);
    if (!client.ok()) co_return client.error();
    auto region = co_await region_for(&ctx, *client, &item.account, &item.region);
    if (!region.ok()) co_return region.error();
    if (auto s = co_await cutover_item(&ctx, *client, *region, &item); !s.ok()) {
      co_return s.error();
    }
  }
  for (const auto& item : plan->finish) {
    auto client = deps->client(item.account, item.region);
    if (!client.ok()) co_return client.error();
    if (auto s = co_await finish_item(&ctx, *client, &item); !s.ok()) co_return s.error();
  }
  if (!plan->finish.empty()) {
    report.notes.emplace_back(
        "deleted certificates cannot be restored: certguard rollback cannot undo a finish run");
  }
  co_return report;
}

Status reconcile_rotate_runs(store::Store* store, const Clock* clock) {
  auto runs = store->list_runs();
  if (!runs.ok()) return runs.error();
  for (const auto& run : *runs) {
    if (run.kind.rfind("rotate-", 0) != 0 || run.status != "applying") continue;
    Journal earlier(store, run.id, clock);
    if (auto s = earlier.reconcile_pending(); !s.ok()) return s;
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(clock->now().time_since_epoch()).count();
    if (auto s = store->set_run_status(run.id, "interrupted", now); !s.ok()) return s;
  }
  return {};
}

Result<std::vector<store::JournalEntry>> rotate_cutover_entries(store::Store* store) {
  auto runs = store->list_runs();
  if (!runs.ok()) return runs.error();
  std::vector<store::JournalEntry> out;
  const std::string kind = run_kind(RotatePhase::kCutover);
  for (const auto& run : *runs) {
    if (run.kind != kind) continue;
    auto entries = store->entries(run.id);
    if (!entries.ok()) return entries.error();
    out.insert(out.end(), entries->begin(), entries->end());
  }
  return out;
}

}  // namespace certguard::remediate
