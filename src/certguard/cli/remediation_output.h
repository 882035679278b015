#pragma once

// Output that fix, rotate and rollback share: the result of an apply, as the report table
// or inside the JSON document that already holds the plan.

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "certguard/remediate/apply.h"

namespace certguard::cli {

// JSON: `doc` (holding "plan") with "result" added; otherwise the report table.
void print_apply_result(const remediate::ApplyReport& report, nlohmann::json doc, bool json,
                        std::ostream& out);

}  // namespace certguard::cli
