#include "certguard/rules/evaluate.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "rules_test_support.h"

namespace certguard::rules::testing {
namespace {

Estate sample() {
  Estate e = one_region();
  region(e).client_certificates.push_back(client_cert("c1", kNow + 40 * kDay));
  RestApi api = http_api("abc123");
  api.stages.push_back(stage("prod"));
  api.stages.push_back(stage("beta", "c1"));
  region(e).rest_apis.push_back(api);
  return e;
}

std::vector<Finding> of_rule(const std::vector<Finding>& all, const std::string& id) {
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Finding& f) { return f.rule_id == id; });
  return out;
}

RuleConfig config(const std::string& yaml) {
  auto c = parse_rule_config(yaml, "test.yaml");
  EXPECT_TRUE(c.ok()) << c.error().describe();
  return c.ok() ? *c : RuleConfig{};
}

TEST(Evaluate, FillsMetadataAndRemediation) {
  const auto all = evaluate(sample(), context());
  const auto cg001 = of_rule(all, "CG-001");
  ASSERT_EQ(cg001.size(), 2U);
  const Finding& prod = cg001[1].details.at("stage_name") == "prod" ? cg001[1] : cg001[0];
  EXPECT_EQ(prod.status, Status::kFail);
  EXPECT_EQ(prod.severity, Severity::kMedium);
  EXPECT_FALSE(prod.references.empty());
  EXPECT_NE(prod.remediation.find("--rest-api-id abc123 --stage-name prod"), std::string::npos)
      << prod.remediation;
  EXPECT_EQ(prod.remediation.find('{'), std::string::npos);
}

TEST(Evaluate, DeterministicOrder) {
  Estate e = sample();
  Account b;
  b.id = "000000000001";
  Region r;
  r.name = "eu-west-1";
  r.rest_apis.push_back(http_api("zzz"));
  b.regions.push_back(r);
  e.accounts.push_back(b);
  const auto all = evaluate(e, context());
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().account, "000000000001");
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_LE(std::tie(all[i - 1].account, all[i - 1].region, all[i - 1].rule_id,
                       all[i - 1].resource_arn),
              std::tie(all[i].account, all[i].region, all[i].rule_id, all[i].resource_arn));
  }
  EXPECT_EQ(evaluate(e, context()), all);
}

TEST(Evaluate, DisabledRuleAndSeverityOverride) {
  const auto all = evaluate(sample(), context(),
                            config("rules:\n  CG-007: {enabled: false}\n  CG-001: "
                                   "{severity: critical}\n"));
  EXPECT_TRUE(of_rule(all, "CG-007").empty());
  for (const auto& f : of_rule(all, "CG-001")) EXPECT_EQ(f.severity, Severity::kCritical);
}

TEST(Evaluate, PerRuleThresholdOverridesGlobal) {
  // c1 expires in 40 days: PASS at the default 30, FAIL with CG-003 expiry_days 45.
  EXPECT_EQ(of_rule(evaluate(sample(), context()), "CG-003").at(0).status, Status::kPass);
  const auto all = evaluate(sample(), context(), config("rules:\n  CG-003: {expiry_days: 45}\n"));
  EXPECT_EQ(of_rule(all, "CG-003").at(0).status, Status::kFail);
  RuleContext global = context();
  global.expiry_days = 60;  // e.g. --expiry-days 60; the rule's own setting still wins
  const auto overridden =
      evaluate(sample(), global, config("rules:\n  CG-003: {expiry_days: 10}\n"));
  EXPECT_EQ(of_rule(overridden, "CG-003").at(0).status, Status::kPass);
  EXPECT_EQ(of_rule(evaluate(sample(), global), "CG-003").at(0).status, Status::kFail);
}

TEST(Evaluate, ConfigSuppressionByGlobAccountRegion) {
  const std::string rule = R"(
suppressions:
  - rule: CG-001
    resource: "arn:aws:apigateway:*::/restapis/abc123/stages/*"
    account: "111111111111"
    region: "us-east-1"
    reason: "internal-only backend, tracked in SEC-42"
)";
  const auto all = evaluate(sample(), context(), config(rule));
  const auto cg001 = of_rule(all, "CG-001");
  int suppressed = 0;
  for (const auto& f : cg001) {
    if (f.details.at("stage_name") == "prod") {
      EXPECT_EQ(f.status, Status::kSuppressed);
      EXPECT_EQ(f.suppression_reason, "internal-only backend, tracked in SEC-42");
      EXPECT_EQ(f.details.at("suppressed_by"), "config test.yaml:3");
      ++suppressed;
    } else {
      EXPECT_EQ(f.status, Status::kPass);  // only FAILs are suppressed
    }
  }
  EXPECT_EQ(suppressed, 1);
  // Another account or region: not suppressed.
  std::string other = rule;
  other.replace(other.find("111111111111"), 12, "999999999999");
  for (const auto& f : of_rule(evaluate(sample(), context(), config(other)), "CG-001")) {
    EXPECT_NE(f.status, Status::kSuppressed);
  }
  std::string other_region = rule;
  other_region.replace(other_region.find("us-east-1"), 9, "eu-west-1");
  for (const auto& f : of_rule(evaluate(sample(), context(), config(other_region)), "CG-001")) {
    EXPECT_NE(f.status, Status::kSuppressed);
  }
}

TEST(Evaluate, TagSuppression) {
  Estate e = sample();
  region(e).rest_apis[0].stages[0].tags = {{"certguard:suppress", "CG-002, CG-001"},
                                           {"certguard:suppress-reason", "mock backend"}};
  auto cg001 = of_rule(evaluate(e, context()), "CG-001");
  auto prod = std::find_if(cg001.begin(), cg001.end(),
                           [](const Finding& f) { return f.details.at("stage_name") == "prod"; });
  ASSERT_NE(prod, cg001.end());
  EXPECT_EQ(prod->status, Status::kSuppressed);
  EXPECT_EQ(prod->suppression_reason, "mock backend");
  // On the API, for every rule, without a reason: applies to its stages and itself.
  Estate api_tagged = sample();
  region(api_tagged).rest_apis[0].tags = {{"certguard:suppress", "*"}};
  const auto all = evaluate(api_tagged, context());
  for (const auto& f : all) {
    if (f.rule_id == "CG-007" || (f.rule_id == "CG-001" && f.details.at("stage_name") == "prod")) {
      EXPECT_EQ(f.status, Status::kSuppressed) << f.rule_id;
      EXPECT_NE(f.suppression_reason.find("no reason given"), std::string::npos);
    }
  }
  // A tag naming another rule does nothing.
  Estate wrong = sample();
  region(wrong).rest_apis[0].stages[0].tags = {{"certguard:suppress", "CG-0011"}};
  for (const auto& f : of_rule(evaluate(wrong, context()), "CG-001")) {
    EXPECT_NE(f.status, Status::kSuppressed);
  }
}

TEST(Evaluate, ErrorsAreNeverSuppressed) {
  Estate e = unreadable_region();
  const auto all = evaluate(e, context(), config("suppressions:\n  - {rule: '*', reason: x}\n"));
  ASSERT_EQ(all.size(), 8U);  // one ERROR per rule for the region
  for (const auto& f : all) EXPECT_EQ(f.status, Status::kError) << f.rule_id;
}

}  // namespace
}  // namespace certguard::rules::testing
