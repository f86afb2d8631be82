#include "care/documents/orientation_store.h"

#include "platform/base/uuid.h"
#include "platform/db/records.h"

namespace stepwise::documents {

Result<std::optional<StoredChecklist>> OrientationStore::GetChecklist(db::Transaction& tx, const std::string& org_id,
                                                                      const std::string& program_id) {
  return db::ReadOne<StoredChecklist>(
      tx,
      "SELECT program_id, org_id, version, 0, NULL, created_at, updated_at, items FROM orientation_checklists "
      "WHERE org_id = ? AND program_id = ?",
      {org_id, program_id}, [](const db::Row& row) {
        return StoredChecklist{db::ReadMeta(row, 0), row.Text(7)};
      });
}

Status OrientationStore::InsertChecklist(db::Transaction& tx, const StoredChecklist& c) {
  SW_TRY(
      tx.Execute("INSERT INTO orientation_checklists (program_id, org_id, items, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 {c.meta.id, c.meta.org_id, c.items_json, c.meta.version, c.meta.created_at, c.meta.updated_at}));
  return Ok();
}

Status OrientationStore::UpdateChecklist(db::Transaction& tx, const StoredChecklist& c, std::int64_t expected,
                                         const std::string& now) {
  SW_ASSIGN(auto changed, tx.Execute("UPDATE orientation_checklists SET items = ?, version = version + 1, "
                                     "updated_at = ? WHERE org_id = ? AND program_id = ? AND version = ?",
                                     {c.items_json, now, c.meta.org_id, c.meta.id, expected}));
  if (changed == 0) return Error::StaleVersion();
  return Ok();
}

Result<std::vector<ItemCompletion>> OrientationStore::Completions(db::Transaction& tx, const std::string& org_id,
                                                                  const std::string& episode_id) {
  return db::ReadAll<ItemCompletion>(
      tx,
      "SELECT code, done, note, completed_at, completed_by, completed_by_name FROM orientation_completions "
      "WHERE org_id = ? AND episode_id = ? ORDER BY code",
      {org_id, episode_id}, [](const db::Row& row) {
        return ItemCompletion{row.Text(0), row.Int(1) != 0, row.Text(2), row.Text(3), row.Text(4), row.Text(5)};
      });
}

Status OrientationStore::SaveCompletion(db::Transaction& tx, const std::string& org_id, const std::string& client_id,
                                        const std::string& episode_id, const ItemCompletion& c,
                                        const std::string& now) {
  SW_ASSIGN(auto changed,
            tx.Execute("UPDATE orientation_completions SET done = ?, note = ?, completed_at = ?, completed_by = ?, "
                       "completed_by_name = ?, version = version + 1, updated_at = ? WHERE org_id = ? AND "
                       "episode_id = ? AND code = ?",
                       {std::int64_t{c.done ? 1 : 0}, db::OptText(c.note), c.completed_at, c.completed_by,
                        c.completed_by_name, now, org_id, episode_id, c.code}));
  if (changed > 0) return Ok();
  SW_TRY(tx.Execute(
      "INSERT INTO orientation_completions (id, org_id, client_id, episode_id, code, done, note, completed_at, "
      "completed_by, completed_by_name, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, "
      "?)",
      {NewUuidV7(), org_id, client_id, episode_id, c.code, std::int64_t{c.done ? 1 : 0}, db::OptText(c.note),
       c.completed_at, c.completed_by, c.completed_by_name, now, now}));
  return Ok();
}

}  // namespace stepwise::documents
