#include "certguard/aws/client/json_read.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <ctime>

namespace certguard::aws {
namespace {

std::string join_path(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : fmt::format("{}.{}", base, key);
}

std::string_view type_name(const nlohmann::json& value) {
  return value.type_name();
}

bool read_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && ptr == text.data() + pos + len;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
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

std::optional<WallTime> parse_iso8601(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  if (!read_int(text, 0, 4, year) || !read_int(text, 5, 2, month) || !read_int(text, 8, 2, day) ||
      !read_int(text, 11, 2, hour) || !read_int(text, 14, 2, minute) ||
      !read_int(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  double fraction = 0;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t start = ++pos;
    double scale = 0.1;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0;
    int om = 0;
    if (!read_int(text, pos + 1, 2, oh) || pos + 6 > text.size() || text[pos + 3] != ':' ||
        !read_int(text, pos + 4, 2, om)) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  }
  if (pos != text.size()) return std::nullopt;
  std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset;
  auto micros = static_cast<std::int64_t>(std::llround(fraction * 1e6));
  return WallTime{} + std::chrono::duration_cast<WallTime::duration>(
                          std::chrono::seconds(seconds) + std::chrono::microseconds(micros));
}

std::optional<WallTime> parse_json_timestamp(const nlohmann::json& value) {
  if (value.is_number_integer()) {
    return WallTime{} + std::chrono::duration_cast<WallTime::duration>(
                            std::chrono::seconds(value.get<std::int64_t>()));
  }
  if (value.is_number_float()) {
    double seconds = value.get<double>();
    if (!std::isfinite(seconds) || std::fabs(seconds) > 1e13) return std::nullopt;
    return WallTime{} +
           std::chrono::duration_cast<WallTime::duration>(std::chrono::duration<double>(seconds));
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (auto iso = parse_iso8601(text)) return iso;
    // Epoch seconds sent as a string.
    double seconds = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(seconds) &&
        std::fabs(seconds) < 1e13) {
      return WallTime{} +
             std::chrono::duration_cast<WallTime::duration>(std::chrono::duration<double>(seconds));
    }
  }
  return std::nullopt;
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
  auto t = parse_json_timestamp((*object_)[std::string(key)]);
  if (!t) fail(key, "a timestamp (epoch seconds or ISO-8601)");
  return t;
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
