#pragma once

// Applies one rotation phase (see rotate_plan.h) with the write-ahead journal: each
// GenerateClientCertificate, UpdateStage, CreateDeployment and DeleteClientCertificate is
// journaled before the call and its result after. Each phase re-reads the region from AWS
// before acting, so running it again after a crash finishes the work without repeating
// it: a replacement is found by its certguard:replaces tag, a stage already on the new
// certificate is left alone, a certificate already deleted is skipped. Never detaches a
// certificate (cutover only replaces), and never deletes one a stage references (checked
// again against AWS right before the DeleteClientCertificate call).

#include <string>
#include <vector>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"
#include "certguard/remediate/apply.h"
#include "certguard/remediate/journal.h"
#include "certguard/remediate/rotate_plan.h"
#include "certguard/store/store.h"

namespace certguard::remediate {

// Errors: the first AWS, file or journal failure, after journaling it; running the same
// phase again resumes.
Task<Result<ApplyReport>> apply_rotate(const RotatePlan* plan, Journal* journal, ApplyDeps* deps);

// Closes the pending intents of earlier rotate runs that died (status "applying"), as
// "reconciled", and marks those runs "interrupted": the next phase reads AWS before
// acting. Call with the journal's writer lock held. Errors: the store's.
Status reconcile_rotate_runs(store::Store* store, const Clock* clock);

// The journal entries of every rotate cutover run, for cutover_times(). Errors: the store's.
Result<std::vector<store::JournalEntry>> rotate_cutover_entries(store::Store* store);

// Removes from a prepare plan the items that are done already: the replacement exists and
// every trust bundle file holds the old and the new PEM (from `estate`, which the plan was
// made from). Each removed item becomes a note. A second `rotate prepare --apply` then has
// nothing to do and records no run.
void drop_prepared(RotatePlan* plan, const inventory::Estate& estate);

// Old PEM, then new PEM, each ending in a newline.
std::string trust_bundle(const std::string& old_pem, const std::string& new_pem);

}  // namespace certguard::remediate
