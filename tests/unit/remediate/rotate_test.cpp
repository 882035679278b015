// rotate prepare -> cutover -> finish against the in-process certguard-sim, with the
// invariants: a referenced certificate is never deleted, no stage is ever left without a
// certificate, re-runs are idempotent, the trust bundle holds both PEMs, a dry run (a plan
// that is not applied) changes nothing. The grace period runs on an injected ManualClock.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "certguard/remediate/region_state.h"
#include "certguard/remediate/rollback.h"
#include "certguard/remediate/rotate_apply.h"
#include "certguard/remediate/rotate_plan.h"
#include "certguard/remediate/tags.h"
#include "journal_fixture.h"
#include "sim_fixture.h"

namespace certguard::remediate {
namespace {

using testing::kAccount;
using testing::kRegion;
using testing::now_seconds;
using testing::SimFixture;

using testing::certificate;
using testing::kDay;

inventory::Estate rotate_estate() {
  inventory::Estate estate = sim::SimWorld::default_estate();
  estate.accounts[0].regions.push_back(testing::rotate_region());
  return estate;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string tag(const inventory::ClientCertificate& c, std::string_view key) {
  auto it = c.tags.find(std::string(key));
  return it == c.tags.end() ? std::string{} : it->second;
}

TEST(RotatePlan, PrepareSelectsInUseCertificatesThatExpireSoon) {
  inventory::Estate estate = rotate_estate();
  RotateOptions o;
  o.pem_dir = "/pems";
  auto plan = plan_prepare(estate, o, now_seconds());
  ASSERT_TRUE(plan.ok()) << plan.error().describe();
  ASSERT_EQ(plan->prepare.size(), 1u);  // not okcert (200 days), not unused (no stage)
  const PrepareItem& item = plan->prepare[0];
  EXPECT_EQ(item.old_certificate_id, "oldsoon");
  EXPECT_EQ(item.stages.size(), 3u);
  EXPECT_TRUE(item.replacement_id.empty());
  ASSERT_EQ(item.bundles.size(), 2u);  // one per REST API that uses it
  EXPECT_EQ(item.bundles[0].path,
            fmt::format("/pems/{}/{}/a1orders/trust-bundle-oldsoon.pem", kAccount, kRegion));
  EXPECT_EQ(item.bundles[1].rest_api_id, "a2users");

  o.expiry_days = 5;  // oldsoon is 10 days out
  EXPECT_TRUE(plan_prepare(estate, o, now_seconds())->prepare.empty());
  o.certificate_id = "okcert";  // --cert: whatever its expiry
  auto one = plan_prepare(estate, o, now_seconds());
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->prepare.size(), 1u);
  EXPECT_EQ(one->prepare[0].old_certificate_id, "okcert");
  o.certificate_id = "unused";
  auto none = plan_prepare(estate, o, now_seconds());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->prepare.empty());
  ASSERT_EQ(none->notes.size(), 1u);
  o.certificate_id = "nosuch";
  auto missing = plan_prepare(estate, o, now_seconds());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

TEST(RotatePlan, PrepareRespectsTheRegionQuota) {
  inventory::Estate estate = rotate_estate();
  auto& certs = estate.accounts[0].regions[0].client_certificates;
  for (int i = 0; i < 57; ++i) certs.push_back(certificate(fmt::format("filler{:02}", i), 300));
  auto plan = plan_prepare(estate, RotateOptions{}, now_seconds());  // 60 + 1
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().kind, ErrorKind::kLimitExceeded);
  certs.pop_back();
  EXPECT_TRUE(plan_prepare(estate, RotateOptions{}, now_seconds()).ok());
}

TEST(RotatePlan, CutoverTimesTakeTheLatestDoneUpdate) {
  std::vector<store::JournalEntry> entries(3);
  for (auto& e : entries) {
    e.operation = "UpdateStage";
    e.account = "a";
    e.region = "r";
    e.previous_value = "old";
    e.new_value = "new";
  }
  entries[0].result = "ok";
  entries[0].result_at = 100;
  entries[1].result = "reconciled";
  entries[1].result_at = 300;
  entries[2].result = "error";
  entries[2].result_at = 900;
  auto times = cutover_times(entries);
  ASSERT_EQ(times.size(), 1u);
  EXPECT_EQ(times.begin()->second, 300);
}

class RotateTest : public testing::SimJournalTest {
 protected:
  void SetUp() override {
    // CreateDeployment's quota (1 per 5 s) scaled up so redeploys paced at 10 ms pass.
    sim::SimServerOptions so;
    so.engine.quotas.scale = 1000;
    start("rotate", rotate_estate(), so, &clock_);
    options_.pem_dir = (dir_ / "pem").string();
  }

  [[nodiscard]] std::int64_t now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch())
        .count();
  }
  inventory::Estate estate() {
    inventory::Estate e;
    inventory::Account a;
    a.id = kAccount;
    a.regions.push_back(read());
    e.accounts.push_back(std::move(a));
    return e;
  }
  CutoverTimes cutovers() {
    auto entries = rotate_cutover_entries(store_.get());
    EXPECT_TRUE(entries.ok());
    return cutover_times(*entries);
  }
  RotatePlan plan(RotatePhase phase) {
    switch (phase) {
      case RotatePhase::kPrepare: {
        auto p = plan_prepare(estate(), options_, now());
        EXPECT_TRUE(p.ok()) << p.error().describe();
        return p.ok() ? *p : RotatePlan{};
      }
      case RotatePhase::kCutover: {
        auto entries = rotate_cutover_entries(store_.get());
        EXPECT_TRUE(entries.ok());
        return plan_cutover(estate(), options_, *entries);
      }
      case RotatePhase::kFinish:
        return plan_finish(estate(), options_, cutovers(), now());
    }
    return {};
  }
  // Applies `p` as a new run (or as `run`, resuming it), the way the CLI does.
  Result<ApplyReport> apply(const RotatePlan& p, std::string run = {}) {
    EXPECT_TRUE(reconcile_rotate_runs(store_.get(), &clock_).ok());
    if (run.empty()) run = fmt::format("{}-{}", run_kind(p.phase), ++runs_);
    if (!store_->find_run(run)->has_value()) {
      store::RunRecord r;
      r.id = run;
      r.kind = run_kind(p.phase);
      r.status = "applying";
      r.started_at = now();
      EXPECT_TRUE(store_->create_run(r).ok());
    }
    Journal journal(store_.get(), run, &clock_);
    auto report = sim_->loop().run(apply_rotate(&p, &journal, &deps_));
    EXPECT_TRUE(store_->set_run_status(run, report.ok() ? "done" : "failed", now()).ok());
    last_run_ = run;
    return report;
  }
  Result<ApplyReport> rollback(const std::string& run, RollbackPlan* out = nullptr) {
    auto entries = store_->entries(run);
    EXPECT_TRUE(entries.ok());
    auto rp = sim_->loop().run(plan_rollback(run, *entries, &deps_.client));
    if (!rp.ok()) return rp.error();
    if (out != nullptr) *out = *rp;
    const std::string id = "rollback-" + run;
    if (!store_->find_run(id)->has_value()) {
      store::RunRecord r;
      r.id = id;
      r.kind = "rollback";
      r.parent_run = run;
      r.status = "applying";
      EXPECT_TRUE(store_->create_run(r).ok());
    }
    Journal journal(store_.get(), id, &clock_);
    return sim_->loop().run(apply_rollback(&*rp, &journal, &deps_));
  }
  // Every stage has a certificate, and it exists.
  void expect_every_stage_has_a_certificate(const inventory::Region& region) {
    for (const auto& api : region.rest_apis) {
      for (const auto& s : api.stages) {
        EXPECT_FALSE(s.client_certificate_id.empty()) << api.id << "/" << s.stage_name;
        EXPECT_NE(find_certificate(region, s.client_certificate_id), nullptr)
            << api.id << "/" << s.stage_name << " -> " << s.client_certificate_id;
      }
    }
  }
  std::string replacement() {
    const inventory::Region region = read();
    const auto* r = replacement_of(region, "oldsoon");
    return r == nullptr ? std::string{} : r->id;
  }

  ManualClock clock_{std::chrono::system_clock::now()};
  RotateOptions options_;
  int runs_ = 0;
  std::string last_run_;
};

TEST_F(RotateTest, DryRunsChangeNothing) {
  const inventory::Region before = read();
  RotatePlan prepare = plan(RotatePhase::kPrepare);
  EXPECT_EQ(prepare.prepare.size(), 1u);
  EXPECT_FALSE(format_rotate_plan(prepare).empty());
  EXPECT_EQ(to_json(prepare)["items"].size(), 1u);
  EXPECT_TRUE(plan(RotatePhase::kCutover).empty());  // nothing prepared yet
  EXPECT_TRUE(plan(RotatePhase::kFinish).empty());
  EXPECT_EQ(read(), before);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "pem"));
  auto runs = store_->list_runs();
  ASSERT_TRUE(runs.ok());
  EXPECT_TRUE(runs->empty());
}

TEST_F(RotateTest, PrepareCutoverFinishKeepsEveryStageCoveredAndDeletesOnlyAfterGrace) {
  // prepare: one replacement, tagged; a trust bundle per API with both PEMs.
  auto prepared = apply(plan(RotatePhase::kPrepare));
  ASSERT_TRUE(prepared.ok()) << prepared.error().describe();
  const std::string prepare_run = last_run_;
  ASSERT_EQ(prepared->certificates_generated.size(), 1u);
  const std::string new_id = prepared->certificates_generated[0];
  inventory::Region region = read();
  const auto* made = find_certificate(region, new_id);
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(tag(*made, kTagManaged), "true");
  EXPECT_EQ(tag(*made, kTagRun), prepare_run);
  EXPECT_EQ(tag(*made, kTagReplaces), "oldsoon");
  const auto* old = find_certificate(region, "oldsoon");
  ASSERT_NE(old, nullptr);
  ASSERT_FALSE(old->pem.empty());
  ASSERT_FALSE(made->pem.empty());
  ASSERT_EQ(prepared->pem_files.size(), 2u);
  for (const auto& api : {"a1orders", "a2users"}) {
    const std::string bundle =
        read_file(dir_ / "pem" / kAccount / kRegion / api / "trust-bundle-oldsoon.pem");
    EXPECT_NE(bundle.find(old->pem), std::string::npos) << api;
    EXPECT_NE(bundle.find(made->pem), std::string::npos) << api;
    EXPECT_EQ(bundle, trust_bundle(old->pem, made->pem));
  }
  EXPECT_EQ(stages_referencing(region, "oldsoon").size(), 3u);  // prepare attaches nothing
  expect_every_stage_has_a_certificate(region);

  // A second prepare finds the replacement by its tag: no second certificate.
  RotatePlan again = plan(RotatePhase::kPrepare);
  ASSERT_EQ(again.prepare.size(), 1u);
  EXPECT_EQ(again.prepare[0].replacement_id, new_id);
  auto second = apply(again);
  ASSERT_TRUE(second.ok()) << second.error().describe();
  EXPECT_TRUE(second->certificates_generated.empty());
  EXPECT_TRUE(second->pem_files.empty());  // bundles already right
  EXPECT_EQ(read().client_certificates.size(), 4u);

  // status: prepared.
  auto status = rotation_status(estate(), cutovers(), options_.grace_seconds);
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].phase, "prepared");
  EXPECT_EQ(status[0].stages_on_old.size(), 3u);

  // finish before cutover: nothing to delete (the old one is referenced).
  RotatePlan early = plan(RotatePhase::kFinish);
  EXPECT_TRUE(early.finish.empty());
  EXPECT_FALSE(early.notes.empty());

  // cutover (with redeploy): all three stages move to the replacement.
  options_.redeploy = true;
  RotatePlan cut = plan(RotatePhase::kCutover);
  ASSERT_EQ(cut.cutover.size(), 3u);
  auto cutover = apply(cut);
  ASSERT_TRUE(cutover.ok()) << cutover.error().describe();
  EXPECT_EQ(cutover->stages_changed.size(), 3u);
  EXPECT_EQ(cutover->deployments.size(), 3u);
  region = read();
  EXPECT_TRUE(stages_referencing(region, "oldsoon").empty());
  EXPECT_EQ(stages_referencing(region, new_id).size(), 3u);
  EXPECT_NE(find_certificate(region, "oldsoon"), nullptr);
  expect_every_stage_has_a_certificate(region);
  EXPECT_TRUE(plan(RotatePhase::kCutover).empty());  // idempotent

  status = rotation_status(estate(), cutovers(), options_.grace_seconds);
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].phase, "cut over");
  EXPECT_EQ(status[0].finish_allowed_at, now() + options_.grace_seconds);

  // finish inside the grace period: kept.
  clock_.advance(std::chrono::hours(23));
  RotatePlan waiting = plan(RotatePhase::kFinish);
  EXPECT_TRUE(waiting.finish.empty());
  ASSERT_EQ(waiting.notes.size(), 1u);
  EXPECT_NE(waiting.notes[0].find("grace"), std::string::npos);

  // after the grace period: the old certificate is deleted, once.
  clock_.advance(std::chrono::hours(2));
  RotatePlan done = plan(RotatePhase::kFinish);
  ASSERT_EQ(done.finish.size(), 1u);
  EXPECT_NE(format_rotate_plan(done).find("cannot be undone"), std::string::npos);
  auto finished = apply(done);
  ASSERT_TRUE(finished.ok()) << finished.error().describe();
  EXPECT_EQ(finished->certificates_deleted, std::vector<std::string>{"oldsoon"});
  region = read();
  EXPECT_EQ(find_certificate(region, "oldsoon"), nullptr);
  expect_every_stage_has_a_certificate(region);
  EXPECT_TRUE(plan(RotatePhase::kFinish).empty());
  EXPECT_TRUE(plan(RotatePhase::kCutover).empty());
  status = rotation_status(estate(), cutovers(), options_.grace_seconds);
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].phase, "finished");
  // A second prepare does not rotate the replacement (365 days left).
  EXPECT_TRUE(plan(RotatePhase::kPrepare).prepare.empty());
}

TEST_F(RotateTest, FinishRechecksReferencesJustBeforeDeleting) {
  ASSERT_TRUE(apply(plan(RotatePhase::kPrepare)).ok());
  ASSERT_TRUE(apply(plan(RotatePhase::kCutover)).ok());
  clock_.advance(std::chrono::hours(25));
  RotatePlan done = plan(RotatePhase::kFinish);
  ASSERT_EQ(done.finish.size(), 1u);
  // Between planning and the call, somebody points a stage back at the old certificate.
  ASSERT_TRUE(sim_->attach("a2users", "prod", "oldsoon").ok());
  auto finished = apply(done);
  ASSERT_TRUE(finished.ok()) << finished.error().describe();
  EXPECT_TRUE(finished->certificates_deleted.empty());
  inventory::Region region = read();
  EXPECT_NE(find_certificate(region, "oldsoon"), nullptr);
  expect_every_stage_has_a_certificate(region);
  // And planning sees it too.
  EXPECT_TRUE(plan(RotatePhase::kFinish).finish.empty());
}

TEST_F(RotateTest, RollbackOfCutoverRestoresTheOldCertificateAndOfPrepareDeletesTheNew) {
  ASSERT_TRUE(apply(plan(RotatePhase::kPrepare)).ok());
  const std::string prepare_run = last_run_;
  const std::string new_id = replacement();
  ASSERT_FALSE(new_id.empty());
  ASSERT_TRUE(apply(plan(RotatePhase::kCutover)).ok());
  const std::string cutover_run = last_run_;

  // Rolling back prepare first keeps the replacement: stages use it.
  RollbackPlan rp;
  ASSERT_TRUE(rollback(prepare_run, &rp).ok());
  EXPECT_NE(find_certificate(read(), new_id), nullptr);

  auto undone = rollback(cutover_run);
  ASSERT_TRUE(undone.ok()) << undone.error().describe();
  EXPECT_EQ(undone->stages_changed.size(), 3u);
  inventory::Region region = read();
  EXPECT_EQ(stages_referencing(region, "oldsoon").size(), 3u);
  EXPECT_TRUE(stages_referencing(region, new_id).empty());
  expect_every_stage_has_a_certificate(region);
  // Finish now finds the old one in use again.
  clock_.advance(std::chrono::hours(48));
  EXPECT_TRUE(plan(RotatePhase::kFinish).finish.empty());

  // Now prepare's rollback deletes the unused replacement; a second rollback does nothing.
  auto second = rollback(prepare_run);
  ASSERT_TRUE(second.ok()) << second.error().describe();
  region = read();
  EXPECT_EQ(find_certificate(region, new_id), nullptr);
  EXPECT_NE(find_certificate(region, "oldsoon"), nullptr);
  RollbackPlan again;
  ASSERT_TRUE(rollback(prepare_run, &again).ok());
  EXPECT_TRUE(again.steps.empty());
}

TEST_F(RotateTest, ARunThatDiedIsReconciledAndNotRepeated) {
  // A prepare that died after GenerateClientCertificate went through but before its
  // result was journaled: the certificate exists, the journal has only the intent.
  const std::string dead = "rotate-prepare-dead";
  const std::string made = die_after_generate(
      dead, run_kind(RotatePhase::kPrepare), "clientcertificates/oldsoon", kTagReplaces, "oldsoon");
  ASSERT_FALSE(made.empty());

  auto resumed = apply(plan(RotatePhase::kPrepare));
  ASSERT_TRUE(resumed.ok()) << resumed.error().describe();
  EXPECT_TRUE(resumed->certificates_generated.empty());
  EXPECT_EQ(resumed->certificates_reused, std::vector<std::string>{made});
  EXPECT_EQ(read().client_certificates.size(), 4u);
  auto entries = store_->entries(dead);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].result, "reconciled");
  EXPECT_EQ((*store_->find_run(dead))->status, "interrupted");
  // The bundles hold the replacement that exists.
  const std::string bundle =
      read_file(dir_ / "pem" / kAccount / kRegion / "a1orders" / "trust-bundle-oldsoon.pem");
  services::apigateway::GetClientCertificateRequest get;
  get.client_certificate_id = made;
  auto pem = sim_->loop().run(sim_->client()->get_client_certificate(get));
  ASSERT_TRUE(pem.ok());
  EXPECT_NE(bundle.find(pem->pem_encoded_certificate), std::string::npos);
}

TEST_F(RotateTest, PrepareTwiceLeavesNothingToDo) {
  ASSERT_TRUE(apply(plan(RotatePhase::kPrepare)).ok());
  RotatePlan again = plan(RotatePhase::kPrepare);
  ASSERT_EQ(again.prepare.size(), 1u);  // the replacement exists: found by its tag
  const inventory::Estate now_state = estate();
  RotatePlan kept = again;
  drop_prepared(&again, now_state);
  EXPECT_TRUE(again.empty());
  ASSERT_FALSE(again.notes.empty());
  EXPECT_NE(again.notes.back().find("prepared already"), std::string::npos);
  EXPECT_NE(format_rotate_plan(again).find("nothing to rotate"), std::string::npos);
  // A trust bundle that is missing (or stale) is still work.
  std::filesystem::remove(kept.prepare[0].bundles[0].path);
  drop_prepared(&kept, now_state);
  EXPECT_EQ(kept.prepare.size(), 1u);
}

TEST_F(RotateTest, CutoverNeverMovesAStageToACertificateThatIsGone) {
  ASSERT_TRUE(apply(plan(RotatePhase::kPrepare)).ok());
  RotatePlan cut = plan(RotatePhase::kCutover);
  ASSERT_EQ(cut.cutover.size(), 3u);
  services::apigateway::DeleteClientCertificateRequest del;
  del.client_certificate_id = replacement();
  ASSERT_TRUE(sim_->loop().run(sim_->client()->delete_client_certificate(del)).ok());
  auto report = apply(cut);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_TRUE(report->stages_changed.empty());
  EXPECT_EQ(report->notes.size(), 3u);
  inventory::Region region = read();
  EXPECT_EQ(stages_referencing(region, "oldsoon").size(), 3u);
  expect_every_stage_has_a_certificate(region);
}

TEST_F(RotateTest, CutoverRedeploysStagesWhoseRedeployNeverHappened) {
  ASSERT_TRUE(apply(plan(RotatePhase::kPrepare)).ok());
  // Cut over without --redeploy (as a --redeploy run that died before its deployments).
  auto cut = apply(plan(RotatePhase::kCutover));
  ASSERT_TRUE(cut.ok()) << cut.error().describe();
  EXPECT_TRUE(cut->deployments.empty());
  EXPECT_TRUE(plan(RotatePhase::kCutover).empty());
  options_.redeploy = true;
  RotatePlan redeploy = plan(RotatePhase::kCutover);
  ASSERT_EQ(redeploy.cutover.size(), 3u);
  for (const auto& i : redeploy.cutover) EXPECT_TRUE(i.redeploy_only);
  auto done = apply(redeploy);
  ASSERT_TRUE(done.ok()) << done.error().describe();
  EXPECT_EQ(done->deployments.size(), 3u);
  EXPECT_TRUE(done->stages_changed.empty());
  EXPECT_TRUE(plan(RotatePhase::kCutover).empty());  // deployed: nothing left
}

TEST(ApplyReportText, SaysDeletesAreFinalAndWhatCanStillBeRolledBack) {
  ApplyReport fix;
  fix.run_id = "fix-1";
  fix.stages_changed = {"a/r/api/prod: none -> c1"};
  EXPECT_EQ(report_footer(fix), "run fix-1 (undo with: certguard rollback fix-1 --apply)\n");

  ApplyReport finish;  // rotate finish: only deletes, nothing to undo
  finish.run_id = "rotate-finish-1";
  finish.undoable = false;
  finish.certificates_deleted = {"old1"};
  const std::string text = format_report_table(finish);
  EXPECT_NE(text.find("certificates deleted (1):\n  old1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("run rotate-finish-1: deletes are final"), std::string::npos) << text;
  EXPECT_NE(text.find("nothing in this run can be rolled back"), std::string::npos) << text;
  EXPECT_EQ(text.find("undo with"), std::string::npos) << text;
  EXPECT_EQ(text.find("certguard rollback rotate-finish-1"), std::string::npos) << text;
  EXPECT_FALSE(to_json(finish)["undoable"].get<bool>());

  // A fix run that also swept a duplicate: the delete is final, the rest rolls back.
  fix.certificates_deleted = {"dup1"};
  EXPECT_EQ(report_footer(fix),
            "run fix-1: deletes are final; undo its stage changes and generated certificates "
            "with: certguard rollback fix-1 --apply\n");
}

}  // namespace
}  // namespace certguard::remediate
