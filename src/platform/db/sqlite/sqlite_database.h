// The embedded SQLite store: one file, WAL, synchronous=FULL, foreign keys on.
//
// One writer connection (write transactions are serialized with BEGIN IMMEDIATE) and a pool of reader
// connections, so reads never wait for the writer. Open() refuses to continue if SQLite does not accept
// the durability settings (for example a file system without WAL support).
#pragma once

#include <memory>
#include <string>

#include "platform/base/result.h"
#include "platform/db/database.h"

namespace stepwise::db {

struct SqliteOptions {
  std::string path;
  int busy_timeout_ms = 5000;
  int max_readers = 8;
};

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

// Takes an online, consistent copy of the database at `source` into `destination` (which must not
// exist) with SQLite's backup API, while other processes may be writing, then verifies it with
// PRAGMA integrity_check. Returns the number of pages copied.
Result<long> SqliteBackup(const std::string& source, const std::string& destination);

// Verifies `backup` and copies it over `target` with the backup API (the server must be stopped).
Status SqliteRestore(const std::string& backup, const std::string& target);

// Runs PRAGMA integrity_check on a database file; ok when it answers "ok".
Status SqliteIntegrityCheck(const std::string& path);

}  // namespace stepwise::db
