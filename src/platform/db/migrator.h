// Versioned schema migrations, applied in order inside one transaction each.
// The applied versions are recorded in `schema_migrations`; a migration is never edited once released.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "platform/base/result.h"
#include "platform/db/database.h"

namespace stepwise::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;  // dialect tokens per RenderDialect()
};

// Applies every migration newer than the database's current version. Returns how many ran.
// Fails without changing anything further if a migration fails, or if the database is newer than
// this binary knows (a downgrade).
Result<int> Migrate(Database& db, std::span<const Migration> migrations);

// The highest applied version (0 for an empty database).
Result<int> SchemaVersion(Database& db);

}  // namespace stepwise::db
