#include "certguard/aws/auth/web_identity_provider.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "certguard/aws/auth/assume_role_provider.h"
#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/sts_assume_role.h"
#include "certguard/aws/config/strings.h"

namespace certguard::aws {

Result<std::optional<WebIdentityConfig>> web_identity_config(const Environment& env,
                                                             const Profile* profile) {
  auto make = [](std::optional<std::string> file, std::optional<std::string> arn,
                 const std::optional<std::string>& session,
                 std::string source) -> Result<std::optional<WebIdentityConfig>> {
    if (!file && !arn) return std::optional<WebIdentityConfig>{};
    if (!file || !arn) {
      return provider_failure(ErrorKind::kConfig, "web identity",
                              fmt::format("{} sets {} but not {}; web identity needs both", source,
                                          file ? "a web identity token file" : "a role ARN",
                                          file ? "the role ARN" : "the token file"));
    }
    return std::optional<WebIdentityConfig>(
        WebIdentityConfig{*file, *arn, session.value_or(""), std::move(source)});
  };
  if (env.has("AWS_WEB_IDENTITY_TOKEN_FILE")) {
    return make(env.get("AWS_WEB_IDENTITY_TOKEN_FILE"), env.get("AWS_ROLE_ARN"),
                env.get("AWS_ROLE_SESSION_NAME"),
                "the environment (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)");
  }
  if (profile != nullptr && profile->get("web_identity_token_file")) {
    return make(profile->get("web_identity_token_file"), profile->get("role_arn"),
                profile->get("role_session_name"), fmt::format("profile {}", profile->name));
  }
  return std::optional<WebIdentityConfig>{};
}

Task<Result<Credentials>> WebIdentityProvider::get() {
  std::string who = fmt::format("web identity from {}", config_.source);
  std::ifstream in(config_.token_file, std::ios::binary);
  std::ostringstream buf;
  if (in) buf << in.rdbuf();
  std::string token(trim(buf.str()));
  if (!in || token.empty()) {
    co_return provider_failure(
        ErrorKind::kConfig, who,
        fmt::format("cannot read a web identity token from {} ({}); check the file exists and "
                    "is not empty",
                    config_.token_file, config_.source));
  }
  AssumeRoleParams params{config_.role_arn, config_.session_name, "", std::nullopt};
  if (params.session_name.empty()) params.session_name = default_session_name(*clock_);
  auto task = sts_assume_role_with_web_identity(*transport_, endpoint_, params, token);
  Result<Credentials> out = co_await std::move(task);
  co_return out;
}

}  // namespace certguard::aws
