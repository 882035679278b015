#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "certguard/rules/rule.h"

namespace certguard::rules {

// Every rule, in id order. Built on each call from each rule file's constant record.
std::vector<Rule> catalog();

// The rule with this id (exact, e.g. "CG-003"), if any.
std::optional<Rule> find_rule(std::string_view id);

}  // namespace certguard::rules
