#include "certguard/rules/catalog.h"

namespace certguard::rules {

// Each rule file defines one of these. Adding a rule: its file, one declaration, one line.
Rule cg001_stage_without_client_certificate();
Rule cg002_dangling_client_certificate();
Rule cg003_client_certificate_expiring();
Rule cg004_client_certificate_expired();
Rule cg005_domain_certificate_not_issued();
Rule cg006_domain_certificate_expiring_or_stale();
Rule cg007_public_endpoint();
Rule cg008_unused_client_certificate();

std::vector<Rule> catalog() {
  return {
      cg001_stage_without_client_certificate(),
      cg002_dangling_client_certificate(),
      cg003_client_certificate_expiring(),
      cg004_client_certificate_expired(),
      cg005_domain_certificate_not_issued(),
      cg006_domain_certificate_expiring_or_stale(),
      cg007_public_endpoint(),
      cg008_unused_client_certificate(),
  };
}

std::optional<Rule> find_rule(std::string_view id) {
  for (auto& rule : catalog()) {
    if (rule.metadata.id == id) return rule;
  }
  return std::nullopt;
}

}  // namespace certguard::rules
