#include "certguard/aws/auth/process_provider.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/process_runner.h"

namespace certguard::aws {
namespace {

std::string excerpt(std::string_view s, std::size_t n = 200) {
  std::string out(s.substr(0, n));
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return s.size() > n ? out + "..." : out;
}

Result<std::string> string_field(const nlohmann::json& j, const char* key, bool required,
                                 std::string_view who) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (!required) return std::string();
    return provider_failure(ErrorKind::kParse, who,
                            fmt::format("{}: the JSON it printed has no \"{}\"", who, key));
  }
  if (!it->is_string() || (required && it->get_ref<const std::string&>().empty())) {
    return provider_failure(ErrorKind::kParse, who,
                            fmt::format("{}: \"{}\" must be a non-empty string", who, key));
  }
  return it->get<std::string>();
}

}  // namespace

Result<Credentials> parse_process_output(std::string_view json, std::string_view who,
                                         WallTime now) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return provider_failure(
        ErrorKind::kParse, who,
        fmt::format("{}: its output is not a JSON object: '{}'", who, excerpt(json)));
  }
  auto version = j.find("Version");
  if (version == j.end() || !version->is_number_integer() || version->get<long long>() != 1) {
    return provider_failure(ErrorKind::kParse, who,
                            fmt::format("{}: \"Version\" must be the number 1, got {}", who,
                                        version == j.end() ? "nothing" : version->dump()));
  }
  Credentials c;
  for (auto [key, dest, required] : {std::tuple{"AccessKeyId", &c.access_key_id, true},
                                     std::tuple{"SecretAccessKey", &c.secret_access_key, true},
                                     std::tuple{"SessionToken", &c.session_token, false},
                                     std::tuple{"AccountId", &c.account_id, false}}) {
    auto v = string_field(j, key, required, who);
    if (!v) return v.error();
    *dest = std::move(*v);
  }
  auto exp = string_field(j, "Expiration", false, who);
  if (!exp) return exp.error();
  if (!exp->empty()) {
    auto t = parse_iso8601(*exp);
    if (!t) {
      return provider_failure(
          ErrorKind::kParse, who,
          fmt::format("{}: \"Expiration\" '{}' is not an ISO-8601 time", who, *exp));
    }
    if (*t <= now) {
      return provider_failure(
          ErrorKind::kCredentials, who,
          fmt::format("{}: it returned credentials that expired at {}", who, *exp));
    }
    c.expiration = *t;
  }
  c.provider = std::string(who);
  return c;
}

Result<Credentials> ProcessProvider::run() const {
  std::string who = fmt::format("credential_process of profile {}", profile_);
  auto argv = shell_split(command_);
  if (!argv) return argv.error().with_context("ResolveCredentials", who);
  auto result = run_process(*argv, env_, timeout_);
  if (!result) {
    Error e = result.error();
    e.message = fmt::format("{}: {}", who, e.message);
    e.operation = "ResolveCredentials";
    e.resource = who;
    return e;
  }
  if (result->exit_code != 0) {
    return provider_failure(ErrorKind::kCredentials, who,
                            fmt::format("{}: '{}' exited with status {}: {}", who, command_,
                                        result->exit_code, excerpt(result->err)));
  }
  return parse_process_output(result->out, who, clock_->now());
}

Task<Result<Credentials>> ProcessProvider::get() {
  co_return run();
}

}  // namespace certguard::aws
