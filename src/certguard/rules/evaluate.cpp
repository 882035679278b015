#include "certguard/rules/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <map>
#include <string>

#include "certguard/rules/catalog.h"
#include "certguard/rules/glob.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

using Tags = inventory::Tags;

// resource ARN -> tags that apply to it. A stage inherits its API's tags (its own win).
std::map<std::string, Tags> tags_by_arn(const inventory::Estate& estate) {
  std::map<std::string, Tags> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      const auto& p = estate.partition;
      for (const auto& api : region.rest_apis) {
        if (!api.tags.empty()) out[support::rest_api_arn(p, region.name, api.id)] = api.tags;
        for (const auto& stage : api.stages) {
          Tags merged = stage.tags;
          merged.insert(api.tags.begin(), api.tags.end());  // insert keeps existing keys
          if (!merged.empty()) {
            out[support::stage_arn(p, region.name, api.id, stage.stage_name)] = std::move(merged);
          }
        }
      }
      for (const auto& cert : region.client_certificates) {
        if (!cert.tags.empty()) {
          out[support::client_certificate_arn(p, region.name, cert.id)] = cert.tags;
        }
      }
      for (const auto& domain : region.domain_names) {
        if (!domain.tags.empty()) {
          out[support::domain_name_arn(p, region.name, domain.domain_name)] = domain.tags;
        }
      }
    }
  }
  return out;
}

// Whether a certguard:suppress value ("CG-001, CG-007", "*") names the rule.
bool tag_names_rule(std::string_view value, std::string_view rule_id) {
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find_first_of(", ", start);
    if (end == std::string_view::npos) end = value.size();
    const auto item = value.substr(start, end - start);
    if (item == rule_id || item == "*") return true;
    start = end + 1;
  }
  return false;
}

void suppress(Finding& f, const std::map<std::string, Tags>& tags, const RuleConfig& config) {
  if (f.status != Status::kFail) return;
  for (const auto& s : config.suppressions) {
    if (s.rule != "*" && s.rule != f.rule_id) continue;
    if (!s.account.empty() && s.account != f.account) continue;
    if (!s.region.empty() && s.region != f.region) continue;
    if (!s.resource.empty() && !glob_match(s.resource, f.resource_arn)) continue;
    f.status = Status::kSuppressed;
    f.suppression_reason = s.reason;
    f.details["suppressed_by"] = fmt::format("config {}", s.origin);
    return;
  }
  auto it = tags.find(f.resource_arn);
  if (it == tags.end()) return;
  auto tag = it->second.find(std::string(kSuppressTag));
  if (tag == it->second.end() || !tag_names_rule(tag->second, f.rule_id)) return;
  auto reason = it->second.find(std::string(kSuppressReasonTag));
  f.status = Status::kSuppressed;
  f.suppression_reason = reason != it->second.end() && !reason->second.empty()
                             ? reason->second
                             : "suppressed by resource tag certguard:suppress (no reason given)";
  f.details["suppressed_by"] = fmt::format("tag {}={}", kSuppressTag, tag->second);
}

std::string fill_placeholders(std::string text, const std::map<std::string, std::string>& d) {
  for (const char* key :
       {"rest_api_id", "stage_name", "certificate_id", "domain_name", "certificate_arn"}) {
    auto it = d.find(key);
    if (it == d.end()) continue;
    const std::string placeholder = fmt::format("{{{}}}", key);
    for (auto pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + it->second.size())) {
      text.replace(pos, placeholder.size(), it->second);
    }
  }
  // Anything not known for this finding reads as an upper-case placeholder.
  for (auto [from, to] :
       {std::pair{"{rest_api_id}", "REST_API_ID"}, std::pair{"{stage_name}", "STAGE"},
        std::pair{"{certificate_id}", "CERTIFICATE_ID"}, std::pair{"{domain_name}", "DOMAIN_NAME"},
        std::pair{"{certificate_arn}", "CERTIFICATE_ARN"}}) {
    const std::string_view f(from);
    for (auto pos = text.find(f); pos != std::string::npos; pos = text.find(f, pos)) {
      text.replace(pos, f.size(), to);
    }
  }
  return text;
}

}  // namespace

RuleContext context_for(const Rule& rule, const RuleContext& global, const RuleConfig& config) {
  RuleContext ctx = global;
  auto it = config.rules.find(rule.metadata.id);
  if (it == config.rules.end()) return ctx;
  if (it->second.expiry_days) ctx.expiry_days = *it->second.expiry_days;
  if (it->second.max_upload_age_days) ctx.max_upload_age_days = *it->second.max_upload_age_days;
  return ctx;
}

std::vector<Finding> evaluate(const inventory::Estate& estate, const RuleContext& context,
                              const RuleConfig& config) {
  // An unset clock would make every certificate look valid: a caller bug, not data.
  assert(context.now > 0 && "RuleContext::now must be set");
  const auto tags = tags_by_arn(estate);
  std::vector<Finding> all;
  const auto rules = catalog();
  for (const auto& rule : rules) {
    const auto settings = config.rules.find(rule.metadata.id);
    if (settings != config.rules.end() && !settings->second.enabled) continue;
    const Severity severity = settings != config.rules.end() && settings->second.severity
                                  ? *settings->second.severity
                                  : rule.metadata.severity;
    auto findings = rule.evaluate(estate, context_for(rule, context, config));
    for (auto& f : findings) {
      f.rule_id = rule.metadata.id;
      f.severity = severity;
      f.remediation = fill_placeholders(rule.metadata.remediation, f.details);
      f.references = rule.metadata.references;
      suppress(f, tags, config);
      all.push_back(std::move(f));
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.account, a.region, a.rule_id, a.resource_arn) <
           std::tie(b.account, b.region, b.rule_id, b.resource_arn);
  });
  return all;
}

}  // namespace certguard::rules
