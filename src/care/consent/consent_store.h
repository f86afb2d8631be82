// SQL for Part 2 consents and court orders (migration 0007). The consent's signature is a row of the shared
// signatures table (owner kind "consent"), written by the service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/consent/consent_model.h"
#include "platform/db/database.h"

namespace stepwise::consent {

class ConsentStore {
 public:
  static Result<std::optional<Consent>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  // A client's consents, voided ones included, newest first.
  static Result<std::vector<Consent>> ListForClient(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& client_id);
  // Live active consents with an expiration date on or before `until` (the expiring-soon card).
  static Result<std::vector<Consent>> ActiveExpiringBy(db::Transaction& tx, const std::string& org_id, Date until);
  static Status Insert(db::Transaction& tx, const Consent& c);
  // Replaces the draft's elements (version-checked).
  static Status UpdateDraft(db::Transaction& tx, const Consent& c, std::int64_t expected, const std::string& now);
  // Marks the draft active with its signer and signing date (version-checked).
  static Status Activate(db::Transaction& tx, const Consent& c, const std::string& user_id, std::int64_t expected,
                         const std::string& now);
  static Status Revoke(db::Transaction& tx, const std::string& org_id, const std::string& id, const Revocation& r,
                       std::int64_t expected, const std::string& now);

  static Status InsertCourtOrder(db::Transaction& tx, const CourtOrder& o, const std::string& user_id);
  static Result<std::optional<CourtOrder>> GetCourtOrder(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& id);
  static Result<std::vector<CourtOrder>> CourtOrdersOf(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& client_id);
};

}  // namespace stepwise::consent
