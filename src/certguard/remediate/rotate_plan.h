#pragma once

// Rotation of client certificates before they expire, in three phases around the backend's
// trust update (see DESIGN.md):
//   prepare  generate the replacement of each in-use certificate that expires soon (tagged
//            certguard:replaces=<old id>) and write, per REST API that uses it, a trust
//            bundle PEM holding the old and the new certificate for the backend;
//   cutover  attach each replacement to every stage that uses the old certificate;
//   finish   delete each old certificate once no stage references it and the grace period
//            since its cutover (taken from the journal) has passed.
// A rotation is found in AWS, never remembered: a managed certificate whose replaces tag
// names the old id. So every phase is idempotent and resumes after a crash by reading the
// current state. Planning is pure: it changes nothing.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "certguard/core/result.h"
#include "certguard/inventory/estate/estate.h"
#include "certguard/store/store.h"

namespace certguard::remediate {

enum class RotatePhase { kPrepare, kCutover, kFinish };

std::string_view phase_name(RotatePhase phase);  // "prepare", "cutover", "finish"
std::string run_kind(RotatePhase phase);         // "rotate-prepare", ...

struct RotateOptions {
  int expiry_days = 30;        // prepare: rotate what expires within this many days
  std::string certificate_id;  // prepare: --cert ID, only this one (whatever its expiry)
  std::string pem_dir;         // prepare: trust bundles go here; empty: not written
  bool redeploy = false;       // cutover: CreateDeployment for each changed stage
  std::int64_t grace_seconds = std::int64_t{24} * 3600;  // finish: wait this long after cutover
};

// A trust bundle for the backend of one REST API: old PEM then new PEM.
struct TrustBundle {
  std::string rest_api_id;
  std::string path;
};

struct PrepareItem {
  std::string account;
  std::string region;
  std::string old_certificate_id;
  inventory::EpochSeconds old_expiration = 0;
  std::vector<std::string> stages;   // "API/STAGE" that use the old certificate
  std::string replacement_id;        // an existing replacement (found by tag); else empty
  std::vector<TrustBundle> bundles;  // empty without --pem-dir
};

struct CutoverItem {
  std::string account;
  std::string region;
  std::string rest_api_id;
  std::string stage_name;
  std::string old_certificate_id;
  std::string new_certificate_id;
  // The stage is on the new certificate already but no deployment followed its journaled
  // cutover (a --redeploy run died in between, or cutover ran without --redeploy).
  bool redeploy_only = false;
};

struct FinishItem {
  std::string account;
  std::string region;
  std::string old_certificate_id;
  std::string new_certificate_id;
  std::int64_t cutover_at = 0;  // epoch seconds, from the journal
};

struct RotatePlan {
  RotatePhase phase = RotatePhase::kPrepare;
  RotateOptions options;
  std::vector<PrepareItem> prepare;
  std::vector<CutoverItem> cutover;
  std::vector<FinishItem> finish;
  std::vector<std::string> notes;  // what was left out and why

  [[nodiscard]] bool empty() const { return prepare.empty() && cutover.empty() && finish.empty(); }
};

// When each rotation was cut over: (account, region, old id, new id) -> the latest time an
// UpdateStage from old to new was journaled as done (ok, or reconciled after a crash).
using CutoverTimes =
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::int64_t>;
CutoverTimes cutover_times(const std::vector<store::JournalEntry>& entries);

// Where one rotation stands (rotate status).
struct RotationStatus {
  std::string account;
  std::string region;
  std::string old_certificate_id;
  std::string new_certificate_id;
  std::vector<std::string> stages_on_old;  // "API/STAGE"
  std::vector<std::string> stages_on_new;
  // "prepared" (nothing attached yet), "cutting over" (some stages moved), "cut over"
  // (no stage uses the old one; waiting for finish), "finished" (old one deleted).
  std::string phase;
  std::int64_t cutover_at = 0;         // 0: no cutover journaled
  std::int64_t finish_allowed_at = 0;  // 0: not yet known
};

// The managed replacement of `old_id` in `region` (certguard:replaces), or nullptr.
const inventory::ClientCertificate* replacement_of(const inventory::Region& region,
                                                   const std::string& old_id);

// Errors: kNotFound when --cert names a certificate that is not in any region read;
// kLimitExceeded when a region would exceed 60 client certificates.
Result<RotatePlan> plan_prepare(const inventory::Estate& estate, const RotateOptions& options,
                                std::int64_t now);
// `cutover_entries` (rotate_cutover_entries) find stages that still need their redeploy.
RotatePlan plan_cutover(const inventory::Estate& estate, const RotateOptions& options,
                        const std::vector<store::JournalEntry>& cutover_entries);
// `now` is the injected clock's time; cutover times come from the journal.
RotatePlan plan_finish(const inventory::Estate& estate, const RotateOptions& options,
                       const CutoverTimes& cutovers, std::int64_t now);
std::vector<RotationStatus> rotation_status(const inventory::Estate& estate,
                                            const CutoverTimes& cutovers,
                                            std::int64_t grace_seconds);

// "DIR/ACCOUNT/REGION/API/trust-bundle-OLDID.pem".
std::string bundle_path_for(const std::string& dir, const std::string& account,
                            const std::string& region, const std::string& rest_api_id,
                            const std::string& old_id);

nlohmann::json to_json(const RotatePlan& plan);
std::string format_rotate_plan(const RotatePlan& plan);
nlohmann::json to_json(const std::vector<RotationStatus>& status);
std::string format_rotation_status(const std::vector<RotationStatus>& status);

}  // namespace certguard::remediate
