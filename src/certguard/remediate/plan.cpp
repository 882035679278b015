#include "certguard/remediate/plan.h"

#include <fmt/format.h>

#include <map>

#include "certguard/remediate/region_state.h"
#include "certguard/remediate/tags.h"

namespace certguard::remediate {
namespace {

std::string target_for(CertScope scope, const std::string& api, const std::string& stage) {
  return scope == CertScope::kApi ? api : api + "/" + stage;
}

// An existing certguard certificate for `target` that no stage references: a previous run
// generated it and died before attaching it. Reusing it keeps one certificate per target.
std::string reusable_certificate(const inventory::Region& region, const std::string& target) {
  for (const auto& c : region.client_certificates) {
    if (tag(c.tags, kTagManaged) == "true" && tag(c.tags, kTagTarget) == target &&
        tag(c.tags, kTagReplaces).empty() && stages_referencing(region, c.id).empty()) {
      return c.id;
    }
  }
  return {};
}

}  // namespace

std::string pem_path_for(const std::string& dir, const std::string& account,
                         const std::string& region, const std::string& target) {
  if (dir.empty()) return {};
  return fmt::format("{}/{}/{}/{}.pem", dir, account, region, target);
}

Result<FixPlan> plan_fix(const inventory::Estate& estate,
                         const std::vector<rules::Finding>& findings, const FixOptions& options) {
  FixPlan plan;
  plan.options = options;
  // Failing stages by (account, region, api, stage); the first matching rule names it.
  // CG-004's finding is about a certificate: every stage using it is a target.
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::string> wanted;
  std::map<std::tuple<std::string, std::string, std::string>, bool> expired;  // acct,region,cert
  for (const auto& f : findings) {
    if (f.status != rules::Status::kFail || options.rules.count(f.rule_id) == 0) continue;
    if (f.resource_type == rules::kStageType) {
      auto api = f.details.find("rest_api_id");
      auto stage = f.details.find("stage_name");
      if (api == f.details.end() || stage == f.details.end()) continue;
      wanted.emplace(std::make_tuple(f.account, f.region, api->second, stage->second), f.rule_id);
    } else if (f.resource_type == rules::kClientCertificateType) {
      auto cert = f.details.find("certificate_id");
      if (cert != f.details.end()) expired[{f.account, f.region, cert->second}] = true;
    }
  }
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      std::set<std::string> targets_new;
      for (const auto& api : region.rest_apis) {
        for (const auto& stage : api.stages) {
          auto key = std::make_tuple(account.id, region.name, api.id, stage.stage_name);
          std::string rule;
          if (auto it = wanted.find(key); it != wanted.end()) {
            rule = it->second;
          } else if (!stage.client_certificate_id.empty() &&
                     expired.count({account.id, region.name, stage.client_certificate_id}) > 0) {
            rule = "CG-004";
          } else {
            continue;
          }
          FixItem item;
          item.account = account.id;
          item.region = region.name;
          item.rest_api_id = api.id;
          item.stage_name = stage.stage_name;
          item.rule_id = rule;
          item.previous_certificate_id = stage.client_certificate_id;
          item.target = target_for(options.scope, api.id, stage.stage_name);
          item.reuse_certificate_id = reusable_certificate(region, item.target);
          item.pem_path = pem_path_for(options.pem_dir, account.id, region.name, item.target);
          if (item.reuse_certificate_id.empty()) targets_new.insert(item.target);
          plan.items.push_back(std::move(item));
        }
      }
      const std::size_t total = region.client_certificates.size() + targets_new.size();
      if (total > kCertificatesPerRegion) {
        return make_error(
            ErrorKind::kLimitExceeded,
            fmt::format("fix in account {} region {} needs {} new client certificate(s) but the "
                        "region has {} and API Gateway allows {} per region: use --cert-scope api "
                        "(one certificate per REST API), delete unused certificates (CG-008), or "
                        "ask AWS for a higher quota (L-824C9E42)",
                        account.id, region.name, targets_new.size(),
                        region.client_certificates.size(), kCertificatesPerRegion));
      }
      plan.certificates_to_generate += targets_new.size();
    }
  }
  return plan;
}

nlohmann::json to_json(const FixPlan& plan) {
  nlohmann::json j;
  j["rules"] = plan.options.rules;
  j["cert_scope"] = plan.options.scope == CertScope::kApi ? "api" : "stage";
  j["redeploy"] = plan.options.redeploy;
  j["pem_dir"] = plan.options.pem_dir;
  j["certificates_to_generate"] = plan.certificates_to_generate;
  j["items"] = nlohmann::json::array();
  for (const auto& i : plan.items) {
    j["items"].push_back({{"account", i.account},
                          {"region", i.region},
                          {"rest_api_id", i.rest_api_id},
                          {"stage_name", i.stage_name},
                          {"rule_id", i.rule_id},
                          {"previous_certificate_id", i.previous_certificate_id},
                          {"target", i.target},
                          {"reuse_certificate_id", i.reuse_certificate_id},
                          {"pem_path", i.pem_path}});
  }
  return j;
}

Result<FixPlan> fix_plan_from_json(const nlohmann::json& j) {
  try {
    FixPlan plan;
    plan.options.rules = j.at("rules").get<std::set<std::string>>();
    plan.options.scope =
        j.at("cert_scope").get<std::string>() == "api" ? CertScope::kApi : CertScope::kStage;
    plan.options.redeploy = j.at("redeploy").get<bool>();
    plan.options.pem_dir = j.at("pem_dir").get<std::string>();
    plan.certificates_to_generate = j.at("certificates_to_generate").get<std::size_t>();
    for (const auto& e : j.at("items")) {
      FixItem i;
      i.account = e.at("account").get<std::string>();
      i.region = e.at("region").get<std::string>();
      i.rest_api_id = e.at("rest_api_id").get<std::string>();
      i.stage_name = e.at("stage_name").get<std::string>();
      i.rule_id = e.at("rule_id").get<std::string>();
      i.previous_certificate_id = e.at("previous_certificate_id").get<std::string>();
      i.target = e.at("target").get<std::string>();
      i.reuse_certificate_id = e.at("reuse_certificate_id").get<std::string>();
      i.pem_path = e.at("pem_path").get<std::string>();
      plan.items.push_back(std::move(i));
    }
    return plan;
  } catch (const nlohmann::json::exception& e) {
    return make_error(
        ErrorKind::kParse,
        fmt::format("the run's stored plan is not a certguard fix plan: {}", e.what()));
  }
}

std::string format_plan_table(const FixPlan& plan) {
  std::string out =
      fmt::format("{:<12}  {:<14}  {:<12}  {:<16}  {:<7}  {:<22}  {}\n", "ACCOUNT", "REGION",
                  "REST API", "STAGE", "RULE", "CURRENT CERTIFICATE", "ACTION");
  for (const auto& i : plan.items) {
    std::string action = i.reuse_certificate_id.empty()
                             ? fmt::format("generate ({}), attach", i.target)
                             : fmt::format("attach existing {}", i.reuse_certificate_id);
    if (plan.options.redeploy) action += ", redeploy";
    if (!i.pem_path.empty()) action += ", write " + i.pem_path;
    out += fmt::format("{:<12}  {:<14}  {:<12}  {:<16}  {:<7}  {:<22}  {}\n", i.account, i.region,
                       i.rest_api_id, i.stage_name, i.rule_id,
                       i.previous_certificate_id.empty() ? "-" : i.previous_certificate_id, action);
  }
  out += fmt::format("{} stage(s) to fix, {} certificate(s) to generate{}\n", plan.items.size(),
                     plan.certificates_to_generate,
                     plan.items.empty() ? "" : "; nothing changes without --apply");
  return out;
}

}  // namespace certguard::remediate
