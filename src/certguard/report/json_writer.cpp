#include "certguard/report/json_writer.h"

#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "certguard/inventory/estate/estate_json.h"
#include "certguard/inventory/estate/iso8601.h"

namespace certguard::report {
namespace {

using OJson = nlohmann::ordered_json;

OJson time_or_null(EpochSeconds t) {
  return t == 0 ? OJson(nullptr) : OJson(inventory::format_iso8601(t));
}

OJson finding_json(const rules::Finding& f) {
  OJson j = OJson::object();
  j["rule_id"] = f.rule_id;
  j["status"] = std::string(rules::to_string(f.status));
  j["severity"] = std::string(rules::to_string(f.severity));
  j["account"] = f.account;
  j["region"] = f.region;
  j["resource_type"] = f.resource_type;
  j["resource_arn"] = f.resource_arn;
  j["resource_name"] = f.resource_name;
  j["message"] = f.message;
  OJson details = OJson::object();
  for (const auto& [k, v] : f.details) details[k] = v;
  j["details"] = std::move(details);
  j["remediation"] = f.remediation;
  j["references"] = f.references;
  j["suppression_reason"] =
      f.suppression_reason.empty() ? OJson(nullptr) : OJson(f.suppression_reason);
  return j;
}

std::size_t warning_count(const ScanReport& r) {
  std::size_t n = r.warnings.size();
  for (const auto& reg : r.regions) n += reg.warnings.size();
  return n;
}

// `j` pretty-printed as it would be nested `depth` levels deep in a 2-space document.
void put_nested(std::ostream& out, const OJson& j, int depth) {
  std::string text = j.dump(2);
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    out.write(text.data() + start,
              static_cast<std::streamsize>((nl == std::string::npos ? text.size() : nl) - start));
    if (nl == std::string::npos) break;
    out << '\n' << indent;
    start = nl + 1;
  }
}

OJson scan_json(const ScanReport& r) {
  const Summary s = summarize(r);
  OJson scan = OJson::object();
  scan["tool"] = "certguard";
  scan["version"] = r.version;
  scan["started_at"] = time_or_null(r.started_at);
  scan["finished_at"] = time_or_null(r.finished_at);
  scan["duration_seconds"] = r.finished_at >= r.started_at ? r.finished_at - r.started_at : 0;
  scan["partition"] = r.partition;
  scan["targets"] = r.targets;
  scan["settings"] = {{"now", time_or_null(r.settings.now)},
                      {"strict", r.settings.strict},
                      {"expiry_days", r.settings.expiry_days},
                      {"max_upload_age_days", r.settings.max_upload_age_days}};
  OJson regions = OJson::array();
  for (const auto& reg : r.regions) {
    OJson j = OJson::object();
    j["account"] = reg.account;
    j["region"] = reg.region;
    j["state"] = std::string(inventory::to_string(reg.state));
    j["error_kind"] = reg.error_kind.empty() ? OJson(nullptr) : OJson(reg.error_kind);
    j["error_message"] = reg.error_message.empty() ? OJson(nullptr) : OJson(reg.error_message);
    OJson calls = OJson::object();
    long total = 0;
    for (const auto& [op, n] : reg.calls) {
      calls[op] = n;
      total += n;
    }
    j["calls"] = std::move(calls);
    j["calls_total"] = total;
    j["throttled"] = reg.throttled;
    j["warnings"] = reg.warnings;
    regions.push_back(std::move(j));
  }
  scan["regions"] = std::move(regions);
  scan["warnings"] = r.warnings;
  OJson by_status = OJson::object();
  for (const auto& [st, n] : s.by_status) by_status[std::string(rules::to_string(st))] = n;
  OJson by_sev = OJson::object();
  for (const auto& [sev, n] : s.failed_by_severity) by_sev[std::string(rules::to_string(sev))] = n;
  scan["summary"] = {{"findings", r.findings.size()},
                     {"by_status", std::move(by_status)},
                     {"fail_by_severity", std::move(by_sev)},
                     {"accounts", s.accounts},
                     {"regions", s.regions},
                     {"regions_not_read", s.regions_not_read},
                     {"calls", s.calls},
                     {"throttled", s.throttled},
                     {"warnings", warning_count(r)}};
  return scan;
}

}  // namespace

void write_json(const ScanReport& report, std::ostream& out) {
  // Byte for byte what one nlohmann document dumped with indent 2 would be.
  out << "{\n  \"schema_version\": " << kReportSchemaVersion << ",\n  \"scan\": ";
  put_nested(out, scan_json(report), 1);
  out << ",\n  \"findings\": ";
  if (report.findings.empty()) {
    out << "[]";
  } else {
    out << "[";
    const char* separator = "\n    ";
    for (const auto& f : report.findings) {
      out << separator;
      put_nested(out, finding_json(f), 2);
      separator = ",\n    ";
    }
    out << "\n  ]";
  }
  out << "\n}\n";
}

std::string write_json(const ScanReport& report) {
  std::ostringstream out;
  write_json(report, out);
  return std::move(out).str();
}

}  // namespace certguard::report
