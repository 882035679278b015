#pragma once

// Reading Query-protocol (STS, EC2) XML responses. Element lookups ignore namespaces
// by matching local names.

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "certguard/core/result.h"

namespace certguard::aws {

// Parses `body` into `doc`; a kParse error names the operation when the body is empty,
// truncated or not XML.
Status parse_xml(std::string_view body, std::string_view operation, pugi::xml_document& doc);

// The first child element called `name` (a local name, any namespace prefix), or null.
pugi::xml_node xml_child(pugi::xml_node parent, std::string_view name);

// The text of child `name`, or "" when absent.
std::string xml_text(pugi::xml_node parent, std::string_view name);

}  // namespace certguard::aws
