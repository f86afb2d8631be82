// SQL for the append-only signatures table (migration 0006, ADR 0011).
#pragma once

#include <string>
#include <vector>

#include "care/documents/signature.h"
#include "platform/db/database.h"

namespace stepwise::documents {

// Appends `s` (a fresh id is assigned when empty) after the owner's existing signatures.
Status InsertSignature(db::Transaction& tx, const std::string& org_id, const std::string& owner_kind,
                       const std::string& owner_id, Signature& s);
// The owner's signatures in signing order.
Result<std::vector<Signature>> SignaturesOf(db::Transaction& tx, const std::string& org_id,
                                            const std::string& owner_kind, const std::string& owner_id);

}  // namespace stepwise::documents
