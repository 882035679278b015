// Organizations ListAccounts (JSON 1.1, global endpoint): only the management account may
// call it; pages of MaxResults (1..20) with an opaque NextToken.

#include <string>

#include "sim/core/responses.h"
#include "sim/services/common.h"
#include "sim/services/services.h"

namespace certguard::sim {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxResults = 20;
// When accounts joined is not in the estate; a fixed date keeps responses stable.
constexpr inventory::EpochSeconds kJoined = 1577836800;  // 2020-01-01

SimResponse invalid_input(const SimRequest& request, const std::string& message) {
  return json11_error(request, 400, "InvalidInputException", message);
}

std::string organization_id(std::string_view management_id) {
  return "o-" + svc::derived_id(management_id, 10, "abcdefghijklmnopqrstuvwxyz0123456789");
}

json account_json(const inventory::Estate& estate, const inventory::Account& a, std::size_t index) {
  const std::string status = a.suspended ? "SUSPENDED" : "ACTIVE";
  return {{"Id", a.id},
          {"Arn", "arn:" + estate.partition + ":organizations::" + estate.management_account_id +
                      ":account/" + organization_id(estate.management_account_id) + "/" + a.id},
          {"Email", a.email.empty() ? a.id + "@example.com" : a.email},
          {"Name", a.name.empty() ? a.id : a.name},
          {"Status", status},
          {"State", status},
          {"JoinedMethod", a.id == estate.management_account_id ? "CREATED" : "INVITED"},
          {"JoinedTimestamp", kJoined + static_cast<std::int64_t>(index) * 86400}};
}

SimResponse list_accounts(const SimRequest& request, SimWorld& world, const json& body) {
  const inventory::Estate& estate = world.estate();
  if (estate.management_account_id.empty()) {
    return json11_error(request, 400, "AWSOrganizationsNotInUseException",
                        "Your account is not a member of an organization.");
  }
  if (request.account_id != estate.management_account_id) {
    return json11_error(request, 400, "AccessDeniedException",
                        "You don't have permissions to access this resource.");
  }
  std::int64_t max_results = kMaxResults;
  if (body.contains("MaxResults")) {
    if (!body["MaxResults"].is_number_integer()) {
      return invalid_input(request, "MaxResults must be an integer.");
    }
    max_results = body["MaxResults"].get<std::int64_t>();
    if (max_results < 1 || max_results > kMaxResults) {
      return invalid_input(request,
                           "You provided a value that does not match the required "
                           "pattern: MaxResults must be between 1 and 20.");
    }
  }
  std::size_t offset = 0;
  if (body.contains("NextToken") && !body["NextToken"].is_null()) {
    const auto token = body["NextToken"].is_string()
                           ? svc::parse_token(body["NextToken"].get<std::string>())
                           : std::nullopt;
    if (!token) return invalid_input(request, "The NextToken value is invalid.");
    offset = *token;
  }
  json accounts = json::array();
  const std::size_t end =
      std::min(estate.accounts.size(), offset + static_cast<std::size_t>(max_results));
  for (std::size_t i = offset; i < end; ++i) {
    accounts.push_back(account_json(estate, estate.accounts[i], i));
  }
  json out = {{"Accounts", accounts}};
  if (end < estate.accounts.size()) out["NextToken"] = svc::make_token(end);
  return json11_response(request, out);
}

}  // namespace

SimResponse handle_organizations(const SimRequest& request, SimWorld& world) {
  const auto body = svc::json_body(request);
  if (!body) {
    return json11_error(request, 400, "SerializationException",
                        "The request body is not a JSON object");
  }
  if (request.operation == "ListAccounts") return list_accounts(request, world, *body);
  return json11_error(request, 400, "UnknownOperationException",
                      "certguard-sim does not implement Organizations " + request.operation);
}

}  // namespace certguard::sim
