#include "certguard/remediate/rotate_apply.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "certguard/remediate/journaled_calls.h"
#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"

namespace certguard::remediate {

namespace ag = services::apigateway;

namespace {

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

Task<Status> redeploy_rotated_stage(RotateCtx* ctx, ag::ApiGatewayClient* client,
                                    const CutoverItem* item) {
  co_return co_await create_deployment_paced(
      ctx->journal, client, ctx->deps, &ctx->last_deployment,
      CallTarget{&item->account, &item->region}, &item->rest_api_id, &item->stage_name,
      "certguard: redeploy after rotating the backend client certificate", ctx->report);
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
      if (auto s = co_await redeploy_rotated_stage(ctx, client, item); !s.ok()) co_return s;
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
  // Never "remove": new_certificate_id is not empty, so the stage always keeps one.
  if (auto s = co_await set_stage_certificate(
          ctx->journal, client, CallTarget{&item->account, &item->region}, &item->rest_api_id,
          &item->stage_name, &item->old_certificate_id, &item->new_certificate_id);
      !s.ok()) {
    co_return s;
  }
  ctx->report->stages_changed.push_back(
      fmt::format("{}: {} -> {}", where, item->old_certificate_id, item->new_certificate_id));
  for (auto& api : region->rest_apis) {
    if (api.id != item->rest_api_id) continue;
    for (auto& s : api.stages) {
      if (s.stage_name == item->stage_name) s.client_certificate_id = item->new_certificate_id;
    }
  }
  if (ctx->plan->options.redeploy) {
    if (auto s = co_await redeploy_rotated_stage(ctx, client, item); !s.ok()) co_return s;
  }
  co_return Status{};
}

Task<Status> finish_item(RotateCtx* ctx, ag::ApiGatewayClient* client, const FinishItem* item) {
  co_return co_await delete_if_unreferenced(ctx->journal, client,
                                            CallTarget{&item->account, &item->region},
                                            &item->old_certificate_id, ctx->report);
}

}  // namespace

std::string trust_bundle(const std::string& old_pem, const std::string& new_pem) {
  std::string out = old_pem;
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += new_pem;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

namespace {

const inventory::Region* region_of(const inventory::Estate& estate, const std::string& account,
                                   const std::string& region) {
  for (const auto& a : estate.accounts) {
    if (a.id != account) continue;
    for (const auto& r : a.regions) {
      if (r.name == region) return &r;
    }
  }
  return nullptr;
}

bool prepared(const PrepareItem& item, const inventory::Estate& estate) {
  if (item.replacement_id.empty()) return false;
  if (item.bundles.empty()) return true;
  const inventory::Region* region = region_of(estate, item.account, item.region);
  if (region == nullptr) return false;
  const auto* old_cert = find_certificate(*region, item.old_certificate_id);
  const auto* new_cert = find_certificate(*region, item.replacement_id);
  if (old_cert == nullptr || new_cert == nullptr || old_cert->pem.empty() ||
      new_cert->pem.empty()) {
    return false;  // cannot tell without the PEMs: let apply fetch them and check
  }
  const std::string bundle = trust_bundle(old_cert->pem, new_cert->pem);
  return std::all_of(item.bundles.begin(), item.bundles.end(),
                     [&bundle](const TrustBundle& b) { return file_has_content(b.path, bundle); });
}

}  // namespace

void drop_prepared(RotatePlan* plan, const inventory::Estate& estate) {
  std::vector<PrepareItem> left;
  for (auto& item : plan->prepare) {
    if (prepared(item, estate)) {
      plan->notes.push_back(fmt::format("{}/{}: {} is prepared already (replacement {}{})",
                                        item.account, item.region, item.old_certificate_id,
                                        item.replacement_id,
                                        item.bundles.empty() ? "" : ", trust bundles written"));
    } else {
      left.push_back(std::move(item));
    }
  }
  plan->prepare = std::move(left);
}

Task<Result<ApplyReport>> apply_rotate(const RotatePlan* plan, Journal* journal, ApplyDeps* deps) {
  ApplyReport report;
  report.run_id = journal->run_id();
  report.undoable = plan->phase != RotatePhase::kFinish;  // a finish run only deletes
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
