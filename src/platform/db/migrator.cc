#include "platform/db/migrator.h"

#include <string>

#include "platform/base/dates.h"

namespace stepwise::db {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

}  // namespace

Result<int> SchemaVersion(Database& db) {
  SW_ASSIGN(auto tx, db.Begin(Access::kWrite));
  // Create the table only when it is missing: a PostgreSQL role without CREATE on the schema (how
  // `serve` should run, docs/operations.md) may still read the version.
  SW_ASSIGN(auto exists, tx->Query(db.dialect() == Dialect::kPostgres
                                       ? "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_migrations' AND "
                                         "schemaname = current_schema()"
                                       : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'"));
  if (exists.rows.at(0).Int(0) == 0) SW_TRY(tx->ExecuteScript(kCreateTable));
  SW_ASSIGN(auto rs, tx->Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  SW_TRY(tx->Commit());
  return static_cast<int>(rs.rows.at(0).Int(0));
}

Result<int> Migrate(Database& db, std::span<const Migration> migrations) {
  SW_ASSIGN(int current, SchemaVersion(db));
  int latest = 0;
  for (const auto& m : migrations) latest = std::max(latest, m.version);
  if (current > latest) {
    return Error::Internal("the database schema (version " + std::to_string(current) +
                           ") is newer than this stepwise binary knows (" + std::to_string(latest) +
                           "); run a newer stepwise");
  }
  int applied = 0;
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    SW_ASSIGN(auto tx, db.Begin(Access::kWrite));
    // Re-check inside the transaction: another process may have migrated meanwhile.
    SW_ASSIGN(auto rs, tx->Query("SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
                                 {static_cast<std::int64_t>(m.version)}));
    if (rs.rows.at(0).Int(0) > 0) continue;
    auto run = tx->ExecuteScript(RenderDialect(m.sql, db.dialect()));
    if (!run.ok()) {
      Error e = std::move(run).error();
      e.message = "migration " + std::to_string(m.version) + " (" + std::string(m.name) + ") failed: " + e.message;
      return e;
    }
    SW_TRY(
        tx->Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, "
                    "?)",
                    {static_cast<std::int64_t>(m.version), std::string(m.name),
                     FormatTimestamp(std::chrono::system_clock::now())}));
    SW_TRY(tx->Commit());
    ++applied;
  }
  return applied;
}

}  // namespace stepwise::db
