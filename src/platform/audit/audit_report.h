// Reading the audit trail for the report API and CSV export: filters, sort by any column, keyset pages.
// Every query is scoped to one organization.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/db/database.h"

namespace stepwise::audit {

// One stored event, as the report shows it. Optional columns are "" when NULL.
struct StoredEvent {
  std::int64_t seq = 0;
  std::string id, occurred_at, user_id, username, role, action, resource_type, resource_id, client_id, data_category,
      source_address, outcome, reason, request_id, hash;
};

// The columns a report may sort by; the first is the default.
const std::vector<std::string_view>& SortColumns();

struct EventQuery {
  std::string org_id;              // required
  std::string from;                // UTC timestamp text, inclusive; "" = unbounded
  std::string to;                  // UTC timestamp text, exclusive; "" = unbounded
  std::string user_id, client_id;  // "" = any
  std::string action, outcome;     // "" = any
  std::string sort = "occurred_at";
  bool descending = true;
  int limit = 50;              // rows per page; 0 = all (export)
  std::int64_t after_seq = 0;  // keyset cursor: the seq of the last row of the previous page; 0 = first page
  db::Dialect dialect = db::Dialect::kSqlite;  // the engine, for its collation clause
};

struct EventPage {
  std::vector<StoredEvent> items;
  std::int64_t next_cursor = 0;  // 0 when this is the last page
};

// kInvalidArgument naming "cursor" when the cursor does not name an event of the organization.
Result<EventPage> ListEvents(db::Transaction& tx, const EventQuery& query);
// Streams every matching event in order (ignores limit and cursor).
Status ForEachEvent(db::Transaction& tx, const EventQuery& query, const std::function<bool(const StoredEvent&)>& each);

}  // namespace stepwise::audit
