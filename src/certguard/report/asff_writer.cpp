#include "certguard/report/asff_writer.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "certguard/inventory/estate/iso8601.h"

namespace certguard::report {
namespace {

using OJson = nlohmann::ordered_json;
using rules::Finding;
using rules::Status;

// ASFF length limits (Title 256, Description 1024, Recommendation.Text 512, Note 512).
std::string clip(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::string out(text.substr(0, max - 3));
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) out.pop_back();
  return out + "...";
}

std::string severity_label(rules::Severity s) {
  std::string label(rules::to_string(s));
  for (char& c : label) c = static_cast<char>(c - ('a' <= c && c <= 'z' ? 32 : 0));
  return label;
}

std::string asff_resource_type(std::string_view type) {
  if (type == rules::kStageType || type == rules::kRestApiType) return std::string(type);
  return "Other";
}

OJson to_asff(const Finding& f, const ScanReport& r, const std::string& time) {
  OJson j = OJson::object();
  j["SchemaVersion"] = "2018-10-08";
  j["Id"] = clip(fmt::format("certguard/{}/{}", f.rule_id, f.resource_arn), 512);
  j["ProductArn"] = fmt::format("arn:{}:securityhub:{}:{}:product/{}/default", r.partition,
                                f.region, f.account, f.account);
  j["ProductName"] = "certguard";
  j["CompanyName"] = "certguard";
  j["GeneratorId"] = fmt::format("certguard/{}", f.rule_id);
  j["AwsAccountId"] = f.account;
  j["Types"] = {"Software and Configuration Checks/AWS Security Best Practices"};
  j["CreatedAt"] = time;
  j["UpdatedAt"] = time;
  const bool pass = f.status == Status::kPass;
  j["Severity"] = {{"Label", pass ? std::string("INFORMATIONAL") : severity_label(f.severity)},
                   {"Original", severity_label(f.severity)}};
  j["Title"] = clip(fmt::format("{} {}", f.rule_id, f.resource_name), 256);
  j["Description"] = clip(f.message.empty() ? f.rule_id : f.message, 1024);
  if (!f.remediation.empty()) {
    j["Remediation"] = {{"Recommendation", {{"Text", clip(f.remediation, 512)}}}};
  }
  OJson fields = OJson::object();
  fields["certguard/RuleId"] = f.rule_id;
  fields["certguard/Status"] = std::string(rules::to_string(f.status));
  for (const auto& [k, v] : f.details) {
    if (!v.empty() && fields.size() < 50) fields["certguard/" + k] = clip(v, 1024);
  }
  j["ProductFields"] = std::move(fields);
  OJson resource = OJson::object();
  resource["Type"] = asff_resource_type(f.resource_type);
  resource["Id"] =
      f.resource_arn.empty() ? fmt::format("{}/{}", f.account, f.region) : f.resource_arn;
  resource["Partition"] = r.partition;
  if (!f.region.empty()) resource["Region"] = f.region;
  j["Resources"] = OJson::array({resource});
  std::string compliance = "FAILED";
  if (pass) compliance = "PASSED";
  if (f.status == Status::kError) compliance = "NOT_AVAILABLE";
  OJson comp = OJson::object();
  comp["Status"] = compliance;
  if (!f.references.empty()) {
    OJson refs = OJson::array();
    for (std::size_t i = 0; i < f.references.size() && i < 32; ++i) refs.push_back(f.references[i]);
    comp["RelatedRequirements"] = std::move(refs);
  }
  if (f.status == Status::kError) {
    comp["StatusReasons"] = OJson::array(
        {{{"ReasonCode", "CERTGUARD_INPUT_UNREADABLE"}, {"Description", clip(f.message, 2048)}}});
  }
  j["Compliance"] = std::move(comp);
  if (f.status == Status::kSuppressed) {
    j["Workflow"] = {{"Status", "SUPPRESSED"}};
    j["Note"] = {
        {"Text", clip(f.suppression_reason.empty() ? "suppressed" : f.suppression_reason, 512)},
        {"UpdatedBy", "certguard"},
        {"UpdatedAt", time}};
  } else {
    j["Workflow"] = {{"Status", pass ? "RESOLVED" : "NEW"}};
  }
  j["RecordState"] = "ACTIVE";
  return j;
}

}  // namespace

std::string write_asff(const ScanReport& report) {
  const EpochSeconds when = report.finished_at != 0 ? report.finished_at : report.settings.now;
  const std::string time = inventory::format_iso8601(when);
  OJson out = OJson::array();
  for (const auto& f : report.findings) {
    if (f.status == Status::kNotApplicable) continue;
    out.push_back(to_asff(f, report, time));
  }
  std::string text = out.dump(2);
  text += '\n';
  return text;
}

}  // namespace certguard::report
