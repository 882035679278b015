#pragma once

// Safe decoding of response bodies: parse errors become kParse Errors naming the
// operation (no exceptions escape), plus small readers for optional fields.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "certguard/core/result.h"

namespace certguard::aws::protocol {

// Parses `body` as JSON. An empty body is an empty object (several AWS operations answer
// 200 with no body). Errors: kParse "<operation>: response is not valid JSON (...)".
Result<nlohmann::json> parse_json(std::string_view body, std::string_view operation);

// Parses `body` as XML. Errors: kParse naming the operation and pugixml's reason/offset.
Result<std::unique_ptr<pugi::xml_document>> parse_xml(std::string_view body,
                                                      std::string_view operation);

// The string at `key` of a JSON object, or nullopt when missing, null or not a string.
std::optional<std::string> json_string(const nlohmann::json& object, std::string_view key);

// The first element named `name` anywhere below `node` (depth-first), ignoring any
// namespace prefix ("sts:Code" matches "Code"); an empty node if none.
pugi::xml_node xml_find(const pugi::xml_node& node, std::string_view name);

// The text of a direct child element, ignoring namespace prefixes; "" if missing.
std::string xml_child_text(const pugi::xml_node& node, std::string_view name);

}  // namespace certguard::aws::protocol
