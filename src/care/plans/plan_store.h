// SQL for treatment plans, their versions (content as JSON text), reviews, the programs' own catalogs and
// the rows of the plans-due list (migration 0009). Signatures are documents::signature_store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/plans/plan_records.h"
#include "platform/db/database.h"

namespace stepwise::plans {

struct StoredCatalog {
  std::string program_id;
  std::string catalog_json;
  std::int64_t version = 0;
  std::string updated_at;
};

class PlanStore {
 public:
  // With its version summaries and the episode's admission date and program.
  static Result<std::optional<Plan>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Result<std::vector<Plan>> ListForClient(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id);
  // The live plan of an episode, if any.
  static Result<std::optional<std::string>> PlanOfEpisode(db::Transaction& tx, const std::string& org_id,
                                                          const std::string& episode_id);
  static Status Insert(db::Transaction& tx, const Plan& p);
  // Saves the plan's version numbers and dates (versioned).
  static Status Update(db::Transaction& tx, const Plan& p, std::int64_t expected, const std::string& now);

  // Without signatures (the service reads them from the signature store).
  static Result<std::optional<PlanVersion>> GetVersion(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& plan_id, int no);
  static Status InsertVersion(db::Transaction& tx, const PlanVersion& v);
  // Saves status, reason, content, hash, author and dates when the row is at `expected`; kFailedPrecondition
  // when stale.
  static Status UpdateVersion(db::Transaction& tx, const PlanVersion& v, std::int64_t expected, const std::string& now);

  static Status InsertReview(db::Transaction& tx, const Review& r);
  static Result<std::vector<Review>> Reviews(db::Transaction& tx, const std::string& org_id, const std::string& plan_id);

  // Clients in orientation or treatment (an open, admitted episode), with their live plan if any. With
  // `caseload_only`, only episodes whose counselor is `counselor_id` (when not "") or whose client is one of
  // `also_client_ids` (the caseload rule's other clients, ClientService::ReachedIn).
  static Result<std::vector<DueCandidate>> DueCandidates(db::Transaction& tx, const std::string& org_id,
                                                         bool caseload_only, const std::string& counselor_id,
                                                         const std::vector<std::string>& also_client_ids);

  static Result<std::optional<StoredCatalog>> Catalog(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& program_id);
  // Inserts (expected 0) or updates (versioned) a program's catalog.
  static Status PutCatalog(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                           const std::string& catalog_json, std::int64_t expected, const std::string& now);
};

}  // namespace stepwise::plans
