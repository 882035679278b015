#include "certguard/report/table_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "certguard/inventory/estate/estate_json.h"

namespace certguard::report {
namespace {

using rules::Finding;
using rules::Severity;
using rules::Status;

constexpr std::string_view kReset = "\x1b[0m";

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "\x1b[1;31m";  // bold red
    case Severity::kHigh:
      return "\x1b[31m";  // red
    case Severity::kMedium:
      return "\x1b[33m";  // yellow
    case Severity::kLow:
      return "\x1b[36m";  // cyan
    case Severity::kInformational:
      return "\x1b[2m";  // dim
  }
  return "";
}

std::string_view status_color(Status s) {
  switch (s) {
    case Status::kFail:
      return "\x1b[1;31m";
    case Status::kError:
      return "\x1b[1;35m";  // magenta: unknown, not compliant
    case Status::kPass:
      return "\x1b[32m";
    case Status::kNotApplicable:
    case Status::kSuppressed:
      return "\x1b[2m";
  }
  return "";
}

// Pads to `width` on the plain text, then wraps in color so alignment survives.
std::string cell(std::string_view text, std::size_t width, std::string_view color, bool use) {
  std::string padded(text);
  if (padded.size() < width) padded.append(width - padded.size(), ' ');
  if (!use || color.empty()) return padded;
  return fmt::format("{}{}{}{}", color, text, kReset, padded.substr(text.size()));
}

using Key = std::pair<std::string, std::string>;  // account, region

}  // namespace

std::string summary_line(const ScanReport& report) {
  const Summary s = summarize(report);
  std::vector<std::string> fail_parts;
  for (const auto& [sev, n] : s.failed_by_severity) {
    if (n > 0) fail_parts.push_back(fmt::format("{} {}", n, rules::to_string(sev)));
  }
  std::string fails = fmt::format("{} FAIL", s.by_status.at(Status::kFail));
  if (!fail_parts.empty()) {
    std::string joined;
    for (const auto& part : fail_parts) joined += (joined.empty() ? "" : ", ") + part;
    fails += fmt::format(" ({})", joined);
  }
  return fmt::format(
      "Summary: {}, {} ERROR, {} PASS, {} NOT_APPLICABLE, {} SUPPRESSED across {} account(s), "
      "{} region(s) ({} not read); {} call(s), {} throttled",
      fails, s.by_status.at(Status::kError), s.by_status.at(Status::kPass),
      s.by_status.at(Status::kNotApplicable), s.by_status.at(Status::kSuppressed), s.accounts,
      s.regions, s.regions_not_read, s.calls, s.throttled);
}

std::string write_table(const ScanReport& report, const TableOptions& options) {
  // Groups in account, region order; regions without findings still get a header.
  std::map<Key, std::vector<const Finding*>> groups;
  std::map<Key, const RegionReport*> status;
  for (const auto& r : report.regions) {
    groups[{r.account, r.region}];
    status[{r.account, r.region}] = &r;
  }
  for (const auto& f : report.findings) groups[{f.account, f.region}].push_back(&f);

  std::size_t w_status = 6;
  std::size_t w_sev = 8;
  std::size_t w_rule = 4;
  std::size_t w_res = 8;
  for (const auto& f : report.findings) {
    w_status = std::max(w_status, rules::to_string(f.status).size());
    w_sev = std::max(w_sev, rules::to_string(f.severity).size());
    w_rule = std::max(w_rule, f.rule_id.size());
    w_res = std::max(w_res, std::min<std::size_t>(f.resource_name.size(), 48));
  }

  std::string out;
  const bool c = options.color;
  for (const auto& [key, findings] : groups) {
    std::string header = fmt::format("Account {} / {}", key.first, key.second);
    auto st = status.find(key);
    if (st != status.end()) {
      const RegionReport& r = *st->second;
      long calls = 0;
      for (const auto& [op, n] : r.calls) calls += n;
      if (r.state == inventory::ScanState::kOk) {
        header += fmt::format("  (scanned: {} call(s), {} throttled)", calls, r.throttled);
      } else {
        header += fmt::format("  ({}{}{})", inventory::to_string(r.state),
                              r.error_message.empty() ? "" : ": ", r.error_message);
      }
    }
    out += (c ? fmt::format("\x1b[1m{}{}", header, kReset) : header) + "\n";
    if (findings.empty()) {
      out += "  (no findings)\n\n";
      continue;
    }
    out += fmt::format("  {} {} {} {} MESSAGE\n", cell("STATUS", w_status, "", false),
                       cell("SEVERITY", w_sev, "", false), cell("RULE", w_rule, "", false),
                       cell("RESOURCE", w_res, "", false));
    for (const Finding* f : findings) {
      std::string message = f->message;
      if (f->status == Status::kSuppressed && !f->suppression_reason.empty()) {
        message += fmt::format(" [suppressed: {}]", f->suppression_reason);
      }
      out += fmt::format("  {} {} {} {} {}\n",
                         cell(rules::to_string(f->status), w_status, status_color(f->status), c),
                         cell(rules::to_string(f->severity), w_sev, severity_color(f->severity), c),
                         cell(f->rule_id, w_rule, "", false),
                         cell(f->resource_name, w_res, "", false), message);
    }
    out += "\n";
  }
  out += summary_line(report) + "\n";
  return out;
}

}  // namespace certguard::report
