#include "certguard/aws/config/retry_settings.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "certguard/aws/config/strings.h"

namespace certguard::aws {
namespace {

constexpr int kMaxAttemptsLimit = 100;

struct Setting {
  std::string value;
  std::string source;
};

std::optional<Setting> lookup(const Environment& env, std::string_view var, const Profile* profile,
                              std::string_view key) {
  if (auto v = env.get(var)) return Setting{*v, std::string(var)};
  if (profile != nullptr) {
    if (auto v = profile->get(key)) {
      return Setting{*v, fmt::format("{} in profile {} ({})", key, profile->name, profile->origin)};
    }
  }
  return std::nullopt;
}

Error config_error(std::string message, std::string_view source) {
  Error e = make_error(ErrorKind::kConfig, std::move(message));
  e.operation = "ResolveRetrySettings";
  e.resource = source;
  return e;
}

}  // namespace

std::string_view to_string(RetryMode mode) {
  switch (mode) {
    case RetryMode::kLegacy:
      return "legacy";
    case RetryMode::kStandard:
      return "standard";
    case RetryMode::kAdaptive:
      return "adaptive";
  }
  return "standard";
}

Result<RetrySettings> resolve_retry_settings(const Environment& env, const Profile* profile) {
  RetrySettings out;
  if (auto mode = lookup(env, "AWS_RETRY_MODE", profile, "retry_mode")) {
    std::string m = to_lower(trim(mode->value));
    if (m == "legacy") {
      out.mode = RetryMode::kLegacy;
      out.max_attempts = 5;
    } else if (m == "standard") {
      out.mode = RetryMode::kStandard;
    } else if (m == "adaptive") {
      out.mode = RetryMode::kAdaptive;
    } else {
      return config_error(
          fmt::format("{} is '{}'; use standard, adaptive or legacy", mode->source, mode->value),
          mode->source);
    }
  }
  if (auto attempts = lookup(env, "AWS_MAX_ATTEMPTS", profile, "max_attempts")) {
    std::string_view v = trim(attempts->value);
    int n = 0;
    bool ok = !v.empty() && v.size() <= 3;
    for (char c : ok ? v : std::string_view{}) {
      if (c < '0' || c > '9') {
        ok = false;
        break;
      }
      n = n * 10 + (c - '0');
    }
    if (!ok || n < 1 || n > kMaxAttemptsLimit) {
      return config_error(
          fmt::format("{} is '{}'; it must be a whole number of attempts from 1 to {}",
                      attempts->source, attempts->value, kMaxAttemptsLimit),
          attempts->source);
    }
    out.max_attempts = n;
  }
  return out;
}

}  // namespace certguard::aws
