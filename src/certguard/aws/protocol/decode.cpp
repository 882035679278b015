#include "certguard/aws/protocol/decode.h"

#include <fmt/format.h>

namespace certguard::aws::protocol {
namespace {

std::string_view local_name(std::string_view qualified) {
  auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

}  // namespace

Result<nlohmann::json> parse_json(std::string_view body, std::string_view operation) {
  auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return nlohmann::json::object();
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    Error err = make_error(ErrorKind::kParse,
                           fmt::format("response is not valid JSON ({}); body starts with '{}'",
                                       e.what(), body.substr(first, 80)));
    err.operation = operation;
    return err;
  }
}

Result<std::unique_ptr<pugi::xml_document>> parse_xml(std::string_view body,
                                                      std::string_view operation) {
  auto doc = std::make_unique<pugi::xml_document>();
  pugi::xml_parse_result parsed = doc->load_buffer(body.data(), body.size());
  if (!parsed) {
    Error err =
        make_error(ErrorKind::kParse, fmt::format("response is not valid XML ({} at offset {})",
                                                  parsed.description(), parsed.offset));
    err.operation = operation;
    return err;
  }
  return doc;
}

std::optional<std::string> json_string(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

pugi::xml_node xml_find(const pugi::xml_node& node, std::string_view name) {
  // Iterative depth-first walk: hostile input may nest deeply.
  pugi::xml_node cur = node.first_child();
  while (cur) {
    if (cur.type() == pugi::node_element && local_name(cur.name()) == name) return cur;
    if (pugi::xml_node child = cur.first_child()) {
      cur = child;
      continue;
    }
    while (cur && cur != node && !cur.next_sibling()) cur = cur.parent();
    if (!cur || cur == node) break;
    cur = cur.next_sibling();
  }
  return {};
}

std::string xml_child_text(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && local_name(child.name()) == name) {
      return child.text().get();
    }
  }
  return {};
}

}  // namespace certguard::aws::protocol
