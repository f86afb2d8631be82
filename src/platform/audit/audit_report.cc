#include "platform/audit/audit_report.h"

#include <algorithm>

namespace stepwise::audit {

namespace {

constexpr std::string_view kColumns =
    "seq, id, occurred_at, user_id, username, role, action, resource_type, resource_id, client_id, data_category, "
    "source_address, outcome, reason, request_id, hash";

StoredEvent FromRow(const db::RowView& r) {
  StoredEvent e;
  e.seq = r.Int(0);
  std::string* fields[] = {
      &e.id,          &e.occurred_at, &e.user_id,       &e.username,       &e.role,    &e.action, &e.resource_type,
      &e.resource_id, &e.client_id,   &e.data_category, &e.source_address, &e.outcome, &e.reason, &e.request_id,
      &e.hash};
  for (std::size_t i = 0; i < std::size(fields); ++i) fields[i]->assign(r.Text(i + 1));
  return e;
}

// The ORDER BY key: NULLs sort as "" on both engines, and text compares bytewise on both.
std::string SortExpr(const std::string& column, db::Dialect dialect) {
  std::string expr = column == "occurred_at" ? column : "COALESCE(" + column + ", '')";
  if (dialect == db::Dialect::kPostgres) expr = "(" + expr + " COLLATE \"C\")";
  return expr;
}

struct Sql {
  std::string text;
  std::vector<db::Param> params;
};

Sql Where(const EventQuery& q) {
  Sql s{" FROM audit_events WHERE org_id = ?", {q.org_id}};
  auto add = [&](const char* clause, const std::string& v) {
    if (v.empty()) return;
    s.text += clause;
    s.params.emplace_back(v);
  };
  add(" AND occurred_at >= ?", q.from);
  add(" AND occurred_at < ?", q.to);
  add(" AND user_id = ?", q.user_id);
  add(" AND client_id = ?", q.client_id);
  add(" AND action = ?", q.action);
  add(" AND outcome = ?", q.outcome);
  return s;
}

Result<std::string> CheckedSort(const EventQuery& q) {
  const auto& cols = SortColumns();
  if (std::find(cols.begin(), cols.end(), q.sort) == cols.end())
    return Error::Field("sort", "is not a sortable column");
  return q.sort;
}

}  // namespace

const std::vector<std::string_view>& SortColumns() {
  static const std::vector<std::string_view> kSort = {"occurred_at",   "user_id",        "role",
                                                      "action",        "resource_type",  "client_id",
                                                      "data_category", "source_address", "outcome"};
  return kSort;
}

Result<EventPage> ListEvents(db::Transaction& tx, const EventQuery& q) {
  SW_ASSIGN(std::string column, CheckedSort(q));
  const std::string key = SortExpr(column, q.dialect);
  const char* cmp = q.descending ? "<" : ">";
  const char* dir = q.descending ? " DESC" : " ASC";
  Sql s = Where(q);
  if (q.after_seq > 0) {
    SW_ASSIGN(auto cur,
              tx.Query("SELECT " + key + " FROM audit_events WHERE org_id = ? AND seq = ?", {q.org_id, q.after_seq}));
    if (cur.empty()) return Error::Field("cursor", "does not name an audit event of this page's query");
    const std::string value = cur.rows[0].Text(0);
    s.text += " AND (" + key + " " + cmp + " ? OR (" + key + " = ? AND seq " + cmp + " ?))";
    s.params.emplace_back(value);
    s.params.emplace_back(value);
    s.params.emplace_back(q.after_seq);
  }
  s.text += " ORDER BY " + key + dir + ", seq" + dir;
  if (q.limit > 0) {
    s.text += " LIMIT ?";
    s.params.emplace_back(static_cast<std::int64_t>(q.limit) + 1);
  }
  EventPage page;
  SW_TRY(tx.ForEach("SELECT " + std::string(kColumns) + s.text, s.params, [&](const db::RowView& r) {
    page.items.push_back(FromRow(r));
    return true;
  }));
  if (q.limit > 0 && page.items.size() > static_cast<std::size_t>(q.limit)) {
    page.items.pop_back();
    page.next_cursor = page.items.back().seq;
  }
  return page;
}

Status ForEachEvent(db::Transaction& tx, const EventQuery& q, const std::function<bool(const StoredEvent&)>& each) {
  SW_ASSIGN(std::string column, CheckedSort(q));
  const std::string key = SortExpr(column, q.dialect);
  const char* dir = q.descending ? " DESC" : " ASC";
  Sql s = Where(q);
  s.text += " ORDER BY " + key + dir + ", seq" + dir;
  return tx.ForEach("SELECT " + std::string(kColumns) + s.text, s.params,
                    [&](const db::RowView& r) { return each(FromRow(r)); });
}

}  // namespace stepwise::audit
