// SQL for drug testing (migration 0016): programs' policies with every version, seeds, selections and the
// selected clients, collections, results, lab imports and ladder events. Every query is scoped by org_id.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/testing/testing_records.h"
#include "platform/db/database.h"

namespace stepwise::testing::testing_store {

Result<std::optional<StoredPolicy>> GetPolicy(db::Transaction& tx, const std::string& org_id,
                                              const std::string& program_id);
// Inserts (expected 0) or updates (versioned) a program's policy and keeps the version in the history.
Result<std::int64_t> PutPolicy(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                               const std::string& policy_json, std::int64_t expected, const std::string& user,
                               const std::string& now);

Result<std::optional<Seed>> GetSeed(db::Transaction& tx, const std::string& org_id, const std::string& program_id);
Status InsertSeed(db::Transaction& tx, const Seed& s);

// Clients in orientation or treatment in the program on `on` (admitted on or before it, not discharged).
Result<std::vector<EnrolledClient>> Enrolled(db::Transaction& tx, const std::string& org_id,
                                             const std::string& program_id, Date on);

Result<std::optional<Selection>> GetSelection(db::Transaction& tx, const std::string& org_id,
                                              const std::string& program_id, Date on);
Status InsertSelection(db::Transaction& tx, const Selection& s);
Status InsertSelected(db::Transaction& tx, const Selected& s);
// The selected clients of a day, of one program or ("") all.
Result<std::vector<Selected>> SelectedOn(db::Transaction& tx, const std::string& org_id, Date on,
                                         const std::string& program_id);
Result<std::vector<Selected>> SelectedOfClient(db::Transaction& tx, const std::string& org_id,
                                               const std::string& client_id);
// Writes status and collection id (the caller read the row in the same transaction).
Status UpdateSelected(db::Transaction& tx, const Selected& s, const std::string& now);

Status InsertCollection(db::Transaction& tx, const Collection& c);
Result<std::optional<Collection>> GetCollection(db::Transaction& tx, const std::string& org_id, const std::string& id);
Result<std::vector<Collection>> CollectionsOfClient(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& client_id);
Result<std::vector<Collection>> CollectionsByCustodyId(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& chain_of_custody_id);
// Live collections without a result yet (not refused), oldest first.
Result<std::vector<Collection>> PendingCollections(db::Transaction& tx, const std::string& org_id);
// Writes outcome and validity and bumps the version.
Status UpdateCollectionOutcome(db::Transaction& tx, const Collection& c, const std::string& now);

Status InsertResult(db::Transaction& tx, const TestResult& r);
Result<std::vector<TestResult>> ResultsOfCollection(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& collection_id);

Result<std::optional<LabImport>> ImportBySha(db::Transaction& tx, const std::string& org_id, const std::string& sha);
Status InsertImport(db::Transaction& tx, const LabImport& i);

Status InsertEvent(db::Transaction& tx, const TestingEvent& e);
Result<std::optional<TestingEvent>> GetEvent(db::Transaction& tx, const std::string& org_id, const std::string& id);
Result<std::vector<TestingEvent>> EventsOfClient(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id);
Result<std::vector<TestingEvent>> OpenEvents(db::Transaction& tx, const std::string& org_id);
// Writes status, decision, reason and who decided, at `expected` (kFailedPrecondition when stale).
Status UpdateEvent(db::Transaction& tx, const TestingEvent& e, std::int64_t expected, const std::string& now);

}  // namespace stepwise::testing::testing_store
