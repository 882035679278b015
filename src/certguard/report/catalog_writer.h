#pragma once

// `certguard rules`: the rule catalog as JSON (docs are generated from it) or a table.

#include <string>
#include <vector>

#include "certguard/rules/rule.h"

namespace certguard::report {

// {"schema_version": 1, "rules": [{id, title, severity, resource_type, rationale,
// remediation, references, parameters}]}
std::string catalog_to_json(const std::vector<rules::Rule>& rules);

// ID, SEVERITY, TITLE, REFERENCES, one rule a line.
std::string catalog_to_table(const std::vector<rules::Rule>& rules);

}  // namespace certguard::report
