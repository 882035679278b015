#include "certguard/rules/config.h"

#include <gtest/gtest.h>

#include <string>

namespace certguard::rules {
namespace {

TEST(RuleConfig, ParsesTheDocumentedExample) {
  auto c = parse_rule_config(R"(
rules:
  CG-003: { expiry_days: 45 }
  CG-006: { expiry_days: 20, max_upload_age_days: 300, severity: high }
  CG-007: { enabled: false }
suppressions:
  - rule: CG-001
    resource: "arn:aws:apigateway:*::/restapis/abc123/stages/*"   # glob
    account: "111111111111"   # optional
    region: "us-east-1"       # optional
    reason: "internal-only backend, tracked in SEC-42"
  - rule: "*"
    reason: everything in the sandbox
    account: "222222222222"
)",
                             "certguard.yaml");
  ASSERT_TRUE(c.ok()) << c.error().describe();
  EXPECT_EQ(c->rules.at("CG-003").expiry_days, 45);
  EXPECT_TRUE(c->rules.at("CG-003").enabled);
  EXPECT_EQ(c->rules.at("CG-006").max_upload_age_days, 300);
  EXPECT_EQ(c->rules.at("CG-006").severity, Severity::kHigh);
  EXPECT_FALSE(c->rules.at("CG-007").enabled);
  ASSERT_EQ(c->suppressions.size(), 2U);
  EXPECT_EQ(c->suppressions[0].rule, "CG-001");
  EXPECT_EQ(c->suppressions[0].account, "111111111111");
  EXPECT_EQ(c->suppressions[0].reason, "internal-only backend, tracked in SEC-42");
  EXPECT_EQ(c->suppressions[0].origin, "certguard.yaml:7");
  EXPECT_EQ(c->suppressions[1].rule, "*");
}

TEST(RuleConfig, EmptyIsFine) {
  auto c = parse_rule_config("", "x.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, RuleConfig{});
  auto comments = parse_rule_config("# nothing\n", "x.yaml");
  ASSERT_TRUE(comments.ok());
}

struct BadCase {
  std::string yaml;
  std::string resource;  // file:line:column
  std::string message;
};

TEST(RuleConfig, ErrorsCarryLineNumbers) {
  const std::vector<BadCase> cases = {
      {"rules: {}\nsupressions: []\n", "c.yaml:2:1",
       "supressions: unknown key (allowed: rules, suppressions)"},
      {"rules:\n  CG-003: { expiry_day: 45 }\n", "c.yaml:2:13",
       "rules.CG-003.expiry_day: unknown setting for CG-003 (allowed: enabled, severity, "
       "expiry_days)"},
      {"rules:\n  CG-001:\n    expiry_days: 3\n", "c.yaml:3:5",
       "rules.CG-001.expiry_days: unknown setting for CG-001 (allowed: enabled, severity)"},
      {"rules:\n  CG-099: {}\n", "c.yaml:2:3",
       "rules.CG-099: unknown rule id (see `certguard rules`)"},
      {"rules:\n  CG-003: { expiry_days: soon }\n", "c.yaml:2:26",
       "rules.CG-003.expiry_days: expected a number of days (0 to 100000), got \"soon\""},
      {"rules:\n  CG-003: { expiry_days: -1 }\n", "c.yaml:2:26",
       "rules.CG-003.expiry_days: expected a number of days (0 to 100000), got \"-1\""},
      {"rules:\n  CG-007: { enabled: maybe }\n", "c.yaml:2:22",
       "rules.CG-007.enabled: expected true or false, got \"maybe\""},
      {"rules:\n  CG-007: { severity: urgent }\n", "c.yaml:2:23",
       "rules.CG-007.severity: expected critical, high, medium, low or informational, got "
       "\"urgent\""},
      {"rules: [CG-001]\n", "c.yaml:1:8", "rules: expected a mapping of rule ids, got a list"},
      {"- a\n", "c.yaml:1:1", "(top level): expected a mapping, got a list"},
      {"suppressions:\n  - rule: CG-001\n    reson: typo\n", "c.yaml:3:5",
       "suppressions[0].reson: unknown key (allowed: rule, resource, account, region, reason)"},
      {"suppressions:\n  - rule: CG-001\n", "c.yaml:2:5",
       "suppressions[0].reason: missing: say why this finding is accepted"},
      {"suppressions:\n  - reason: x\n", "c.yaml:2:5",
       "suppressions[0].rule: missing: a rule id or \"*\""},
      {"suppressions:\n  - { rule: CG-42, reason: x }\n", "c.yaml:2:5",
       "suppressions[0].rule: unknown rule id \"CG-42\" (see `certguard rules`)"},
      {"suppressions:\n  - rule: [CG-001]\n    reason: x\n", "c.yaml:2:11",
       "suppressions[0].rule: expected a string, got a list"},
      {"suppressions: {}\n", "c.yaml:1:15", "suppressions: expected a list, got a mapping"},
  };
  for (const auto& c : cases) {
    auto r = parse_rule_config(c.yaml, "c.yaml");
    ASSERT_FALSE(r.ok()) << c.yaml;
    EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
    EXPECT_EQ(r.error().resource, c.resource) << c.yaml;
    EXPECT_EQ(r.error().message, c.message) << c.yaml;
  }
}

TEST(RuleConfig, SyntaxErrorHasLine) {
  auto r = parse_rule_config("rules:\n  CG-003: { expiry_days: 45\n", "c.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
  EXPECT_EQ(r.error().resource.rfind("c.yaml:", 0), 0U) << r.error().resource;
  EXPECT_NE(r.error().resource, "c.yaml");
}

TEST(RuleConfig, MissingFile) {
  auto r = load_rule_config_file("/nonexistent/certguard.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(r.error().describe().find("/nonexistent/certguard.yaml"), std::string::npos);
}

}  // namespace
}  // namespace certguard::rules
