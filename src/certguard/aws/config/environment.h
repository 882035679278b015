#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace certguard::aws {

// The process environment as a value. Built once from `environ` in main and passed down,
// so nothing reads getenv deep inside and tests can state exactly what is set.
class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string, std::less<>> vars)
      : vars_(std::move(vars)) {}
  Environment(std::initializer_list<std::pair<const std::string, std::string>> vars)
      : vars_(vars) {}

  // Copies a NULL-terminated "NAME=value" array (main's envp or `environ`).
  static Environment from_envp(const char* const* envp);

  // The value of `name`, or nullopt when it is unset OR empty: like the AWS SDKs, an empty
  // variable counts as not set (AWS_PROFILE= does not select a profile named "").
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  // True when the variable is set to "true" in any letter case.
  [[nodiscard]] bool is_true(std::string_view name) const;

  void set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }
  void unset(std::string_view name);

  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& vars() const {
    return vars_;
  }

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

}  // namespace certguard::aws
