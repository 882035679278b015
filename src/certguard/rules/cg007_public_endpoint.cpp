// CG-007: a REST API's endpoint is public (EDGE or REGIONAL) rather than PRIVATE.
#include <fmt/format.h>

#include <algorithm>

#include "certguard/rules/rule.h"
#include "certguard/rules/rule_support.h"

namespace certguard::rules {
namespace {

namespace s = support;

std::vector<Finding> evaluate_cg007(const inventory::Estate& estate, const RuleContext& /*ctx*/) {
  std::vector<Finding> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      if (!s::region_readable(estate, account, region, "restapis", out)) continue;
      for (const auto& api : region.rest_apis) {
        Finding f = s::make(Status::kPass, account, region, kRestApiType,
                            s::rest_api_arn(estate.partition, region.name, api.id),
                            api.name.empty() ? api.id : api.name, "");
        f.details["rest_api_id"] = api.id;
        f.details["endpoint_types"] = s::join(api.endpoint_types);
        const auto& types = api.endpoint_types;
        std::vector<std::string> public_types;
        std::copy_if(types.begin(), types.end(), std::back_inserter(public_types),
                     [](const std::string& t) { return t == "EDGE" || t == "REGIONAL"; });
        if (types.empty()) {
          f.status = Status::kError;
          f.message = "the API's endpoint type was not reported: scan again";
        } else if (!public_types.empty()) {
          f.status = Status::kFail;
          f.message = fmt::format(
              "the API's endpoint is public ({}): it is reachable from the internet, not only "
              "from VPCs through an interface endpoint",
              s::join(public_types));
        } else {
          f.message = fmt::format("the API's endpoint is {}", s::join(types));
        }
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace

Rule cg007_public_endpoint() {
  Rule rule;
  rule.metadata = RuleMetadata{
      .id = "CG-007",
      .title = "REST API endpoint is public (EDGE or REGIONAL), not PRIVATE",
      .severity = Severity::kLow,
      .resource_type = std::string(kRestApiType),
      .rationale =
          "An EDGE or REGIONAL API is reachable from anywhere on the internet. APIs that serve "
          "only internal callers are better PRIVATE (reachable through VPC interface "
          "endpoints, with a resource policy). Public APIs are often intended: suppress them "
          "with a reason.",
      .remediation =
          "If the API serves only internal callers, make it PRIVATE and add a resource policy "
          "that allows your VPC endpoint:\n"
          "  aws apigateway update-rest-api --rest-api-id {rest_api_id} --patch-operations "
          "op=replace,path=/endpointConfiguration/types/REGIONAL,value=PRIVATE\n"
          "  aws apigateway create-deployment --rest-api-id {rest_api_id} --stage-name STAGE\n"
          "Otherwise suppress the finding (config suppression or tag "
          "certguard:suppress=CG-007 with certguard:suppress-reason).",
      .references = {"Cloud Conformity AG-005", "NIST 800-53 AC-17(2)"},
      .parameters = {},
  };
  rule.evaluate = &evaluate_cg007;
  return rule;
}

}  // namespace certguard::rules
