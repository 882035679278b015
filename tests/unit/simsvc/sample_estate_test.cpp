// The shipped sample estate parses, and its hand-written expectations name resources
// that exist in it (so a typo in an ARN cannot make an e2e expectation vacuous).

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "certguard/inventory/estate/estate_json.h"

namespace certguard::inventory {
namespace {

std::set<std::string> resource_arns(const Estate& estate) {
  std::set<std::string> arns;
  for (const auto& a : estate.accounts) {
    for (const auto& r : a.regions) {
      const std::string base = "arn:aws:apigateway:" + r.name + "::";
      for (const auto& api : r.rest_apis) {
        arns.insert(base + "/restapis/" + api.id);
        for (const auto& s : api.stages) {
          arns.insert(base + "/restapis/" + api.id + "/stages/" + s.stage_name);
        }
      }
      for (const auto& c : r.client_certificates) arns.insert(base + "/clientcertificates/" + c.id);
      for (const auto& d : r.domain_names) arns.insert(base + "/domainnames/" + d.domain_name);
    }
  }
  return arns;
}

TEST(SampleEstate, ParsesAndMatchesItsExpectations) {
  auto estate = load_estate_file(CG_SOURCE_DIR "/examples/sample-estate.json");
  ASSERT_TRUE(estate.ok()) << estate.error().describe();
  EXPECT_EQ(estate->accounts.size(), 3U);
  EXPECT_EQ(estate->captured_at, 1767225600);
  EXPECT_EQ(estate->management_account_id, "111111111111");

  std::ifstream in(CG_SOURCE_DIR "/examples/sample-estate.expected.json");
  ASSERT_TRUE(in.good());
  const auto expected = nlohmann::json::parse(in);
  EXPECT_EQ(expected.at("now").get<std::int64_t>(), *estate->captured_at);
  const auto arns = resource_arns(*estate);
  std::set<std::string> fail_rules;
  std::set<std::string> pass_rules;
  for (const auto& f : expected.at("findings")) {
    const auto arn = f.at("resource_arn").get<std::string>();
    EXPECT_EQ(arns.count(arn), 1U) << arn;
    const auto status = f.at("status").get<std::string>();
    (status == "FAIL" ? fail_rules : pass_rules).insert(f.at("rule_id").get<std::string>());
  }
  for (const auto& t : expected.at("tolerated")) {
    EXPECT_EQ(arns.count(t.at("resource_arn").get<std::string>()), 1U);
  }
  // A FAIL and a PASS (or NOT_APPLICABLE) case for every rule.
  const std::set<std::string> all = {"CG-001", "CG-002", "CG-003", "CG-004",
                                     "CG-005", "CG-006", "CG-007", "CG-008"};
  EXPECT_EQ(fail_rules, all);
  EXPECT_EQ(pass_rules, all);
}

}  // namespace
}  // namespace certguard::inventory
