// STS (Query protocol, XML): GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity.
// AssumeRole issues temporary keys that SimWorld then accepts for the target account.

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>

#include "certguard/inventory/estate/iso8601.h"
#include "sim/core/responses.h"
#include "sim/services/common.h"
#include "sim/services/services.h"

namespace certguard::sim {
namespace {

constexpr std::string_view kStsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
constexpr std::int64_t kDefaultDuration = 3600;
// Roles in the estate have AWS's default MaxSessionDuration (1 hour); role chaining is
// capped at 1 hour as well.
constexpr std::int64_t kMaxSessionDuration = 3600;

// fmt rather than operator+ chains: g++ 12 -O3 reports a false -Wrestrict on those.
std::string wrap(const SimRequest& request, std::string_view op, const std::string& result) {
  return fmt::format(
      "<{0}Response xmlns=\"{1}\">\n  <{0}Result>\n{2}  </{0}Result>\n  <ResponseMetadata>\n"
      "    <RequestId>{3}</RequestId>\n  </ResponseMetadata>\n</{0}Response>\n",
      op, kStsNamespace, result, request.request_id);
}

std::string element(std::string_view name, std::string_view value, int indent = 4) {
  return fmt::format("{0:{1}}<{2}>{3}</{2}>\n", "", indent, name, xml_escape(value));
}

SimResponse validation_error(const SimRequest& request, const std::string& message) {
  return query_error(request, 400, "ValidationError", message);
}

// A role-id ("AROA" + 17) derived from the role ARN, the same on every call.
std::string role_id(std::string_view role_arn) {
  return "AROA" + svc::derived_id(role_arn, 17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
}

struct RoleRef {
  std::string account_id;
  std::string name;
};

// arn:PARTITION:iam::ACCOUNT:role/[path/]NAME
std::optional<RoleRef> parse_role_arn(std::string_view arn) {
  static const std::regex role_arn_pattern(
      R"(^arn:aws[a-z-]*:iam::([0-9]{12}):role/(?:[\w+=,.@/-]*/)?([\w+=,.@-]+)$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(arn.begin(), arn.end(), m, role_arn_pattern)) return std::nullopt;
  return RoleRef{m[1].str(), m[2].str()};
}

SimResponse get_caller_identity(const SimRequest& request, SimWorld& world) {
  std::string user_id = request.account_id;
  if (const TemporaryKey* key = world.temporary_key(request.access_key_id)) {
    const std::string arn =
        "arn:" + world.estate().partition + ":iam::" + key->account_id + ":role/" + key->role_name;
    user_id = role_id(arn) + ":" + key->session_name;
  }
  const std::string result = element("Arn", request.principal_arn) + element("UserId", user_id) +
                             element("Account", request.account_id);
  return xml_response(request, wrap(request, "GetCallerIdentity", result));
}

// Checks shared by AssumeRole and AssumeRoleWithWebIdentity; on success fills `duration`.
std::optional<SimResponse> check_common(const SimRequest& request, std::string_view role_arn,
                                        std::string_view session, bool chained,
                                        std::int64_t& duration) {
  if (role_arn.size() < 20 || role_arn.size() > 2048 || !parse_role_arn(role_arn)) {
    return validation_error(
        request, svc::validation_message(role_arn, "roleArn", "Member must be a valid role ARN"));
  }
  static const std::regex session_pattern(R"(^[\w+=,.@-]{2,64}$)");
  if (!std::regex_match(session.begin(), session.end(), session_pattern)) {
    return validation_error(
        request, svc::validation_message(session, "roleSessionName",
                                         "Member must satisfy regular expression pattern: "
                                         "[\\w+=,.@-]* and have length between 2 and 64"));
  }
  duration = kDefaultDuration;
  if (request.has_query_param("DurationSeconds")) {
    const std::string text(request.query_param("DurationSeconds"));
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < 900 || v > 43200) {
      return validation_error(
          request, svc::validation_message(text, "durationSeconds",
                                           "Member must have value between 900 and 43200"));
    }
    if (v > kMaxSessionDuration) {
      return validation_error(
          request, chained ? "The requested DurationSeconds exceeds the 1 hour session limit "
                             "for roles assumed by role chaining."
                           : "The requested DurationSeconds exceeds the MaxSessionDuration set "
                             "for this role.");
    }
    duration = v;
  }
  return std::nullopt;
}

SimResponse access_denied(const SimRequest& request, std::string_view role_arn,
                          std::string_view why) {
  const std::string who = request.principal_arn.empty() ? "anonymous" : request.principal_arn;
  return query_error(request, 403, "AccessDenied",
                     "User: " + who +
                         " is not authorized to perform: sts:AssumeRole on resource: " +
                         std::string(role_arn) + " (" + std::string(why) + ")");
}

// The role, if it exists in an active account of the estate.
const inventory::Role* find_role(SimWorld& world, const RoleRef& ref) {
  const inventory::Account* account = world.account(ref.account_id);
  if (account == nullptr || account->suspended) return nullptr;
  for (const auto& role : account->roles) {
    if (role.name == ref.name) return &role;
  }
  return nullptr;
}

// Issues and registers the temporary key; returns the result XML body.
std::string issue(SimWorld& world, const RoleRef& ref, std::string_view role_arn,
                  std::string_view session, std::int64_t duration) {
  TemporaryKey key;
  key.access_key_id = world.new_key_id("ASIA", 16);
  key.secret_access_key = world.new_key_id("", 40);
  key.session_token = world.new_key_id("IQoJb3JpZ2luX2VjEC", 220);
  key.account_id = ref.account_id;
  key.role_name = ref.name;
  key.session_name = std::string(session);
  key.expiration = world.now() + duration;
  const std::string partition = world.estate().partition;
  std::string out =
      "    <AssumedRoleUser>\n" +
      element("AssumedRoleId", role_id(role_arn) + ":" + key.session_name, 6) +
      element("Arn",
              "arn:" + partition + ":sts::" + ref.account_id + ":assumed-role/" + ref.name + "/" +
                  key.session_name,
              6) +
      "    </AssumedRoleUser>\n    <Credentials>\n" + element("AccessKeyId", key.access_key_id, 6) +
      element("SecretAccessKey", key.secret_access_key, 6) +
      element("SessionToken", key.session_token, 6) +
      element("Expiration", inventory::format_iso8601(key.expiration), 6) + "    </Credentials>\n";
  world.register_temporary_key(std::move(key));
  return out;
}

SimResponse assume_role(const SimRequest& request, SimWorld& world) {
  const std::string role_arn(request.query_param("RoleArn"));
  const std::string session(request.query_param("RoleSessionName"));
  // Role chaining (a caller that is itself an assumed role) is capped at one hour.
  const bool chained = world.temporary_key(request.access_key_id) != nullptr;
  std::int64_t duration = 0;
  if (auto error = check_common(request, role_arn, session, chained, duration)) return *error;
  const RoleRef ref = *parse_role_arn(role_arn);
  const inventory::Role* role = find_role(world, ref);
  if (role == nullptr) return access_denied(request, role_arn, "no such role");
  if (!role->trusted_accounts.empty() &&
      std::find(role->trusted_accounts.begin(), role->trusted_accounts.end(), request.account_id) ==
          role->trusted_accounts.end()) {
    return access_denied(request, role_arn, "the role does not trust the caller's account");
  }
  if (!role->external_id.empty() && request.query_param("ExternalId") != role->external_id) {
    return access_denied(request, role_arn, "ExternalId does not match");
  }
  return xml_response(request,
                      wrap(request, "AssumeRole", issue(world, ref, role_arn, session, duration)));
}

// Unsigned: any token is accepted; only the role must exist.
SimResponse assume_role_with_web_identity(const SimRequest& request, SimWorld& world) {
  const std::string role_arn(request.query_param("RoleArn"));
  const std::string session(request.query_param("RoleSessionName"));
  const std::string_view token = request.query_param("WebIdentityToken");
  if (token.size() < 4 || token.size() > 20000) {
    return validation_error(request,
                            svc::validation_message("***", "webIdentityToken",
                                                    "Member must have length between 4 and 20000"));
  }
  std::int64_t duration = 0;
  if (auto error = check_common(request, role_arn, session, false, duration)) return *error;
  const RoleRef ref = *parse_role_arn(role_arn);
  if (find_role(world, ref) == nullptr) {
    return query_error(request, 403, "AccessDenied",
                       "Not authorized to perform sts:AssumeRoleWithWebIdentity on " + role_arn);
  }
  std::string result = issue(world, ref, role_arn, session, duration);
  result += element("SubjectFromWebIdentityToken", "certguard-sim-subject") +
            element("Audience", "sts.amazonaws.com") +
            element("Provider", "certguard-sim.example.com");
  return xml_response(request, wrap(request, "AssumeRoleWithWebIdentity", result));
}

}  // namespace

SimResponse handle_sts(const SimRequest& request, SimWorld& world) {
  const std::string& op = request.operation;
  if (op == "GetCallerIdentity") return get_caller_identity(request, world);
  if (op == "AssumeRole") return assume_role(request, world);
  if (op == "AssumeRoleWithWebIdentity") return assume_role_with_web_identity(request, world);
  return query_error(request, 400, "InvalidAction",
                     "Could not find operation " + op + " for version 2011-06-15");
}

}  // namespace certguard::sim
