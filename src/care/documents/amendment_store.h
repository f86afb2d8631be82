// SQL for amendment requests (migration 0010).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/documents/amendment_model.h"
#include "platform/db/database.h"

namespace stepwise::documents::amendment_store {

Status Insert(db::Transaction& tx, const Amendment& a);
Result<std::optional<Amendment>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
// A client's requests, newest first (voided ones too, marked).
Result<std::vector<Amendment>> OfClient(db::Transaction& tx, const std::string& org_id, const std::string& client_id);
// Pending requests of the organization, soonest due first.
Result<std::vector<Amendment>> Pending(db::Transaction& tx, const std::string& org_id);
// Writes the decision fields (status, extension, decision, disagreement) with the version check.
Status Update(db::Transaction& tx, const Amendment& a, std::int64_t expected, const std::string& now);

}  // namespace stepwise::documents::amendment_store
