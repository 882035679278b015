#pragma once

// The fix plan: from a fresh scan (Estate + Findings), one item per failing stage (CG-001
// no certificate, CG-002 dangling certificate, CG-004 expired certificate, by default):
// generate a client certificate (or reuse an unattached one certguard already made for the
// same target), attach it with UpdateStage, optionally redeploy, and write its PEM for the
// backend's trust store. Planning is pure: it changes nothing.

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "certguard/core/result.h"
#include "certguard/inventory/estate/estate.h"
#include "certguard/rules/finding.h"

namespace certguard::remediate {

enum class CertScope { kStage, kApi };

inline constexpr std::size_t kCertificatesPerRegion = 60;  // AWS quota L-824C9E42

struct FixOptions {
  std::set<std::string> rules = {"CG-001", "CG-002", "CG-004"};
  CertScope scope = CertScope::kStage;
  bool redeploy = false;
  std::string pem_dir;  // empty: PEM files are not written
};

struct FixItem {
  std::string account;
  std::string region;
  std::string rest_api_id;
  std::string stage_name;
  std::string rule_id;                  // the finding that asked for it
  std::string previous_certificate_id;  // what the stage has now (may be empty or dangling)
  std::string target;                   // certguard:target tag: "API/STAGE" or "API"
  std::string reuse_certificate_id;     // an unattached certguard certificate for target
  std::string pem_path;                 // where the PEM goes; empty without --pem-dir
};

struct FixPlan {
  FixOptions options;
  std::vector<FixItem> items;
  std::size_t certificates_to_generate = 0;
};

// Errors: kLimitExceeded when a region would exceed 60 client certificates (the message
// says how many exist and suggests --cert-scope api or deleting unused ones).
Result<FixPlan> plan_fix(const inventory::Estate& estate,
                         const std::vector<rules::Finding>& findings, const FixOptions& options);

// "DIR/ACCOUNT/REGION/API/STAGE.pem" (stage scope) or "DIR/ACCOUNT/REGION/API.pem" (api).
std::string pem_path_for(const std::string& dir, const std::string& account,
                         const std::string& region, const std::string& target);

nlohmann::json to_json(const FixPlan& plan);
// Errors: kParse when `j` is not a plan written by to_json.
Result<FixPlan> fix_plan_from_json(const nlohmann::json& j);

// A fixed-width table, one row per item, and a summary line.
std::string format_plan_table(const FixPlan& plan);

}  // namespace certguard::remediate
