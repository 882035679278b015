#include "certguard/rules/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>

namespace certguard::rules {
namespace {

TEST(Catalog, IdsUniqueAndOrdered) {
  const auto rules = catalog();
  ASSERT_EQ(rules.size(), 8U);
  std::set<std::string> ids;
  for (const auto& r : rules) EXPECT_TRUE(ids.insert(r.metadata.id).second) << r.metadata.id;
  for (std::size_t i = 1; i < rules.size(); ++i) {
    EXPECT_LT(rules[i - 1].metadata.id, rules[i].metadata.id);
  }
}

TEST(Catalog, EveryRuleIsComplete) {
  for (const auto& r : catalog()) {
    const auto& m = r.metadata;
    SCOPED_TRACE(m.id);
    EXPECT_NE(r.evaluate, nullptr);
    EXPECT_FALSE(m.title.empty());
    EXPECT_FALSE(m.rationale.empty());
    EXPECT_FALSE(m.resource_type.empty());
    EXPECT_NE(m.remediation.find("aws "), std::string::npos) << "no AWS CLI command";
    EXPECT_FALSE(m.references.empty());
  }
}

TEST(Catalog, SeveritiesAndReferencesAsDesigned) {
  EXPECT_EQ(find_rule("CG-001")->metadata.severity, Severity::kMedium);
  EXPECT_EQ(find_rule("CG-002")->metadata.severity, Severity::kHigh);
  EXPECT_EQ(find_rule("CG-003")->metadata.severity, Severity::kHigh);
  EXPECT_EQ(find_rule("CG-004")->metadata.severity, Severity::kCritical);
  EXPECT_EQ(find_rule("CG-005")->metadata.severity, Severity::kHigh);
  EXPECT_EQ(find_rule("CG-006")->metadata.severity, Severity::kMedium);
  EXPECT_EQ(find_rule("CG-007")->metadata.severity, Severity::kLow);
  EXPECT_EQ(find_rule("CG-008")->metadata.severity, Severity::kLow);
  const auto refs = find_rule("CG-001")->metadata.references;
  for (const char* r :
       {"AWS FSBP APIGateway.2", "AWS Config api-gw-ssl-enabled", "Cloud Conformity AG-006",
        "NIST 800-53 SC-8", "NIST 800-53 SC-23", "NIST 800-53 IA-5(1)"}) {
    EXPECT_NE(std::find(refs.begin(), refs.end(), r), refs.end()) << r;
  }
  EXPECT_EQ(find_rule("CG-003")->metadata.references.front(), "Cloud Conformity AG-008");
  EXPECT_EQ(find_rule("CG-007")->metadata.references.front(), "Cloud Conformity AG-005");
  EXPECT_FALSE(find_rule("CG-999").has_value());
}

// "cg003_client_certificate_expiring.cpp" must have "cg003_client_certificate_expiring_test.cpp".
TEST(Catalog, EveryRuleHasItsFileAndTest) {
  const std::filesystem::path src = std::filesystem::path(CG_SOURCE_DIR) / "src/certguard/rules";
  const std::filesystem::path tests = std::filesystem::path(CG_SOURCE_DIR) / "tests/unit/rules";
  for (const auto& r : catalog()) {
    std::string prefix = "cg" + r.metadata.id.substr(3) + "_";
    bool has_source = false;
    for (const auto& entry : std::filesystem::directory_iterator(src)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) != 0 || entry.path().extension() != ".cpp") continue;
      has_source = true;
      const std::string stem = entry.path().stem().string();
      EXPECT_TRUE(std::filesystem::exists(tests / (stem + "_test.cpp"))) << stem;
    }
    EXPECT_TRUE(has_source) << r.metadata.id;
  }
}

TEST(Finding, StatusAndSeverityNames) {
  EXPECT_EQ(to_string(Status::kNotApplicable), "NOT_APPLICABLE");
  EXPECT_EQ(parse_status("fail"), Status::kFail);
  EXPECT_EQ(parse_status("Suppressed"), Status::kSuppressed);
  EXPECT_FALSE(parse_status("nope").has_value());
  EXPECT_EQ(parse_severity("HIGH"), Severity::kHigh);
  EXPECT_EQ(to_string(Severity::kInformational), "informational");
  EXPECT_GT(severity_rank(Severity::kCritical), severity_rank(Severity::kHigh));
  EXPECT_GT(severity_rank(Severity::kLow), severity_rank(Severity::kInformational));
}

}  // namespace
}  // namespace certguard::rules
