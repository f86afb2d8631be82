#include "platform/db/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace stepwise::db {
namespace {

// Maps an SQLite result code to Stepwise's error codes; the driver text goes into the message,
// which never holds bound values (SQLite reports constraint and table names only).
Error ToError(int rc, sqlite3* conn, std::string_view what) {
  const int primary = rc & 0xFF;
  std::string detail = conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc);
  switch (primary) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error::Conflict("a record with the same unique values already exists (" + detail + ")");
      }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Error::Conflict("the record refers to another record that does not exist");
      }
      return Error::InvalidArgument("the record breaks a database rule (" + detail + ")");
    case SQLITE_FULL:
      return Error::Unavailable("the database is full; free disk space and retry");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::Unavailable("the database is busy; retry");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Error::Unavailable("the database cannot be used (" + detail + ")");
    default:
      return Error::Internal(std::string(what) + ": " + detail);
  }
}

class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    if (db_) sqlite3_close_v2(db_);
  }

  Status Open(const std::string& path, int flags, int busy_timeout_ms) {
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) return ToError(rc, db_, "open");
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    return Ok();
  }

  sqlite3* raw() const { return db_; }

  Status Exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return ToError(sqlite3_extended_errcode(db_), db_, "exec");
    return Ok();
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return ToError(rc, db_, "prepare");
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* stmt, std::span<const Param> params) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      return Error::Internal("parameter count mismatch in SQL statement");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      int rc = std::visit(
          [&](const auto& v) -> int {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::nullptr_t>)
              return sqlite3_bind_null(stmt, idx);
            else if constexpr (std::is_same_v<V, std::int64_t>)
              return sqlite3_bind_int64(stmt, idx, v);
            else if constexpr (std::is_same_v<V, double>)
              return sqlite3_bind_double(stmt, idx, v);
            else
              return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
          },
          params[i]);
      if (rc != SQLITE_OK) return ToError(rc, db_, "bind");
    }
    return Ok();
  }

  // Steps a prepared statement, handing each row to `each` as views into SQLite's buffers.
  Status Stream(std::string_view sql, std::span<const Param> params, const RowCallback& each) {
    SW_ASSIGN(sqlite3_stmt * stmt, Prepare(sql));
    struct Resetter {
      sqlite3_stmt* s;
      ~Resetter() { sqlite3_reset(s); }
    } resetter{stmt};
    SW_TRY(Bind(stmt, params));
    const auto ncol = static_cast<std::size_t>(sqlite3_column_count(stmt));
    std::vector<std::string_view> values(ncol);
    auto nulls = std::make_unique<bool[]>(ncol);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return ToError(sqlite3_extended_errcode(db_), db_, "step");
      for (std::size_t c = 0; c < ncol; ++c) {
        const int ci = static_cast<int>(c);
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, ci));
        nulls[c] = p == nullptr;
        values[c] = p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, ci))) : "";
      }
      if (!each(RowView(values.data(), nulls.get(), ncol))) break;
    }
    return Ok();
  }

  // Runs a prepared statement with parameters; collects rows when `out` is given.
  Result<std::int64_t> Run(std::string_view sql, std::span<const Param> params, ResultSet* out) {
    SW_ASSIGN(sqlite3_stmt * stmt, Prepare(sql));
    struct Resetter {
      sqlite3_stmt* s;
      ~Resetter() { sqlite3_reset(s); }
    } resetter{stmt};
    SW_TRY(Bind(stmt, params));
    const int ncol = sqlite3_column_count(stmt);
    if (out && out->columns.empty()) {
      for (int c = 0; c < ncol; ++c) out->columns.emplace_back(sqlite3_column_name(stmt, c));
    }
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return ToError(sqlite3_extended_errcode(db_), db_, "step");
      if (!out) continue;
      std::vector<std::optional<std::string>> values;
      values.reserve(static_cast<std::size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          values.emplace_back(std::nullopt);
        } else {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          values.emplace_back(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      out->rows.emplace_back(std::move(values));
    }
    return static_cast<std::int64_t>(sqlite3_changes(db_));
  }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteDatabase& owner, Connection* conn, std::unique_lock<std::mutex> writer_lock)
      : owner_(owner), conn_(conn), writer_lock_(std::move(writer_lock)) {}
  ~SqliteTransaction() override;
  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<ResultSet> Query(std::string_view sql, std::span<const Param> params) override {
    ResultSet rs;
    SW_TRY(conn_->Run(sql, params, &rs));
    return rs;
  }
  Result<std::int64_t> Execute(std::string_view sql, std::span<const Param> params) override {
    return conn_->Run(sql, params, nullptr);
  }
  Status ForEach(std::string_view sql, std::span<const Param> params, const RowCallback& each) override {
    return conn_->Stream(sql, params, each);
  }
  Status ExecuteScript(std::string_view sql) override { return conn_->Exec(sql); }
  Status Commit() override {
    auto s = conn_->Exec("COMMIT");
    if (s.ok()) done_ = true;
    return s;
  }

 private:
  SqliteDatabase& owner_;
  Connection* conn_;
  std::unique_lock<std::mutex> writer_lock_;
  bool done_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(SqliteOptions o) : options_(std::move(o)) {}

  Status Open() {
    writer_ = std::make_unique<Connection>();
    SW_TRY(writer_->Open(options_.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, options_.busy_timeout_ms));
    SW_TRY(writer_->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
    return VerifyDurability(*writer_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + options_.path; }

  Result<std::unique_ptr<Transaction>> Begin(Access access) override {
    if (access == Access::kWrite) {
      std::unique_lock lock(writer_mu_);
      SW_TRY(writer_->Exec("BEGIN IMMEDIATE"));
      return std::unique_ptr<Transaction>(std::make_unique<SqliteTransaction>(*this, writer_.get(), std::move(lock)));
    }
    SW_ASSIGN(Connection * reader, AcquireReader());
    auto s = reader->Exec("BEGIN");
    if (!s.ok()) {
      ReleaseReader(reader);
      return std::move(s).error();
    }
    return std::unique_ptr<Transaction>(
        std::make_unique<SqliteTransaction>(*this, reader, std::unique_lock<std::mutex>()));
  }

  Status Ping() override {
    SW_ASSIGN(auto tx, Begin(Access::kRead));
    SW_TRY(tx->Query("SELECT 1"));
    return tx->Commit();
  }

  void Finish(Connection* conn, bool committed, bool is_writer) {
    if (!committed) (void)conn->Exec("ROLLBACK");
    if (!is_writer) ReleaseReader(conn);
  }

  bool IsWriter(const Connection* c) const { return c == writer_.get(); }

 private:
  static Status VerifyDurability(Connection& c) {
    ResultSet rs;
    SW_TRY(c.Run("PRAGMA journal_mode", {}, &rs));
    if (rs.rows.empty() || rs.rows[0].Text(0) != "wal") {
      return Error::Unavailable("SQLite refused WAL mode on this file system; Stepwise will not run without it");
    }
    ResultSet sync, fk;
    SW_TRY(c.Run("PRAGMA synchronous", {}, &sync));
    SW_TRY(c.Run("PRAGMA foreign_keys", {}, &fk));
    if (sync.rows.empty() || sync.rows[0].Int(0) != 2) {
      return Error::Unavailable("SQLite synchronous is not FULL; Stepwise will not run with weaker durability");
    }
    if (fk.rows.empty() || fk.rows[0].Int(0) != 1) {
      return Error::Unavailable("SQLite foreign keys could not be enabled");
    }
    return Ok();
  }

  Result<Connection*> AcquireReader() {
    {
      std::lock_guard lock(pool_mu_);
      if (!idle_.empty()) {
        Connection* c = idle_.back();
        idle_.pop_back();
        return c;
      }
    }
    auto conn = std::make_unique<Connection>();
    SW_TRY(conn->Open(options_.path, SQLITE_OPEN_READONLY, options_.busy_timeout_ms));
    SW_TRY(conn->Exec("PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824;"));
    std::lock_guard lock(pool_mu_);
    all_.push_back(std::move(conn));
    return all_.back().get();
  }

  void ReleaseReader(Connection* c) {
    std::lock_guard lock(pool_mu_);
    if (static_cast<int>(idle_.size()) < options_.max_readers) {
      idle_.push_back(c);
      return;
    }
    for (auto it = all_.begin(); it != all_.end(); ++it) {
      if (it->get() == c) {
        all_.erase(it);
        return;
      }
    }
  }

  SqliteOptions options_;
  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> idle_;
};

SqliteTransaction::~SqliteTransaction() { owner_.Finish(conn_, done_, owner_.IsWriter(conn_)); }

Result<long> CopyWithBackupApi(sqlite3* from, sqlite3* to) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return ToError(sqlite3_extended_errcode(to), to, "backup init");
  int rc = sqlite3_backup_step(b, -1);
  long pages = sqlite3_backup_pagecount(b);
  int fin = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return ToError(rc, nullptr, "backup step");
  if (fin != SQLITE_OK) return ToError(fin, to, "backup finish");
  return pages;
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options) {
  // Memory statistics put one process-wide mutex around every SQLite allocation; nothing reads them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  auto db = std::make_unique<SqliteDatabase>(options);
  SW_TRY(db->Open());
  return std::unique_ptr<Database>(std::move(db));
}

Status SqliteIntegrityCheck(const std::string& path) {
  Connection c;
  SW_TRY(c.Open(path, SQLITE_OPEN_READONLY, 5000));
  ResultSet rs;
  SW_TRY(c.Run("PRAGMA integrity_check", {}, &rs));
  if (rs.rows.size() != 1 || rs.rows[0].Text(0) != "ok") {
    return Error::Unavailable("integrity check failed for " + path);
  }
  return Ok();
}

Result<long> SqliteBackup(const std::string& source, const std::string& destination) {
  if (std::filesystem::exists(destination)) {
    return Error::Conflict("the backup destination already exists: " + destination);
  }
  if (!std::filesystem::exists(source)) return Error::NotFound("no database at " + source);
  Connection from, to;
  SW_TRY(from.Open(source, SQLITE_OPEN_READONLY, 10000));
  SW_TRY(to.Open(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 10000));
  SW_ASSIGN(long pages, CopyWithBackupApi(from.raw(), to.raw()));
  // Keep the copy a single self-contained file.
  SW_TRY(to.Exec("PRAGMA journal_mode=DELETE;"));
  SW_TRY(SqliteIntegrityCheck(destination));
  return pages;
}

Status SqliteRestore(const std::string& backup, const std::string& target) {
  SW_TRY(SqliteIntegrityCheck(backup));
  Connection from, to;
  SW_TRY(from.Open(backup, SQLITE_OPEN_READONLY, 10000));
  SW_TRY(to.Open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 10000));
  SW_TRY(CopyWithBackupApi(from.raw(), to.raw()));
  SW_TRY(to.Exec("PRAGMA journal_mode=WAL;"));
  return SqliteIntegrityCheck(target);
}

}  // namespace stepwise::db
