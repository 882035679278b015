#include "certguard/remediate/journaled_calls.h"

#include <fmt/format.h>

#include "certguard/remediate/region_state.h"

namespace certguard::remediate {

namespace ag = services::apigateway;

std::string stage_resource(const std::string& rest_api_id, const std::string& stage_name) {
  return fmt::format("restapis/{}/stages/{}", rest_api_id, stage_name);
}

Task<Status> delete_if_unreferenced(Journal* journal, ag::ApiGatewayClient* client,
                                    CallTarget where, const std::string* certificate_id,
                                    ApplyReport* report) {
  // The reference check again, against AWS right now: never delete what a stage uses.
  const std::string region_name = *where.region;
  auto region = co_await read_region(client, region_name, false);
  if (!region.ok()) co_return region.error();
  if (find_certificate(*region, *certificate_id) == nullptr) co_return Status{};
  auto users = stages_referencing(*region, *certificate_id);
  if (!users.empty()) {
    report->notes.push_back(fmt::format("{}/{}: certificate {} kept: referenced by {}",
                                        *where.account, *where.region, *certificate_id,
                                        fmt::join(users, ", ")));
    co_return Status{};
  }
  store::JournalEntry e;
  e.operation = "DeleteClientCertificate";
  e.account = *where.account;
  e.region = *where.region;
  e.resource = "clientcertificates/" + *certificate_id;
  e.previous_value = *certificate_id;
  auto seq = journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::DeleteClientCertificateRequest req;
  req.client_certificate_id = *certificate_id;
  auto deleted = co_await client->delete_client_certificate(req);
  if (!deleted.ok() && deleted.error().kind != ErrorKind::kNotFound) {
    co_return journal->failed(*seq, deleted.error());
  }
  if (auto s = journal->result(*seq, deleted.ok() ? "ok" : "skipped"); !s.ok()) co_return s;
  report->certificates_deleted.push_back(*certificate_id);
  co_return Status{};
}

Task<Status> set_stage_certificate(Journal* journal, ag::ApiGatewayClient* client, CallTarget where,
                                   const std::string* rest_api_id, const std::string* stage_name,
                                   const std::string* previous, const std::string* next) {
  store::JournalEntry e;
  e.operation = "UpdateStage";
  e.account = *where.account;
  e.region = *where.region;
  e.resource = stage_resource(*rest_api_id, *stage_name);
  e.previous_value = *previous;
  e.new_value = *next;
  auto seq = journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::UpdateStageRequest req;
  req.rest_api_id = *rest_api_id;
  req.stage_name = *stage_name;
  ag::PatchOperation op;
  op.path = "/clientCertificateId";
  if (next->empty()) {
    op.op = "remove";
  } else {
    op.op = "replace";
    op.value = *next;
  }
  req.patch_operations.push_back(op);
  auto updated = co_await client->update_stage(req);
  if (!updated.ok()) co_return journal->failed(*seq, updated.error());
  co_return journal->result(*seq, "ok", *next);
}

Task<Status> create_deployment_paced(Journal* journal, ag::ApiGatewayClient* client,
                                     const ApplyDeps* deps, std::optional<MonoTime>* last,
                                     CallTarget where, const std::string* rest_api_id,
                                     const std::string* stage_name, const char* description,
                                     ApplyReport* report) {
  if (*last) {
    auto since = deps->clock->monotonic() - **last;
    auto wait =
        std::chrono::duration_cast<std::chrono::nanoseconds>(deps->deployment_interval - since);
    if (wait.count() > 0) co_await deps->sleeper->sleep_for(wait);
  }
  const std::string resource = stage_resource(*rest_api_id, *stage_name);
  store::JournalEntry e;
  e.operation = "CreateDeployment";
  e.account = *where.account;
  e.region = *where.region;
  e.resource = resource;
  auto seq = journal->intent(e);
  if (!seq.ok()) co_return seq.error();
  ag::CreateDeploymentRequest req;
  req.rest_api_id = *rest_api_id;
  req.stage_name = *stage_name;
  req.description = description;
  auto dep = co_await client->create_deployment(req);
  *last = deps->clock->monotonic();
  if (!dep.ok()) co_return journal->failed(*seq, dep.error());
  if (auto s = journal->result(*seq, "ok", dep->id); !s.ok()) co_return s;
  report->deployments.push_back(fmt::format("{}/{}/{}", *where.region, resource, dep->id));
  co_return Status{};
}

}  // namespace certguard::remediate
