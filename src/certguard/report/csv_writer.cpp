#include "certguard/report/csv_writer.h"

#include <vector>

namespace certguard::report {
namespace {

void append_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string write_csv(const ScanReport& report) {
  std::string out;
  append_row(out, {"account", "region", "rule_id", "status", "severity", "resource_type",
                   "resource_arn", "resource_name", "message", "details", "remediation",
                   "references", "suppression_reason"});
  for (const auto& f : report.findings) {
    std::string details;
    for (const auto& [k, v] : f.details) {
      if (!details.empty()) details += "; ";
      details += k;
      details += '=';
      details += v;
    }
    std::string refs;
    for (const auto& r : f.references) {
      if (!refs.empty()) refs += "; ";
      refs += r;
    }
    append_row(out,
               {f.account, f.region, f.rule_id, std::string(rules::to_string(f.status)),
                std::string(rules::to_string(f.severity)), f.resource_type, f.resource_arn,
                f.resource_name, f.message, details, f.remediation, refs, f.suppression_reason});
  }
  return out;
}

}  // namespace certguard::report
