#include "certguard/aws/client/xml_read.h"

#include <fmt/format.h>

#include "certguard/aws/client/json_read.h"

namespace certguard::aws {
namespace {

std::string_view local_name(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

Status parse_xml(std::string_view body, std::string_view operation, pugi::xml_document& doc) {
  if (body.empty()) return parse_error(operation, "the body is empty");
  pugi::xml_parse_result parsed = doc.load_buffer(body.data(), body.size());
  if (!parsed) {
    return parse_error(operation, fmt::format("the body is not valid XML ({} at byte {})",
                                              parsed.description(), parsed.offset));
  }
  if (!doc.document_element()) return parse_error(operation, "the XML has no root element");
  return {};
}

pugi::xml_node xml_child(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && local_name(child.name()) == name) return child;
  }
  return {};
}

std::string xml_text(pugi::xml_node parent, std::string_view name) {
  return xml_child(parent, name).text().get();
}

}  // namespace certguard::aws
