#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "certguard/remediate/apply.h"
#include "certguard/remediate/plan.h"
#include "certguard/remediate/region_state.h"
#include "certguard/remediate/rollback.h"
#include "certguard/remediate/tags.h"
#include "certguard/rules/evaluate.h"
#include "journal_fixture.h"
#include "sim_fixture.h"

namespace certguard::remediate {
namespace {

using testing::fixture_estate;
using testing::kAccount;
using testing::kRegion;
using testing::now_seconds;
using testing::SimFixture;

std::vector<rules::Finding> scan(const inventory::Estate& estate) {
  rules::RuleContext ctx;
  ctx.now = now_seconds();
  ctx.strict = true;
  return rules::evaluate(estate, ctx);
}

inventory::Estate as_estate(inventory::Region region) {
  inventory::Estate e;
  inventory::Account a;
  a.id = kAccount;
  a.regions.push_back(std::move(region));
  e.accounts.push_back(std::move(a));
  return e;
}

std::set<std::string> targets(const FixPlan& plan) {
  std::set<std::string> out;
  for (const auto& i : plan.items) out.insert(i.rest_api_id + "/" + i.stage_name + ":" + i.rule_id);
  return out;
}

TEST(PlanFix, OnePerFailingStageForDefaultRules) {
  inventory::Estate estate = fixture_estate();
  auto plan = plan_fix(estate, scan(estate), FixOptions{});
  ASSERT_TRUE(plan.ok()) << plan.error().describe();
  EXPECT_EQ(targets(*plan), (std::set<std::string>{"a1orders/prod:CG-001", "a2users/prod:CG-002",
                                                   "a2users/beta:CG-004"}));
  EXPECT_EQ(plan->certificates_to_generate, 3u);
  for (const auto& i : plan->items) EXPECT_EQ(i.target, i.rest_api_id + "/" + i.stage_name);
}

TEST(PlanFix, RulesOptionAndApiScope) {
  inventory::Estate estate = fixture_estate();
  FixOptions only001;
  only001.rules = {"CG-001"};
  auto plan = plan_fix(estate, scan(estate), only001);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(targets(*plan), (std::set<std::string>{"a1orders/prod:CG-001"}));

  FixOptions api;
  api.scope = CertScope::kApi;
  api.pem_dir = "/pems";
  auto per_api = plan_fix(estate, scan(estate), api);
  ASSERT_TRUE(per_api.ok());
  EXPECT_EQ(per_api->certificates_to_generate, 2u);  // a1orders and a2users
  for (const auto& i : per_api->items) {
    EXPECT_EQ(i.target, i.rest_api_id);
    EXPECT_EQ(i.pem_path, fmt::format("/pems/{}/{}/{}.pem", kAccount, kRegion, i.rest_api_id));
  }
}

TEST(PlanFix, QuotaOf60CertificatesPerRegionIsAClearError) {
  inventory::Estate estate = fixture_estate();
  auto& region = estate.accounts[0].regions[0];
  for (int i = 0; i < 57; ++i) {
    inventory::ClientCertificate c;
    c.id = fmt::format("filler{:02}", i);
    c.expiration_date = now_seconds() + 100 * 86400;
    region.client_certificates.push_back(c);
  }
  // 59 certificates + 3 new > 60.
  auto plan = plan_fix(estate, scan(estate), FixOptions{});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().kind, ErrorKind::kLimitExceeded);
  EXPECT_NE(plan.error().message.find("--cert-scope api"), std::string::npos);
  FixOptions api;
  api.scope = CertScope::kApi;  // 59 + 2 still over
  EXPECT_FALSE(plan_fix(estate, scan(estate), api).ok());
  region.client_certificates.pop_back();  // 58 + 2 = 60: allowed
  EXPECT_TRUE(plan_fix(estate, scan(estate), api).ok());
}

TEST(PlanFix, JsonRoundTrip) {
  inventory::Estate estate = fixture_estate();
  FixOptions o;
  o.redeploy = true;
  o.pem_dir = "/x";
  auto plan = plan_fix(estate, scan(estate), o);
  ASSERT_TRUE(plan.ok());
  auto back = fix_plan_from_json(to_json(*plan));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(to_json(*back), to_json(*plan));
  EXPECT_FALSE(fix_plan_from_json(nlohmann::json{{"items", 1}}).ok());
  EXPECT_NE(format_plan_table(*plan).find("a2users"), std::string::npos);
}

class ApplyTest : public testing::SimJournalTest {
 protected:
  void SetUp() override {
    // AWS's quotas off: CreateDeployment pacing is tested on its own below, with a short
    // interval instead of the real 5 s.
    sim::SimServerOptions options;
    options.engine.quotas.enabled = false;
    start("remediate", fixture_estate(), options);
  }

  FixPlan plan(FixOptions options) {
    auto p = plan_fix(as_estate(read()), scan(as_estate(read())), options);
    EXPECT_TRUE(p.ok()) << p.error().describe();
    return p.ok() ? *p : FixPlan{};
  }
  Result<ApplyReport> apply(const FixPlan& p, const std::string& run) {
    if (!store_->find_run(run)->has_value()) {
      store::RunRecord r;
      r.id = run;
      r.kind = "fix";
      r.status = "applying";
      EXPECT_TRUE(store_->create_run(r).ok());
    }
    Journal journal(store_.get(), run, &sim_->clock());
    return sim_->loop().run(apply_fix(&p, &journal, &deps_));
  }
  Result<ApplyReport> rollback(const std::string& run, RollbackPlan* out = nullptr) {
    auto entries = store_->entries(run);
    EXPECT_TRUE(entries.ok());
    auto rp = sim_->loop().run(plan_rollback(run, *entries, &deps_.client));
    if (!rp.ok()) return rp.error();
    if (out != nullptr) *out = *rp;
    const std::string id = run + "-rollback";
    if (!store_->find_run(id)->has_value()) {
      store::RunRecord r;
      r.id = id;
      r.kind = "rollback";
      r.parent_run = run;
      r.status = "applying";
      EXPECT_TRUE(store_->create_run(r).ok());
    }
    Journal journal(store_.get(), id, &sim_->clock());
    return sim_->loop().run(apply_rollback(&*rp, &journal, &deps_));
  }
};

TEST_F(ApplyTest, FixAttachesTaggedCertificatesWritesPemsAndThenPlanIsEmpty) {
  FixOptions o;
  o.pem_dir = (dir_ / "pem").string();
  o.redeploy = true;
  FixPlan p = plan(o);
  ASSERT_EQ(p.items.size(), 3u);
  auto report = apply(p, "run1");
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_EQ(report->certificates_generated.size(), 3u);
  EXPECT_EQ(report->stages_changed.size(), 3u);
  EXPECT_EQ(report->deployments.size(), 3u);
  EXPECT_EQ(report->pem_files.size(), 3u);

  inventory::Region after = read();
  for (const auto& api : after.rest_apis) {
    for (const auto& s : api.stages) {
      const auto* c = find_certificate(after, s.client_certificate_id);
      ASSERT_NE(c, nullptr) << api.id << "/" << s.stage_name;
      if (s.stage_name == "dev") {
        EXPECT_EQ(c->id, "okcert");
        continue;
      }
      EXPECT_EQ(c->tags.at(std::string(kTagManaged)), "true");
      EXPECT_EQ(c->tags.at(std::string(kTagRun)), "run1");
      EXPECT_EQ(c->tags.at(std::string(kTagTarget)), api.id + "/" + s.stage_name);
      EXPECT_NE(c->description.find(api.id), std::string::npos);
      std::string pem_file =
          pem_path_for(o.pem_dir, kAccount, kRegion, api.id + "/" + s.stage_name);
      std::ifstream in(pem_file);
      std::string first;
      std::getline(in, first);
      EXPECT_EQ(first, "-----BEGIN CERTIFICATE-----") << pem_file;
    }
  }
  FixPlan after_plan = plan(o);
  EXPECT_TRUE(after_plan.items.empty()) << format_plan_table(after_plan);

  auto entries = store_->entries("run1");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 9u);  // generate, update, deploy per stage
  for (const auto& e : *entries) EXPECT_EQ(e.result, "ok") << e.operation;
}

TEST_F(ApplyTest, ApplyingTheSamePlanAgainChangesNothing) {
  FixPlan p = plan(FixOptions{});
  ASSERT_TRUE(apply(p, "run1").ok());
  std::size_t certs = read().client_certificates.size();
  auto again = apply(p, "run1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->certificates_generated.empty());
  EXPECT_TRUE(again->stages_changed.empty());
  EXPECT_EQ(read().client_certificates.size(), certs);
}

TEST_F(ApplyTest, ANewRunReusesAnUnattachedCertificateForTheSameTarget) {
  FixPlan p = plan(FixOptions{});
  // Simulate a run that generated a certificate for a1orders/prod and died.
  services::apigateway::GenerateClientCertificateRequest g;
  g.tags = {{std::string(kTagManaged), "true"},
            {std::string(kTagRun), "dead"},
            {std::string(kTagTarget), "a1orders/prod"}};
  auto made = sim_->loop().run(sim_->client()->generate_client_certificate(g));
  ASSERT_TRUE(made.ok());
  FixPlan fresh = plan(FixOptions{});
  EXPECT_EQ(fresh.certificates_to_generate, 2u);
  auto report = apply(fresh, "run2");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->certificates_reused, std::vector<std::string>{made->client_certificate_id});
  inventory::Region after = read();
  const auto* s = find_stage(after, "a1orders", "prod");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->client_certificate_id, made->client_certificate_id);
}

TEST_F(ApplyTest, ADuplicateFromARetriedGenerateIsDeletedAndNothingElse) {
  FixPlan p = plan(FixOptions{});
  // A GenerateClientCertificate whose response was lost and which was retried: run1 has two
  // certificates for a1orders/prod.
  services::apigateway::GenerateClientCertificateRequest g;
  g.tags = {{std::string(kTagManaged), "true"},
            {std::string(kTagRun), "run1"},
            {std::string(kTagTarget), "a1orders/prod"}};
  auto first = sim_->loop().run(sim_->client()->generate_client_certificate(g));
  auto second = sim_->loop().run(sim_->client()->generate_client_certificate(g));
  ASSERT_TRUE(first.ok() && second.ok());
  auto report = apply(p, "run1");
  ASSERT_TRUE(report.ok()) << report.error().describe();
  inventory::Region after = read();
  const std::string attached = find_stage(after, "a1orders", "prod")->client_certificate_id;
  ASSERT_TRUE(attached == first->client_certificate_id ||
              attached == second->client_certificate_id);
  EXPECT_EQ(report->certificates_deleted.size(), 1u);
  EXPECT_NE(find_certificate(after, attached), nullptr);
  for (const auto& c : after.client_certificates) {
    EXPECT_FALSE(stages_referencing(after, c.id).empty() && c.tags.count(std::string(kTagRun)))
        << "orphan " << c.id;
  }
  EXPECT_EQ(after.client_certificates.size(), 2u + 3u);  // expcert, okcert + one per target
}

TEST_F(ApplyTest, RollbackRestoresTheOriginalStateAndIsIdempotent) {
  inventory::Region before = read();
  ASSERT_TRUE(apply(plan(FixOptions{}), "run1").ok());
  RollbackPlan rp;
  auto report = rollback("run1", &rp);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  // a2users/prod's previous id is dangling: it cannot be restored and keeps its new one.
  EXPECT_EQ(report->stages_changed.size(), 2u);
  EXPECT_EQ(report->certificates_deleted.size(), 2u);
  inventory::Region after = read();
  EXPECT_EQ(find_stage(after, "a1orders", "prod")->client_certificate_id, "");
  EXPECT_EQ(find_stage(after, "a1orders", "dev")->client_certificate_id, "okcert");
  EXPECT_EQ(find_stage(after, "a2users", "beta")->client_certificate_id, "expcert");
  EXPECT_NE(find_stage(after, "a2users", "prod")->client_certificate_id, "");
  EXPECT_EQ(after.client_certificates.size(), before.client_certificates.size() + 1);

  auto again = rollback("run1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->stages_changed.empty());
  EXPECT_TRUE(again->certificates_deleted.empty());
}

TEST_F(ApplyTest, RollbackNeverDeletesACertificateAStageStillUses) {
  ASSERT_TRUE(apply(plan(FixOptions{}), "run1").ok());
  // Somebody attaches run1's a1orders/prod certificate to a1orders/dev as well.
  std::string cert = find_stage(read(), "a1orders", "prod")->client_certificate_id;
  ASSERT_TRUE(sim_->attach("a1orders", "dev", cert).ok());

  auto report = rollback("run1");
  ASSERT_TRUE(report.ok()) << report.error().describe();
  inventory::Region after = read();
  EXPECT_NE(find_certificate(after, cert), nullptr);  // still referenced by dev: kept
  EXPECT_EQ(find_stage(after, "a1orders", "dev")->client_certificate_id, cert);
  EXPECT_EQ(find_stage(after, "a1orders", "prod")->client_certificate_id, "");
}

TEST_F(ApplyTest, RollbackChecksReferencesAgainJustBeforeEachDelete) {
  ASSERT_TRUE(apply(plan(FixOptions{}), "run1").ok());
  auto entries = store_->entries("run1");
  ASSERT_TRUE(entries.ok());
  auto rp = sim_->loop().run(plan_rollback("run1", *entries, &deps_.client));
  ASSERT_TRUE(rp.ok());
  // Between planning and applying, somebody attaches a certificate the plan deletes.
  std::string victim;
  for (const auto& step : rp->steps) {
    if (step.kind == RollbackStep::Kind::kDeleteCertificate) victim = step.certificate_id;
  }
  ASSERT_FALSE(victim.empty());
  ASSERT_TRUE(sim_->attach("a1orders", "dev", victim).ok());

  store::RunRecord r;
  r.id = "undo";
  r.kind = "rollback";
  ASSERT_TRUE(store_->create_run(r).ok());
  Journal journal(store_.get(), "undo", &sim_->clock());
  auto report = sim_->loop().run(apply_rollback(&*rp, &journal, &deps_));
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_EQ(
      std::count(report->certificates_deleted.begin(), report->certificates_deleted.end(), victim),
      0);
  EXPECT_NE(find_certificate(read(), victim), nullptr);
  auto undo = store_->entries("undo");
  ASSERT_TRUE(undo.ok());
  for (const auto& e : *undo) {
    EXPECT_FALSE(e.operation == "DeleteClientCertificate" && e.previous_value == victim);
  }
}

TEST_F(ApplyTest, AStageThatHadACertificateKeepsOneAndDeploymentsArePaced) {
  inventory::Region before = read();
  FixOptions o;
  o.redeploy = true;
  deps_.deployment_interval = std::chrono::milliseconds(300);
  const auto started = std::chrono::steady_clock::now();
  auto report = apply(plan(o), "run1");
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(report.ok()) << report.error().describe();
  ASSERT_EQ(report->deployments.size(), 3u);
  EXPECT_GE(took, std::chrono::milliseconds(600));  // 3 deployments, 300 ms apart
  EXPECT_EQ(ApplyDeps{}.deployment_interval, std::chrono::milliseconds(5000));  // AWS: 1 per 5 s
  inventory::Region after = read();
  for (const auto& api : before.rest_apis) {
    for (const auto& s : api.stages) {
      if (s.client_certificate_id.empty()) continue;
      const auto* now = find_stage(after, api.id, s.stage_name);
      ASSERT_NE(now, nullptr);
      EXPECT_NE(find_certificate(after, now->client_certificate_id), nullptr)
          << api.id << "/" << s.stage_name;
    }
  }
  // Every UpdateStage fix journaled attaches a certificate; none removes one.
  auto entries = store_->entries("run1");
  ASSERT_TRUE(entries.ok());
  for (const auto& e : *entries) {
    if (e.operation == "UpdateStage") {
      EXPECT_FALSE(e.new_value.empty()) << e.resource;
    }
  }
}

TEST_F(ApplyTest, RollbackOfACrashedRunFindsCertificatesByTag) {
  FixPlan p = plan(FixOptions{});
  // The run journaled the intent to generate, generated, and died before the result.
  const std::string made =
      die_after_generate("crashed", "fix", "a1orders/prod", kTagTarget, "a1orders/prod");
  ASSERT_FALSE(made.empty());
  auto report = rollback("crashed");
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_EQ(report->certificates_deleted, std::vector<std::string>{made});
  EXPECT_EQ(find_certificate(read(), made), nullptr);
}

}  // namespace
}  // namespace certguard::remediate
