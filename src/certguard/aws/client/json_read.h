#pragma once

// Reading AWS JSON responses into hand-written structs with clear errors. A missing
// member is fine (AWS omits empty ones); a member of the wrong type is a kParse error
// naming the operation and the member path, never silently a default.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/clock.h"
#include "certguard/core/result.h"

namespace certguard::aws {

// Parses a response body that must be a JSON object. An empty body reads as {} only
// when `allow_empty`.
Result<nlohmann::json> parse_json_object(std::string_view body, std::string_view operation,
                                         bool allow_empty = false);

// A view of one JSON object; type errors are recorded in the shared problem string (the
// first one wins) and the accessor returns an empty value.
class JsonView {
 public:
  JsonView(const nlohmann::json* object, std::string path, std::string* problem)
      : object_(object), path_(std::move(path)), problem_(problem) {}

  [[nodiscard]] bool has(std::string_view key) const;
  std::string string(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  std::optional<double> number(std::string_view key) const;
  // Epoch seconds (integer, fraction, exponent) or ISO-8601, via aws/protocol.
  std::optional<WallTime> timestamp(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key) const;
  std::map<std::string, std::string> string_map(std::string_view key) const;
  // A nested object (an empty view when absent).
  JsonView object(std::string_view key) const;
  // Each element of an array of objects.
  std::vector<JsonView> objects(std::string_view key) const;
  // Each value of a map of objects, with its key.
  std::vector<std::pair<std::string, JsonView>> object_map(std::string_view key) const;

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  const nlohmann::json* member(std::string_view key, nlohmann::json::value_t want,
                               std::string_view want_name) const;
  void fail(std::string_view key, std::string_view want) const;

  const nlohmann::json* object_;  // null: an absent object, every read is empty
  std::string path_;
  std::string* problem_;
};

// The kParse error for a decoding problem of `operation`.
Error parse_error(std::string_view operation, std::string_view problem);

}  // namespace certguard::aws
