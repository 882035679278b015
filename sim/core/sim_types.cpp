#include "sim/core/sim_types.h"

#include <cctype>

namespace certguard::sim {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

namespace {
std::string_view find_header(const SimHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}
}  // namespace

std::string_view SimRequest::header(std::string_view name) const {
  return find_header(headers, name);
}

std::string_view SimRequest::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return {};
  return it->second;
}

bool SimRequest::has_query_param(std::string_view name) const {
  return query.find(std::string(name)) != query.end();
}

std::vector<std::string> SimRequest::query_params(std::string_view name) const {
  std::vector<std::string> out;
  auto [begin, end] = query.equal_range(std::string(name));
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

std::string_view SimResponse::header(std::string_view name) const {
  return find_header(headers, name);
}

}  // namespace certguard::sim
