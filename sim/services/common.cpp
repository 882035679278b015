#include "sim/services/common.h"

namespace certguard::sim::svc {

std::optional<nlohmann::json> json_body(const SimRequest& request) {
  if (request.body.empty()) return nlohmann::json::object();
  auto parsed = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

namespace {
constexpr std::string_view kTokenPrefix = "cgsim1.";
}  // namespace

std::string make_token(std::size_t offset) {
  return std::string(kTokenPrefix) + std::to_string(offset);
}

std::optional<std::size_t> parse_token(std::string_view token) {
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return std::nullopt;
  const std::string_view digits = token.substr(kTokenPrefix.size());
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  std::size_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string derived_id(std::string_view text, std::size_t length, std::string_view alphabet) {
  std::string out;
  std::uint64_t h = stable_hash(text);
  for (std::size_t i = 0; i < length; ++i) {
    if (i % 8 == 0) h = stable_hash(std::string(text) + static_cast<char>('a' + i / 8));
    out.push_back(alphabet[h % alphabet.size()]);
    h /= alphabet.size();
  }
  return out;
}

std::string validation_message(std::string_view value, std::string_view field,
                               std::string_view constraint) {
  return "1 validation error detected: Value '" + std::string(value) + "' at '" +
         std::string(field) + "' failed to satisfy constraint: " + std::string(constraint);
}

}  // namespace certguard::sim::svc
