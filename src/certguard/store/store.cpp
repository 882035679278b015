#include "certguard/store/store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

namespace certguard::store {
namespace {

// Migration N (1-based) takes the schema from version N-1 to N. Never edit one that has
// shipped: append a new one.
constexpr std::array<std::string_view, 2> kMigrations = {
    R"sql(
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  parent_run TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL DEFAULT 0,
  options_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE journal (
  run_id TEXT NOT NULL REFERENCES runs(id),
  seq INTEGER NOT NULL,
  operation TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  resource TEXT NOT NULL,
  previous_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT '',
  intent_at INTEGER NOT NULL,
  result TEXT NOT NULL DEFAULT '',
  result_detail TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  result_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, seq)
);
)sql",
    R"sql(
CREATE TABLE scans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL
);
CREATE TABLE findings (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  rule_id TEXT NOT NULL,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  resource_arn TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX findings_by_resource ON findings(resource_arn, scan_id);
)sql",
};

// A prepared statement, finalized on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(stmt_); }
  [[nodiscard]] bool ok() const { return rc_ == SQLITE_OK; }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int step() { return sqlite3_step(stmt_); }
  [[nodiscard]] std::string text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? std::string{} : std::string(reinterpret_cast<const char*>(p));
  }
  [[nodiscard]] std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

RunRecord read_run(const Stmt& s) {
  return RunRecord{.id = s.text(0),
                   .kind = s.text(1),
                   .parent_run = s.text(2),
                   .status = s.text(3),
                   .started_at = s.integer(4),
                   .finished_at = s.integer(5),
                   .options_json = s.text(6)};
}

constexpr std::string_view kRunColumns =
    "id, kind, parent_run, status, started_at, finished_at, options_json";

}  // namespace

Result<std::string> default_db_path(const Env& env) {
  auto get = [&env](std::string_view key) -> std::string {
    auto it = env.find(key);
    return it == env.end() ? std::string{} : it->second;
  };
  std::string base = get("XDG_STATE_HOME");
  if (base.empty()) {
    std::string home = get("HOME");
    if (home.empty()) {
      return make_error(ErrorKind::kConfig,
                        "cannot choose a journal location: neither XDG_STATE_HOME nor HOME is "
                        "set; pass --db PATH");
    }
    base = home + "/.local/state";
  }
  return base + "/certguard/certguard.db";
}

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path() && !std::filesystem::exists(p.parent_path(), ec)) {
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) {
      return make_error(ErrorKind::kConfig, fmt::format("cannot create the folder of the journal "
                                                        "{}: {}",
                                                        path, ec.message()));
    }
    std::filesystem::permissions(p.parent_path(), std::filesystem::perms::owner_all, ec);
  }
  // Create the file with 0600 ourselves: sqlite would use the umask (often 0644), and the
  // -wal/-shm files inherit the database file's mode.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return make_error(ErrorKind::kConfig,
                      fmt::format("cannot open the journal {}: {}", path, std::strerror(errno)));
  }
  (void)::fchmod(fd, 0600);
  ::close(fd);

  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return make_error(ErrorKind::kConfig, fmt::format("cannot open the journal {}: {}", path, msg));
  }
  std::unique_ptr<Store> store(new Store(db, path));
  sqlite3_busy_timeout(db, 5000);
  // WAL: readers (journal list) never block the writer; synchronous=FULL so that a
  // journaled intent is on disk before the AWS call it announces is sent.
  if (auto s = store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                           "PRAGMA foreign_keys=ON;");
      !s.ok()) {
    return s.error();
  }
  if (auto s = store->migrate(); !s.ok()) return s.error();
  return store;
}

Store::~Store() {
  sqlite3_close(db_);
}

Error Store::db_error(const std::string& what) const {
  return make_error(ErrorKind::kInternal,
                    fmt::format("journal {}: {} failed: {}", path_, what, sqlite3_errmsg(db_)));
}

Status Store::exec(const std::string& sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string text = msg != nullptr ? msg : "unknown error";
    sqlite3_free(msg);
    return make_error(ErrorKind::kConfig,
                      fmt::format("journal {}: {} (is it a certguard database?)", path_, text));
  }
  return {};
}

Status Store::migrate() {
  if (auto s = exec("BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER "
                    "NOT NULL); COMMIT;");
      !s.ok()) {
    return s;
  }
  if (auto s = exec("BEGIN IMMEDIATE;"); !s.ok()) return s;
  {
    Stmt q(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!q.ok() || q.step() != SQLITE_ROW) {
      (void)exec("ROLLBACK;");
      return db_error("reading the schema version");
    }
    version_ = static_cast<int>(q.integer(0));
  }
  const int latest = static_cast<int>(kMigrations.size());
  if (version_ > latest) {
    (void)exec("ROLLBACK;");
    return make_error(ErrorKind::kConfig,
                      fmt::format("journal {} has schema version {}, newer than this certguard "
                                  "understands ({}): upgrade certguard or use another --db",
                                  path_, version_, latest));
  }
  for (int v = version_ + 1; v <= latest; ++v) {
    if (auto s = exec(std::string(kMigrations[static_cast<std::size_t>(v - 1)])); !s.ok()) {
      (void)exec("ROLLBACK;");
      return s;
    }
    if (auto s = exec(fmt::format("INSERT INTO schema_version(version) VALUES ({});", v));
        !s.ok()) {
      (void)exec("ROLLBACK;");
      return s;
    }
  }
  version_ = latest;
  return exec("COMMIT;");
}

Status Store::create_run(const RunRecord& run) {
  Stmt s(db_,
         "INSERT INTO runs(id, kind, parent_run, status, started_at, finished_at, options_json) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s.ok()) return db_error("create run");
  s.bind(1, run.id).bind(2, run.kind).bind(3, run.parent_run).bind(4, run.status);
  s.bind(5, run.started_at).bind(6, run.finished_at).bind(7, run.options_json);
  if (s.step() != SQLITE_DONE) return db_error("create run " + run.id);
  return {};
}

Status Store::set_run_status(const std::string& run_id, const std::string& status,
                             std::int64_t finished_at) {
  Stmt s(db_, "UPDATE runs SET status = ?2, finished_at = ?3 WHERE id = ?1");
  if (!s.ok()) return db_error("update run");
  s.bind(1, run_id).bind(2, status).bind(3, finished_at);
  if (s.step() != SQLITE_DONE) return db_error("update run " + run_id);
  return {};
}

Result<std::optional<RunRecord>> Store::find_run(const std::string& run_id) {
  Stmt s(db_, fmt::format("SELECT {} FROM runs WHERE id = ?1", kRunColumns));
  if (!s.ok()) return db_error("find run");
  s.bind(1, run_id);
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<RunRecord>{};
  if (rc != SQLITE_ROW) return db_error("find run " + run_id);
  return std::optional<RunRecord>{read_run(s)};
}

Result<std::vector<RunRecord>> Store::list_runs() {
  Stmt s(db_, fmt::format("SELECT {} FROM runs ORDER BY started_at DESC, rowid DESC", kRunColumns));
  if (!s.ok()) return db_error("list runs");
  std::vector<RunRecord> out;
  int rc = 0;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_run(s));
  if (rc != SQLITE_DONE) return db_error("list runs");
  return out;
}

Result<std::int64_t> Store::append_intent(JournalEntry& e) {
  Stmt s(db_,
         "INSERT INTO journal(run_id, seq, operation, account, region, resource, previous_value, "
         "new_value, intent_at) SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
         "FROM journal WHERE run_id = ?1 RETURNING seq");
  if (!s.ok()) return db_error("journal intent");
  s.bind(1, e.run_id).bind(2, e.operation).bind(3, e.account).bind(4, e.region);
  s.bind(5, e.resource).bind(6, e.previous_value).bind(7, e.new_value).bind(8, e.intent_at);
  if (s.step() != SQLITE_ROW) return db_error("journal intent for " + e.resource);
  e.seq = s.integer(0);
  if (s.step() != SQLITE_DONE) return db_error("journal intent for " + e.resource);
  return e.seq;
}

Status Store::record_result(const std::string& run_id, std::int64_t seq, const std::string& result,
                            const std::string& new_value, const std::string& detail,
                            const std::string& request_id, std::int64_t at) {
  Stmt s(db_,
         "UPDATE journal SET result = ?3, new_value = CASE WHEN ?4 = '' THEN new_value ELSE ?4 "
         "END, result_detail = ?5, request_id = ?6, result_at = ?7 WHERE run_id = ?1 AND seq = ?2");
  if (!s.ok()) return db_error("journal result");
  s.bind(1, run_id).bind(2, seq).bind(3, result).bind(4, new_value).bind(5, detail);
  s.bind(6, request_id).bind(7, at);
  if (s.step() != SQLITE_DONE) return db_error(fmt::format("journal result {}#{}", run_id, seq));
  return {};
}

Result<std::vector<JournalEntry>> Store::entries(const std::string& run_id) {
  Stmt s(db_,
         "SELECT run_id, seq, operation, account, region, resource, previous_value, new_value, "
         "intent_at, result, result_detail, request_id, result_at FROM journal WHERE run_id = ?1 "
         "ORDER BY seq");
  if (!s.ok()) return db_error("read journal");
  s.bind(1, run_id);
  std::vector<JournalEntry> out;
  int rc = 0;
  while ((rc = s.step()) == SQLITE_ROW) {
    out.push_back(JournalEntry{.run_id = s.text(0),
                               .seq = s.integer(1),
                               .operation = s.text(2),
                               .account = s.text(3),
                               .region = s.text(4),
                               .resource = s.text(5),
                               .previous_value = s.text(6),
                               .new_value = s.text(7),
                               .intent_at = s.integer(8),
                               .result = s.text(9),
                               .result_detail = s.text(10),
                               .request_id = s.text(11),
                               .result_at = s.integer(12)});
  }
  if (rc != SQLITE_DONE) return db_error("read journal of " + run_id);
  return out;
}

Result<std::int64_t> Store::record_scan(std::int64_t at,
                                        const std::vector<rules::Finding>& findings) {
  if (auto s = exec("BEGIN IMMEDIATE;"); !s.ok()) return s.error();
  std::int64_t scan_id = 0;
  {
    Stmt s(db_, "INSERT INTO scans(at) VALUES (?1) RETURNING id");
    if (!s.ok() || s.bind(1, at).step() != SQLITE_ROW) {
      (void)exec("ROLLBACK;");
      return db_error("record scan");
    }
    scan_id = s.integer(0);
  }
  for (const auto& f : findings) {
    Stmt s(db_,
           "INSERT INTO findings(scan_id, rule_id, status, severity, account, region, "
           "resource_arn, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    s.bind(1, scan_id).bind(2, f.rule_id).bind(3, std::string(rules::to_string(f.status)));
    s.bind(4, std::string(rules::to_string(f.severity))).bind(5, f.account).bind(6, f.region);
    s.bind(7, f.resource_arn).bind(8, f.message);
    if (!s.ok() || s.step() != SQLITE_DONE) {
      (void)exec("ROLLBACK;");
      return db_error("record finding");
    }
  }
  if (auto s = exec("COMMIT;"); !s.ok()) return s.error();
  return scan_id;
}

Result<std::vector<ScanRecord>> Store::list_scans() {
  Stmt s(db_,
         "SELECT s.id, s.at, COUNT(f.rule_id), COALESCE(SUM(f.status = 'FAIL'), 0) FROM scans s "
         "LEFT JOIN findings f ON f.scan_id = s.id GROUP BY s.id ORDER BY s.id DESC");
  if (!s.ok()) return db_error("list scans");
  std::vector<ScanRecord> out;
  int rc = 0;
  while ((rc = s.step()) == SQLITE_ROW) {
    out.push_back(ScanRecord{.id = s.integer(0),
                             .at = s.integer(1),
                             .findings = static_cast<std::size_t>(s.integer(2)),
                             .failing = static_cast<std::size_t>(s.integer(3))});
  }
  if (rc != SQLITE_DONE) return db_error("list scans");
  return out;
}

}  // namespace certguard::store
