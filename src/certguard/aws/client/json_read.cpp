#include "certguard/aws/client/json_read.h"

#include <fmt/format.h>

#include <cmath>

#include "certguard/aws/protocol/timestamps.h"

namespace certguard::aws {
namespace {

std::string join_path(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : fmt::format("{}.{}", base, key);
}

std::string_view type_name(const nlohmann::json& value) {
  return value.type_name();
}

}  // namespace

Error parse_error(std::string_view operation, std::string_view problem) {
  Error e = make_error(ErrorKind::kParse, fmt::format("could not decode the {} response: {}; the "
                                                      "service or an endpoint override returned "
                                                      "something certguard does not understand",
                                                      operation, problem));
  e.operation = std::string(operation);
  return e;
}

Result<nlohmann::json> parse_json_object(std::string_view body, std::string_view operation,
                                         bool allow_empty) {
  if (body.empty()) {
    if (allow_empty) return nlohmann::json::object();
    return parse_error(operation, "the body is empty");
  }
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) {
    return parse_error(operation, fmt::format("the body is not valid JSON (truncated or not JSON; "
                                              "{} bytes)",
                                              body.size()));
  }
  if (!json.is_object()) {
    return parse_error(operation, fmt::format("expected a JSON object, got {}", type_name(json)));
  }
  return json;
}

void JsonView::fail(std::string_view key, std::string_view want) const {
  if (problem_ != nullptr && problem_->empty()) {
    const auto& value = (*object_)[std::string(key)];
    *problem_ = fmt::format("member {} should be {} but is {}", join_path(path_, key), want,
                            type_name(value));
  }
}

const nlohmann::json* JsonView::member(std::string_view key, nlohmann::json::value_t want,
                                       std::string_view want_name) const {
  if (object_ == nullptr) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return nullptr;
  bool ok =
      it->type() == want || (want == nlohmann::json::value_t::number_float && it->is_number());
  if (!ok) {
    fail(key, want_name);
    return nullptr;
  }
  return &*it;
}

bool JsonView::has(std::string_view key) const {
  return object_ != nullptr && object_->contains(key) && !(*object_)[std::string(key)].is_null();
}

std::string JsonView::string(std::string_view key) const {
  const auto* v = member(key, nlohmann::json::value_t::string, "a string");
  return v == nullptr ? std::string() : v->get<std::string>();
}

bool JsonView::boolean(std::string_view key) const {
  const auto* v = member(key, nlohmann::json::value_t::boolean, "a boolean");
  return v != nullptr && v->get<bool>();
}

std::int64_t JsonView::integer(std::string_view key) const {
  const auto* v = member(key, nlohmann::json::value_t::number_float, "a number");
  if (v == nullptr) return 0;
  if (v->is_number_integer()) return v->get<std::int64_t>();
  double d = v->get<double>();
  if (!std::isfinite(d) || std::fabs(d) > 9e18) {
    fail(key, "an integer");
    return 0;
  }
  return static_cast<std::int64_t>(d);
}

std::optional<double> JsonView::number(std::string_view key) const {
  const auto* v = member(key, nlohmann::json::value_t::number_float, "a number");
  if (v == nullptr) return std::nullopt;
  return v->get<double>();
}

std::optional<WallTime> JsonView::timestamp(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  auto t = protocol::timestamp_from_json((*object_)[std::string(key)]);
  if (!t.ok()) {
    fail(key, "a timestamp (epoch seconds or ISO-8601)");
    return std::nullopt;
  }
  return *t;
}

std::vector<std::string> JsonView::strings(std::string_view key) const {
  std::vector<std::string> out;
  const auto* v = member(key, nlohmann::json::value_t::array, "an array");
  if (v == nullptr) return out;
  for (const auto& item : *v) {
    if (!item.is_string()) {
      fail(key, "an array of strings");
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> JsonView::string_map(std::string_view key) const {
  std::map<std::string, std::string> out;
  const auto* v = member(key, nlohmann::json::value_t::object, "an object");
  if (v == nullptr) return out;
  for (const auto& [k, item] : v->items()) {
    if (!item.is_string()) {
      fail(key, "a map of strings");
      return {};
    }
    out.emplace(k, item.get<std::string>());
  }
  return out;
}

JsonView JsonView::object(std::string_view key) const {
  const auto* v = member(key, nlohmann::json::value_t::object, "an object");
  return {v, join_path(path_, key), problem_};
}

std::vector<JsonView> JsonView::objects(std::string_view key) const {
  std::vector<JsonView> out;
  const auto* v = member(key, nlohmann::json::value_t::array, "an array");
  if (v == nullptr) return out;
  std::size_t index = 0;
  for (const auto& item : *v) {
    std::string item_path = fmt::format("{}[{}]", join_path(path_, key), index++);
    if (!item.is_object()) {
      if (problem_ != nullptr && problem_->empty()) {
        *problem_ = fmt::format("{} should be an object but is {}", item_path, type_name(item));
      }
      return {};
    }
    out.emplace_back(&item, std::move(item_path), problem_);
  }
  return out;
}

std::vector<std::pair<std::string, JsonView>> JsonView::object_map(std::string_view key) const {
  std::vector<std::pair<std::string, JsonView>> out;
  const auto* v = member(key, nlohmann::json::value_t::object, "an object");
  if (v == nullptr) return out;
  for (const auto& [k, item] : v->items()) {
    std::string item_path = fmt::format("{}.{}", join_path(path_, key), k);
    if (!item.is_object()) {
      if (problem_ != nullptr && problem_->empty()) {
        *problem_ = fmt::format("{} should be an object but is {}", item_path, type_name(item));
      }
      return {};
    }
    out.emplace_back(k, JsonView(&item, std::move(item_path), problem_));
  }
  return out;
}

}  // namespace certguard::aws
