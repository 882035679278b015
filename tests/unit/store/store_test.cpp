#include "certguard/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "certguard/store/writer_lock.h"

namespace certguard::store {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cg-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    db_ = (dir_ / "sub" / "certguard.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string db_;
};

TEST(DefaultDbPath, PrefersXdgStateHome) {
  auto p = default_db_path(Env{{"XDG_STATE_HOME", "/x/state"}, {"HOME", "/home/u"}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, "/x/state/certguard/certguard.db");
  auto h = default_db_path(Env{{"HOME", "/home/u"}});
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, "/home/u/.local/state/certguard/certguard.db");
  auto none = default_db_path(Env{});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::kConfig);
  EXPECT_NE(none.error().message.find("--db"), std::string::npos);
}

RunRecord run(const std::string& id, const std::string& status, std::int64_t started = 0) {
  RunRecord r;
  r.id = id;
  r.kind = "fix";
  r.status = status;
  r.started_at = started;
  return r;
}

rules::Finding finding(const std::string& rule, rules::Status status) {
  rules::Finding f;
  f.rule_id = rule;
  f.status = status;
  return f;
}

TEST_F(StoreTest, CreatesFileWithMode0600InWalModeAndMigrates) {
  auto store = Store::open(db_);
  ASSERT_TRUE(store.ok()) << store.error().describe();
  EXPECT_EQ((*store)->schema_version(), 2);
  struct stat st {};
  ASSERT_EQ(::stat(db_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_ / "sub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);

  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "wal");
  sqlite3_finalize(q);
  sqlite3_close(raw);
}

TEST_F(StoreTest, ReopeningKeepsDataAndDoesNotRemigrate) {
  {
    auto store = Store::open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->create_run(run("r1", "planned")).ok());
  }
  auto again = Store::open(db_);
  ASSERT_TRUE(again.ok()) << again.error().describe();
  auto run = (*again)->find_run("r1");
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(run->has_value());
  EXPECT_EQ((*run)->kind, "fix");
}

TEST_F(StoreTest, RejectsNewerSchema) {
  {
    auto store = Store::open(db_);
    ASSERT_TRUE(store.ok());
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "INSERT INTO schema_version VALUES (99)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto store = Store::open(db_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kConfig);
  EXPECT_NE(store.error().message.find("99"), std::string::npos);
}

TEST_F(StoreTest, JournalIntentThenResultInSequence) {
  auto store = Store::open(db_);
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  ASSERT_TRUE(s.create_run(run("r1", "applying", 10)).ok());
  JournalEntry a;
  a.run_id = "r1";
  a.operation = "GenerateClientCertificate";
  a.account = "111111111111";
  a.region = "us-east-1";
  a.resource = "restapis/a1/stages/prod";
  a.intent_at = 11;
  ASSERT_TRUE(s.append_intent(a).ok());
  EXPECT_EQ(a.seq, 1);
  JournalEntry b = a;
  b.operation = "UpdateStage";
  b.previous_value = "old";
  ASSERT_TRUE(s.append_intent(b).ok());
  EXPECT_EQ(b.seq, 2);
  ASSERT_TRUE(s.record_result("r1", 1, "ok", "cert1", "", "req-1", 12).ok());

  auto entries = s.entries("r1");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].result, "ok");
  EXPECT_EQ((*entries)[0].new_value, "cert1");
  EXPECT_EQ((*entries)[0].request_id, "req-1");
  EXPECT_FALSE((*entries)[0].pending());
  EXPECT_TRUE((*entries)[1].pending());
  EXPECT_EQ((*entries)[1].previous_value, "old");

  ASSERT_TRUE(s.set_run_status("r1", "done", 20).ok());
  auto runs = s.list_runs();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].status, "done");
  EXPECT_EQ((*runs)[0].finished_at, 20);
}

TEST_F(StoreTest, IntentForUnknownRunIsRejected) {
  auto store = Store::open(db_);
  ASSERT_TRUE(store.ok());
  JournalEntry e;
  e.run_id = "nope";
  e.operation = "UpdateStage";
  EXPECT_FALSE((*store)->append_intent(e).ok());
}

TEST_F(StoreTest, ScanHistory) {
  auto store = Store::open(db_);
  ASSERT_TRUE(store.ok());
  rules::Finding fail = finding("CG-001", rules::Status::kFail);
  rules::Finding pass = finding("CG-007", rules::Status::kPass);
  ASSERT_TRUE((*store)->record_scan(100, {fail, pass}).ok());
  ASSERT_TRUE((*store)->record_scan(200, {pass}).ok());
  auto scans = (*store)->list_scans();
  ASSERT_TRUE(scans.ok());
  ASSERT_EQ(scans->size(), 2u);
  EXPECT_EQ((*scans)[0].at, 200);
  EXPECT_EQ((*scans)[0].failing, 0u);
  EXPECT_EQ((*scans)[1].findings, 2u);
  EXPECT_EQ((*scans)[1].failing, 1u);
}

TEST_F(StoreTest, SecondWriterGetsConflictNamingHolder) {
  std::filesystem::create_directories(dir_);
  const std::string db = (dir_ / "x.db").string();
  auto first = WriterLock::acquire(db, "certguard fix --apply");
  ASSERT_TRUE(first.ok()) << first.error().describe();
  // A separate process: flock conflicts between open file descriptions.
  pid_t child = ::fork();
  if (child == 0) {
    auto second = WriterLock::acquire(db, "other");
    bool good = !second.ok() && second.error().kind == ErrorKind::kConflict &&
                second.error().message.find("certguard fix --apply") != std::string::npos;
    ::_exit(good ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(StoreTest, LockIsReleasedWhenHolderDies) {
  std::filesystem::create_directories(dir_);
  const std::string db = (dir_ / "x.db").string();
  pid_t child = ::fork();
  if (child == 0) {
    auto held = WriterLock::acquire(db, "doomed");
    ::_exit(held.ok() ? 0 : 1);  // dies holding the lock, without running destructors
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  auto mine = WriterLock::acquire(db, "me");
  EXPECT_TRUE(mine.ok());
}

}  // namespace
}  // namespace certguard::store
