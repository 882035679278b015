#pragma once

// The journaled AWS writes that fix, rotate and rollback share: each journals its intent
// before the call and its result after (see journal.h), and records what it did in the
// apply report. Strings are passed by pointer and must outlive the task (g++ 12 coroutine
// rules: no temporaries with destructors in co_await expressions).

#include <optional>
#include <string>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"
#include "certguard/remediate/apply.h"
#include "certguard/remediate/journal.h"
#include "certguard/services/apigateway/apigateway_client.h"

namespace certguard::remediate {

// Where a journaled call acts.
struct CallTarget {
  const std::string* account = nullptr;
  const std::string* region = nullptr;
};

// DeleteClientCertificate of `certificate_id`, but only if no stage references it: the
// region is read from AWS right before the call (the planning-time check, again). A
// certificate already gone is skipped; a referenced one is kept with a note.
// Errors: the read's or the delete's (journaled), the journal's.
Task<Status> delete_if_unreferenced(Journal* journal,
                                    services::apigateway::ApiGatewayClient* client,
                                    CallTarget where, const std::string* certificate_id,
                                    ApplyReport* report);

// CreateDeployment of one stage, at most one per deps->deployment_interval (API Gateway's
// quota: 1 per 5 s per account); `last` holds the time of the previous one.
// Errors: the call's (journaled), the journal's.
Task<Status> create_deployment_paced(Journal* journal,
                                     services::apigateway::ApiGatewayClient* client,
                                     const ApplyDeps* deps, std::optional<MonoTime>* last,
                                     CallTarget where, const std::string* rest_api_id,
                                     const std::string* stage_name, const char* description,
                                     ApplyReport* report);

// UpdateStage of one stage's clientCertificateId from `previous` to `next`: "replace", or
// "remove" when `next` is empty (only an explicit rollback to none does that).
// Errors: the call's (journaled), the journal's.
Task<Status> set_stage_certificate(Journal* journal, services::apigateway::ApiGatewayClient* client,
                                   CallTarget where, const std::string* rest_api_id,
                                   const std::string* stage_name, const std::string* previous,
                                   const std::string* next);

// "restapis/API/stages/STAGE", the journal's resource name of a stage.
std::string stage_resource(const std::string& rest_api_id, const std::string& stage_name);

}  // namespace certguard::remediate
