#pragma once

// What every report writer reads: scan metadata, per account-region collection status,
// and the findings. Writers (one file per format) are pure functions of this.

#include <map>
#include <string>
#include <vector>

#include "certguard/inventory/estate/estate.h"
#include "certguard/rules/finding.h"
#include "certguard/rules/rule.h"

namespace certguard::report {

using inventory::EpochSeconds;

struct RegionReport {
  std::string account;
  std::string region;
  inventory::ScanState state = inventory::ScanState::kOk;
  std::string error_kind;
  std::string error_message;
  std::map<std::string, int> calls;  // operation -> calls (retries included)
  int throttled = 0;
  // What was read only in part (one API's GetStages or GetResources failed, ...); the
  // region is still ok and the affected resources' findings say ERROR.
  std::vector<std::string> warnings;

  friend bool operator==(const RegionReport&, const RegionReport&) = default;
};

struct ScanReport {
  std::string version;  // certguard version
  EpochSeconds started_at = 0;
  EpochSeconds finished_at = 0;
  std::string partition = "aws";
  std::vector<std::string> targets;  // account ids scanned
  rules::RuleContext settings;       // now, thresholds, strict
  std::vector<RegionReport> regions;
  std::vector<std::string> warnings;  // not about one account-region (a skipped account, ...)
  std::vector<rules::Finding> findings;
};

// Fills targets and regions from the estate (accounts in order, regions in order).
ScanReport make_report(const inventory::Estate& estate, std::vector<rules::Finding> findings,
                       const rules::RuleContext& settings, EpochSeconds started_at,
                       EpochSeconds finished_at);

// Files the collector's warnings ("ACCOUNT REGION: message") under their account-region
// (without the prefix); the others go to ScanReport::warnings as they are.
void attach_warnings(ScanReport& report, const std::vector<std::string>& warnings);

struct Summary {
  std::map<rules::Status, int> by_status;             // every status, zero included
  std::map<rules::Severity, int> failed_by_severity;  // FAIL findings only, zero included
  int accounts = 0;
  int regions = 0;
  int regions_not_read = 0;  // state != ok
  long calls = 0;
  long throttled = 0;
};

Summary summarize(const ScanReport& report);

// The CI exit code: 3 when any ERROR finding or region not read (scan incomplete),
// else 1 when a FAIL has severity >= fail_on, else 0. (2, usage errors, is the CLI's.)
int exit_code(const ScanReport& report, rules::Severity fail_on);

// Keeps the findings whose status is in `statuses` (empty keeps all).
std::vector<rules::Finding> filter_by_status(const std::vector<rules::Finding>& findings,
                                             const std::vector<rules::Status>& statuses);

}  // namespace certguard::report
