#pragma once

// Applies a fix plan with the write-ahead journal. Before acting in a region it reads the
// region's current state from AWS, so the same plan can be applied again after a crash
// (`fix --resume RUN`): a certificate the run already generated is found by its tags
// (certguard:run + certguard:target) and not generated twice; a stage already pointing at
// it is not updated again; a deployment already journaled as done is not repeated.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"
#include "certguard/remediate/journal.h"
#include "certguard/remediate/plan.h"
#include "certguard/services/apigateway/apigateway_client.h"

namespace certguard::remediate {

// The API Gateway client for an account-region; owned by the caller.
using ClientFor = std::function<Result<services::apigateway::ApiGatewayClient*>(
    const std::string& account, const std::string& region)>;

struct ApplyDeps {
  ClientFor client;
  const Clock* clock = nullptr;
  aws::Sleeper* sleeper = nullptr;
  // CreateDeployment is limited to 1 request per 5 s per account.
  std::chrono::milliseconds deployment_interval{5000};
};

struct ApplyReport {
  std::string run_id;
  std::vector<std::string> stages_changed;  // "ACCOUNT/REGION/API/STAGE: OLD -> NEW"
  std::vector<std::string> certificates_generated;
  std::vector<std::string> certificates_reused;
  std::vector<std::string> certificates_deleted;
  std::vector<std::string> deployments;
  std::vector<std::string> pem_files;
  std::vector<std::string> notes;  // skipped items and why
  // False for a run whose changes certguard rollback cannot undo at all (rotate finish: it
  // only deletes). Deletes are final in any run; the rest of an undoable run rolls back.
  bool undoable = true;
};

// Errors: the first AWS or journal failure, after journaling it; the run is then resumable.
// True when `path` holds exactly `content` (a PEM or trust bundle already written).
bool file_has_content(const std::string& path, const std::string& content);

Task<Result<ApplyReport>> apply_fix(const FixPlan* plan, Journal* journal, ApplyDeps* deps);

// Writes `content` to `path` via a temporary file and rename (parents created).
Status write_file_atomic(const std::string& path, const std::string& content);

nlohmann::json to_json(const ApplyReport& report);
std::string format_report_table(const ApplyReport& report);
// The table's last line: the run id and what certguard rollback can still undo of it.
std::string report_footer(const ApplyReport& report);

}  // namespace certguard::remediate
