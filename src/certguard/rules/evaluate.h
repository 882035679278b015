#pragma once

// Evaluation of an Estate into Findings: every enabled rule of the catalog with its
// per-rule thresholds, then suppressions (config and resource tags), in a fixed order.

#include <vector>

#include "certguard/inventory/estate/estate.h"
#include "certguard/rules/config.h"
#include "certguard/rules/finding.h"
#include "certguard/rules/rule.h"

namespace certguard::rules {

// The context a rule runs with: `global` with the rule's settings from `config` applied
// (per-rule thresholds override the global ones).
RuleContext context_for(const Rule& rule, const RuleContext& global, const RuleConfig& config);

// Runs every enabled rule. Each finding gets rule_id, severity (config override or the
// rule's), remediation (with {rest_api_id}, {stage_name}, {certificate_id}, {domain_name},
// {certificate_arn} filled from its details) and references. FAIL findings matched by a
// suppression or a certguard:suppress tag become SUPPRESSED with suppression_reason and
// details["suppressed_by"]; ERROR findings are never suppressed (an unread resource is not
// an accepted risk). Order: account, region, rule id, resource ARN, then rule order.
std::vector<Finding> evaluate(const inventory::Estate& estate, const RuleContext& context,
                              const RuleConfig& config);

inline std::vector<Finding> evaluate(const inventory::Estate& estate, const RuleContext& context) {
  return evaluate(estate, context, RuleConfig{});
}

}  // namespace certguard::rules
