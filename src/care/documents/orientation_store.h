// SQL for programs' orientation checklists and the completions of checklist items per episode (migration 0008).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/documents/orientation_model.h"
#include "platform/db/database.h"

namespace stepwise::documents {

// A program's own checklist as stored: the items as JSON text.
struct StoredChecklist {
  RecordMeta meta;  // id = program id
  std::string items_json;
};

class OrientationStore {
 public:
  static Result<std::optional<StoredChecklist>> GetChecklist(db::Transaction& tx, const std::string& org_id,
                                                             const std::string& program_id);
  static Status InsertChecklist(db::Transaction& tx, const StoredChecklist& c);
  static Status UpdateChecklist(db::Transaction& tx, const StoredChecklist& c, std::int64_t expected,
                                const std::string& now);

  static Result<std::vector<ItemCompletion>> Completions(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& episode_id);
  // Records `c` for the episode: inserts the first time, updates the row after that.
  static Status SaveCompletion(db::Transaction& tx, const std::string& org_id, const std::string& client_id,
                               const std::string& episode_id, const ItemCompletion& c, const std::string& now);
};

}  // namespace stepwise::documents
