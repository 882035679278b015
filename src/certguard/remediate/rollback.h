#pragma once

// Rollback of a run, from its journal and the current state in AWS: in reverse journal
// order, restore each stage the run changed to its previous certificate id (remove the
// certificate where it had none), then delete the certificates the run created that no
// stage references. A stage somebody changed since is left alone (a note says so). The
// reference check runs at planning and again just before each delete call; a certificate
// any stage references is never deleted. Applying twice is harmless: the second time
// finds nothing to do.

#include <string>
#include <vector>

#include "certguard/core/task.h"
#include "certguard/remediate/apply.h"
#include "certguard/store/store.h"

namespace certguard::remediate {

struct RollbackStep {
  enum class Kind { kRestoreStage, kDeleteCertificate };
  Kind kind = Kind::kRestoreStage;
  std::string account;
  std::string region;
  std::string rest_api_id;     // restore only
  std::string stage_name;      // restore only
  std::string certificate_id;  // restore: what the run attached; delete: what to delete
  std::string restore_to;      // restore: the previous id, empty for none
};

struct RollbackPlan {
  std::string run_id;  // the run being undone
  std::vector<RollbackStep> steps;
  std::vector<std::string> notes;
};

// Errors: the first failed read of a region the run touched.
Task<Result<RollbackPlan>> plan_rollback(std::string run_id,
                                         std::vector<store::JournalEntry> entries,
                                         const ClientFor* client);

// Errors: the first failed call, after journaling it; applying again resumes.
Task<Result<ApplyReport>> apply_rollback(const RollbackPlan* plan, Journal* journal,
                                         ApplyDeps* deps);

nlohmann::json to_json(const RollbackPlan& plan);
std::string format_rollback_table(const RollbackPlan& plan);

}  // namespace certguard::remediate
