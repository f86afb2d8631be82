// SQL for the append-only disclosures table (migration 0007): the accounting of disclosures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/consent/disclosure_model.h"
#include "platform/db/database.h"

namespace stepwise::consent {

class DisclosureStore {
 public:
  static Status Insert(db::Transaction& tx, const Disclosure& d);
  // A client's disclosures made at or after `since` (UTC timestamp text), newest first.
  static Result<std::vector<Disclosure>> ForClientSince(db::Transaction& tx, const std::string& org_id,
                                                        const std::string& client_id, const std::string& since);
  // One disclosure of the organization, or nullopt.
  static Result<std::optional<Disclosure>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Result<std::int64_t> CountForConsent(db::Transaction& tx, const std::string& org_id,
                                              const std::string& consent_id);
};

}  // namespace stepwise::consent
