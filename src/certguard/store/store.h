#pragma once

// certguard's state database (SQLite, WAL, mode 0600): the remediation journal (runs and
// their write-ahead entries) and scan history. Schema changes are migrations recorded in
// the schema_version table. The store knows nothing of AWS: entries are plain records.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certguard/core/result.h"
#include "certguard/rules/finding.h"

struct sqlite3;

namespace certguard::store {

using Env = std::map<std::string, std::string, std::less<>>;

// $XDG_STATE_HOME/certguard/certguard.db, else $HOME/.local/state/certguard/certguard.db.
// Errors: kConfig when neither XDG_STATE_HOME nor HOME is set.
Result<std::string> default_db_path(const Env& env);

// One remediation run (fix, rotate phase, rollback).
struct RunRecord {
  std::string id;          // "r-20261123T010203Z-1a2b3c"
  std::string kind;        // "fix", "rollback", ...
  std::string parent_run;  // the run a rollback undoes; empty otherwise
  std::string status;      // "planned", "applying", "done", "failed"
  std::int64_t started_at = 0;
  std::int64_t finished_at = 0;
  std::string options_json;  // what the run was asked to do (scope, rules, pem dir, ...)
};

// One journaled step: written (intent) before the AWS call, completed (result) after.
struct JournalEntry {
  std::string run_id;
  std::int64_t seq = 0;   // 1, 2, ... within the run
  std::string operation;  // "GenerateClientCertificate", "UpdateStage", ...
  std::string account;
  std::string region;
  std::string resource;        // "restapis/ID/stages/NAME" or "clientcertificates/ID"
  std::string previous_value;  // e.g. the stage's certificate id before the change
  std::string new_value;       // e.g. the certificate id attached or generated
  std::int64_t intent_at = 0;
  std::string result;  // "" while pending; "ok", "skipped" or "error"
  std::string result_detail;
  std::string request_id;
  std::int64_t result_at = 0;

  [[nodiscard]] bool pending() const { return result.empty(); }
};

struct ScanRecord {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::size_t findings = 0;
  std::size_t failing = 0;
};

class Store {
 public:
  // Opens (creating with mode 0600, parent folders 0700) and migrates. Errors: kConfig
  // naming the path when it cannot be opened or its schema is newer than this build's.
  static Result<std::unique_ptr<Store>> open(const std::string& path);
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  [[nodiscard]] int schema_version() const { return version_; }
  [[nodiscard]] const std::string& path() const { return path_; }

  Status create_run(const RunRecord& run);
  Status set_run_status(const std::string& run_id, const std::string& status,
                        std::int64_t finished_at);
  Result<std::optional<RunRecord>> find_run(const std::string& run_id);
  Result<std::vector<RunRecord>> list_runs();  // newest first

  // Journals an intent; fills entry.seq (next in the run) and returns it.
  Result<std::int64_t> append_intent(JournalEntry& entry);
  Status record_result(const std::string& run_id, std::int64_t seq, const std::string& result,
                       const std::string& new_value, const std::string& detail,
                       const std::string& request_id, std::int64_t at);
  Result<std::vector<JournalEntry>> entries(const std::string& run_id);  // by seq

  // Scan history: one scan row and its findings.
  Result<std::int64_t> record_scan(std::int64_t at, const std::vector<rules::Finding>& findings);
  Result<std::vector<ScanRecord>> list_scans();

 private:
  Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status exec(const std::string& sql);
  Status migrate();
  Error db_error(const std::string& what) const;

  sqlite3* db_;
  std::string path_;
  int version_ = 0;
};

}  // namespace certguard::store
