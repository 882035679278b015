// Body parsing, lookups and pagination helpers shared by the API Gateway handlers.

#include <fmt/format.h>

#include <charconv>

#include "sim/apigateway/context.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

std::optional<std::string> get_string(const nlohmann::json& body, const char* key,
                                      std::string& error) {
  if (!body.is_object()) return std::nullopt;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    error = fmt::format("Invalid value for '{}': expected a string", key);
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<bool> get_bool(const nlohmann::json& body, const char* key, std::string& error) {
  if (!body.is_object()) return std::nullopt;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    error = fmt::format("Invalid value for '{}': expected a boolean", key);
    return std::nullopt;
  }
  return it->get<bool>();
}

std::map<std::string, std::string> get_string_map(const nlohmann::json& body, const char* key,
                                                  std::string& error) {
  std::map<std::string, std::string> out;
  if (!body.is_object()) return out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_object()) {
    error = fmt::format("Invalid value for '{}': expected a map of strings", key);
    return out;
  }
  for (const auto& [k, v] : it->items()) {
    if (!v.is_string()) {
      error = fmt::format("Invalid value for '{}.{}': expected a string", key, k);
      return {};
    }
    out[k] = v.get<std::string>();
  }
  return out;
}

inventory::RestApi* find_api(Context& c, std::string_view id) {
  return find_sorted(c.region.rest_apis, id,
                     [](const inventory::RestApi& a) -> const std::string& { return a.id; });
}

SimResponse api_not_found(const Context& c, std::string_view id) {
  return not_found(c,
                   fmt::format("Invalid API identifier specified {}:{}", c.request.account_id, id));
}

// Tokens are the hex of the last key returned: opaque to clients, stable under inserts
// and deletes (the next page starts after that key), so every item is seen once.
std::string encode_position(std::string_view key) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out = "p";
  for (char ch : key) {
    auto u = static_cast<unsigned char>(ch);
    out += kHex[u >> 4U];
    out += kHex[u & 0xFU];
  }
  return out;
}

std::optional<std::string> decode_position(std::string_view token) {
  if (token.empty() || token[0] != 'p' || token.size() % 2 != 1) return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < token.size(); i += 2) {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(token.data() + i, token.data() + i + 2, value, 16);
    if (ec != std::errc() || ptr != token.data() + i + 2) return std::nullopt;
    out += static_cast<char>(value);
  }
  return out;
}

std::optional<std::size_t> parse_limit(const SimRequest& request, std::string& error) {
  if (!request.has_query_param("limit")) return 25;
  std::string_view text = request.query_param("limit");
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    error = fmt::format("Invalid limit '{}': must be an integer", text);
    return std::nullopt;
  }
  if (value < 1 || value > 500) {
    error = "1 validation error detected: Value '" + std::string(text) +
            "' at 'limit' failed to satisfy constraint: Member must have value less than or "
            "equal to 500 and greater than or equal to 1";
    return std::nullopt;
  }
  return static_cast<std::size_t>(value);
}

inventory::Resource* root_resource(inventory::RestApi& api) {
  for (auto& resource : api.resources) {
    if (resource.path == "/") return &resource;
  }
  return nullptr;
}

}  // namespace certguard::sim::apigw
