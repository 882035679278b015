#include "certguard/report/catalog_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace certguard::report {

std::string catalog_to_json(const std::vector<rules::Rule>& rules) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : rules) {
    const auto& m = r.metadata;
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["id"] = m.id;
    j["title"] = m.title;
    j["severity"] = std::string(rules::to_string(m.severity));
    j["resource_type"] = m.resource_type;
    j["rationale"] = m.rationale;
    j["remediation"] = m.remediation;
    j["references"] = m.references;
    j["parameters"] = m.parameters;
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["schema_version"] = 1;
  doc["rules"] = std::move(list);
  return doc.dump(2) + "\n";
}

std::string catalog_to_table(const std::vector<rules::Rule>& rules) {
  std::size_t w_title = 5;
  for (const auto& r : rules) w_title = std::max(w_title, r.metadata.title.size());
  std::string out =
      fmt::format("{:<7} {:<13} {:<{}} {}\n", "ID", "SEVERITY", "TITLE", w_title, "REFERENCES");
  for (const auto& r : rules) {
    std::string refs;
    for (const auto& ref : r.metadata.references) refs += (refs.empty() ? "" : "; ") + ref;
    out += fmt::format("{:<7} {:<13} {:<{}} {}\n", r.metadata.id,
                       rules::to_string(r.metadata.severity), r.metadata.title, w_title, refs);
  }
  return out;
}

}  // namespace certguard::report
