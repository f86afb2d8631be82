#include "care/documents/amendment_store.h"

#include "platform/db/records.h"

namespace stepwise::documents::amendment_store {
namespace {

const std::string kColumns =
    std::string(db::kMetaColumns) +
    ", client_id, record_type, record_id, record_description, requested_change, client_reason, received_on, "
    "due_on, extended_to, extension_reason, status, decided_at, decided_by, decided_by_name, amendment_text, denial_reason, "
    "disagreement";

Amendment Read(const db::Row& row) {
  Amendment a;
  a.meta = db::ReadMeta(row, 0);
  std::size_t i = 7;
  a.client_id = row.Text(i++);
  a.record_type = row.Text(i++);
  a.record_id = row.Text(i++);
  a.record_description = row.Text(i++);
  a.requested_change = row.Text(i++);
  a.client_reason = row.Text(i++);
  a.received_on = ParseDate(row.Text(i++)).value_or(Date{});
  a.due_on = ParseDate(row.Text(i++)).value_or(Date{});
  a.extended_to = ParseDate(row.Text(i++));
  a.extension_reason = row.Text(i++);
  a.status = row.Text(i++);
  a.decided_at = row.Text(i++);
  a.decided_by = row.Text(i++);
  a.decided_by_name = row.Text(i++);
  a.amendment_text = row.Text(i++);
  a.denial_reason = row.Text(i++);
  a.disagreement = row.Text(i++);
  return a;
}

db::Param OptDate(const std::optional<Date>& d) { return d ? db::Param(FormatDate(*d)) : db::Param(nullptr); }

}  // namespace

Status Insert(db::Transaction& tx, const Amendment& a) {
  SW_TRY(tx.Execute(
      "INSERT INTO amendments (id, org_id, client_id, record_type, record_id, record_description, requested_change, "
      "client_reason, received_on, due_on, status, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {a.meta.id, a.meta.org_id, a.client_id, a.record_type, db::OptText(a.record_id), a.record_description,
       a.requested_change, db::OptText(a.client_reason), FormatDate(a.received_on), FormatDate(a.due_on), a.status,
       a.meta.version, a.meta.created_at, a.meta.updated_at}));
  return Ok();
}

Result<std::optional<Amendment>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<Amendment>(tx, "SELECT " + kColumns + " FROM amendments WHERE org_id = ? AND id = ?",
                                {org_id, id}, Read);
}

Result<std::vector<Amendment>> OfClient(db::Transaction& tx, const std::string& org_id, const std::string& client_id) {
  return db::ReadAll<Amendment>(tx,
                                "SELECT " + kColumns +
                                    " FROM amendments WHERE org_id = ? AND client_id = ? "
                                    "ORDER BY received_on DESC, created_at DESC, id DESC",
                                {org_id, client_id}, Read);
}

Result<std::vector<Amendment>> Pending(db::Transaction& tx, const std::string& org_id) {
  return db::ReadAll<Amendment>(tx,
                                "SELECT " + kColumns +
                                    " FROM amendments WHERE org_id = ? AND status = 'pending' AND voided = 0 "
                                    "ORDER BY due_on, id",
                                {org_id}, Read);
}

Status Update(db::Transaction& tx, const Amendment& a, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(
      tx, "amendments", a.meta.org_id, a.meta.id, expected,
      "status = ?, due_on = ?, extended_to = ?, extension_reason = ?, decided_at = ?, decided_by = ?, "
      "decided_by_name = ?, amendment_text = ?, denial_reason = ?, disagreement = ?",
      {a.status, FormatDate(a.due_on), OptDate(a.extended_to), db::OptText(a.extension_reason),
       db::OptText(a.decided_at), db::OptText(a.decided_by), db::OptText(a.decided_by_name),
       db::OptText(a.amendment_text), db::OptText(a.denial_reason), db::OptText(a.disagreement)},
      now);
}

}  // namespace stepwise::documents::amendment_store
