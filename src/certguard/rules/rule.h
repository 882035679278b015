#pragma once

// A rule: a constant metadata record beside a pure function from an Estate to Findings.
// Rules know nothing of AWS calls or output formats. One file per rule, named by its id
// (cg001_stage_without_client_certificate.cpp, ...); catalog.cpp lists them.

#include <string>
#include <vector>

#include "certguard/inventory/estate/estate.h"
#include "certguard/rules/finding.h"

namespace certguard::rules {

inline constexpr int kDefaultExpiryDays = 30;
inline constexpr int kDefaultMaxUploadAgeDays = 395;

// What a rule needs besides the estate.
struct RuleContext {
  inventory::EpochSeconds now = 0;  // evaluation time, epoch seconds
  // A certificate "expires within N days" when 0 < expiration - now <= N * 86400 (so
  // exactly 30 days left is flagged with the default; 30 days and 1 second is not).
  int expiry_days = kDefaultExpiryDays;
  // An imported ACM certificate is stale when now - imported_at > N * 86400.
  int max_upload_age_days = kDefaultMaxUploadAgeDays;
  bool strict = false;  // CG-001 flags every stage, not only HTTP-integrated ones
};

struct RuleMetadata {
  std::string id;     // "CG-001"
  std::string title;  // one line
  Severity severity = Severity::kMedium;
  std::string resource_type;            // what the rule evaluates (finding.h k*Type)
  std::string rationale;                // why it matters
  std::string remediation;              // what to do, with the AWS CLI commands
  std::vector<std::string> references;  // "AWS FSBP APIGateway.2", "NIST 800-53 SC-8", ...
  // Per-rule settings the config file accepts besides enabled/severity
  // ("expiry_days", "max_upload_age_days").
  std::vector<std::string> parameters;
};

// Findings carry status, account, region, resource and message and details; evaluate()
// (evaluate.h) fills rule_id, severity, remediation and references from the metadata.
using EvaluateFn = std::vector<Finding> (*)(const inventory::Estate&, const RuleContext&);

struct Rule {
  RuleMetadata metadata;
  EvaluateFn evaluate = nullptr;
};

}  // namespace certguard::rules
