// The schema migrations compiled into the binary from migrations/*.sql (see cmake/embed_sql.cmake).
#pragma once

#include <span>

#include "platform/db/migrator.h"

namespace stepwise {
std::span<const db::Migration> Migrations();
}  // namespace stepwise
