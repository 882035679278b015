#include "certguard/report/scan_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace certguard::report {

using rules::Severity;
using rules::Status;

ScanReport make_report(const inventory::Estate& estate, std::vector<rules::Finding> findings,
                       const rules::RuleContext& settings, EpochSeconds started_at,
                       EpochSeconds finished_at) {
  ScanReport r;
#ifdef CG_VERSION
  r.version = CG_VERSION;
#endif
  r.started_at = started_at;
  r.finished_at = finished_at;
  r.partition = estate.partition;
  r.settings = settings;
  for (const auto& account : estate.accounts) {
    r.targets.push_back(account.id);
    for (const auto& region : account.regions) {
      r.regions.push_back({account.id,
                           region.name,
                           region.scan.state,
                           region.scan.error_kind,
                           region.scan.error_message,
                           region.scan.calls,
                           region.scan.throttled,
                           {}});
    }
  }
  r.findings = std::move(findings);
  return r;
}

void attach_warnings(ScanReport& report, const std::vector<std::string>& warnings) {
  std::map<std::string, RegionReport*, std::less<>> by_prefix;
  for (auto& r : report.regions) by_prefix.emplace(r.account + " " + r.region + ": ", &r);
  for (const auto& w : warnings) {
    // The prefix is "ACCOUNT REGION: ": the second space ends it.
    std::size_t space = w.find(' ');
    std::size_t colon = space == std::string::npos ? space : w.find(": ", space + 1);
    auto it = colon == std::string::npos ? by_prefix.end()
                                         : by_prefix.find(std::string_view(w).substr(0, colon + 2));
    if (it == by_prefix.end()) {
      report.warnings.push_back(w);
    } else {
      it->second->warnings.push_back(w.substr(colon + 2));
    }
  }
}

Summary summarize(const ScanReport& report) {
  Summary s;
  for (Status st : {Status::kFail, Status::kPass, Status::kNotApplicable, Status::kError,
                    Status::kSuppressed}) {
    s.by_status[st] = 0;
  }
  for (Severity sev : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow,
                       Severity::kInformational}) {
    s.failed_by_severity[sev] = 0;
  }
  for (const auto& f : report.findings) {
    ++s.by_status[f.status];
    if (f.status == Status::kFail) ++s.failed_by_severity[f.severity];
  }
  std::set<std::string> accounts(report.targets.begin(), report.targets.end());
  for (const auto& r : report.regions) {
    accounts.insert(r.account);
    ++s.regions;
    if (r.state != inventory::ScanState::kOk) ++s.regions_not_read;
    for (const auto& [op, n] : r.calls) s.calls += n;
    s.throttled += r.throttled;
  }
  s.accounts = static_cast<int>(accounts.size());
  return s;
}

int exit_code(const ScanReport& report, Severity fail_on) {
  const Summary s = summarize(report);
  if (s.by_status.at(Status::kError) > 0 || s.regions_not_read > 0) return 3;
  for (const auto& [sev, n] : s.failed_by_severity) {
    if (n > 0 && rules::severity_rank(sev) >= rules::severity_rank(fail_on)) return 1;
  }
  return 0;
}

std::vector<rules::Finding> filter_by_status(const std::vector<rules::Finding>& findings,
                                             const std::vector<rules::Status>& statuses) {
  if (statuses.empty()) return findings;
  std::vector<rules::Finding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
               [&](const rules::Finding& f) {
                 return std::find(statuses.begin(), statuses.end(), f.status) != statuses.end();
               });
  return out;
}

}  // namespace certguard::report
