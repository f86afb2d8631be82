// The PostgreSQL store (libpq), for organizations that outgrow one machine.
//
// A pool of connections; each transaction holds one. `?` placeholders are rewritten to $1..$n once per
// statement text and cached. A connection that breaks is dropped and replaced on the next Begin(); a
// server that cannot be reached is reported as kUnavailable rather than ending the process.
#pragma once

#include <memory>
#include <string>

#include "platform/base/result.h"
#include "platform/db/database.h"

namespace stepwise::db {

struct PostgresOptions {
  std::string conninfo;  // a postgresql:// URI or key=value string
  int max_connections = 16;
  int connect_timeout_s = 5;
};

Result<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options);

// Rewrites `?` placeholders (outside quotes) to $1..$n. Exposed for tests.
std::string RewritePlaceholders(std::string_view sql);

// The conninfo with any password removed, for logs.
std::string RedactConninfo(std::string_view conninfo);

}  // namespace stepwise::db
