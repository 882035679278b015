#pragma once

// The rule configuration file (YAML; `--config`, default certguard.yaml in the XDG config
// dir). See docs/rules-config.md. Example:
//
//   rules:
//     CG-003: { expiry_days: 45 }
//     CG-007: { enabled: false }
//   suppressions:
//     - rule: CG-001
//       resource: "arn:aws:apigateway:*::/restapis/abc123/stages/*"   # glob
//       account: "111111111111"   # optional
//       region: "us-east-1"       # optional
//       reason: "internal-only backend, tracked in SEC-42"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/result.h"
#include "certguard/rules/finding.h"

namespace certguard::rules {

struct RuleSettings {
  bool enabled = true;
  std::optional<Severity> severity;        // overrides the rule's default severity
  std::optional<int> expiry_days;          // CG-003, CG-006
  std::optional<int> max_upload_age_days;  // CG-006

  friend bool operator==(const RuleSettings&, const RuleSettings&) = default;
};

struct Suppression {
  std::string rule;      // a rule id, or "*" for every rule
  std::string resource;  // glob over the finding's resource_arn; empty matches any
  std::string account;   // exact account id; empty matches any
  std::string region;    // exact region; empty matches any
  std::string reason;    // required, non-empty
  std::string origin;    // where it was written: "certguard.yaml:7"

  friend bool operator==(const Suppression&, const Suppression&) = default;
};

struct RuleConfig {
  std::map<std::string, RuleSettings> rules;  // by rule id
  std::vector<Suppression> suppressions;

  friend bool operator==(const RuleConfig&, const RuleConfig&) = default;
};

// Strict: unknown keys, unknown rule ids, settings a rule does not take, wrong types and
// missing reasons are errors. Errors: kConfig, Error::resource = "SOURCE:LINE:COLUMN"
// (1-based), the message naming the key path and what is allowed.
Result<RuleConfig> parse_rule_config(std::string_view yaml, std::string_view source_name);

// Errors: kNotFound when the file does not exist, otherwise as parse_rule_config.
Result<RuleConfig> load_rule_config_file(const std::filesystem::path& path);

// Tags that suppress findings on a resource (stage, its API, client certificate, domain):
// certguard:suppress=CG-001[,CG-007...] ("*" = every rule), with an optional
// certguard:suppress-reason.
inline constexpr std::string_view kSuppressTag = "certguard:suppress";
inline constexpr std::string_view kSuppressReasonTag = "certguard:suppress-reason";

}  // namespace certguard::rules
