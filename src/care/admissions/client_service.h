// Use cases for clients and their episodes of care: search, register, update, void; open, move along
// the pathway and close episodes. One transaction per call, scoped to the actor's organization, every
// change audited. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <vector>

#include "care/admissions/client_model.h"
#include "care/admissions/client_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::admissions {

struct ClientSearch {
  std::string q;  // name prefixes, an MRN, or a date of birth
  std::optional<Date> birth_date;
  std::string mrn;
  std::string stage;
  std::string track_id;
  std::string counselor_id;
  bool include_voided = false;
  std::string cursor;
  int limit = 50;
};

struct ClientPage {
  std::vector<ClientSummary> items;
  std::string next_cursor;  // "" on the last page
};

// A client with where they stand now (for the chart).
struct ClientRecord {
  ClientSummary summary;
  std::optional<Episode> current_episode;
};

// An existing client who may be the same person as someone not yet registered, and why.
struct PossibleDuplicate {
  ClientSummary summary;
  std::vector<std::string> why;  // "similar name and same birth date", "same family name and birth date", "same phone"
};

// Clients a caseload-scoped actor reaches beyond those they counsel, found by a later stage in the caller's
// transaction and wired by the composition root: the emergency-access grants they hold (platform/security)
// and the clients of the groups they facilitate (care/scheduling GroupClientsIn).
using ReachedClients = std::function<Result<std::vector<std::string>>(db::Transaction&, const Actor&)>;

// The check an episode must pass to move from orientation to treatment (or aftercare): the admission is
// finalized only with orientation complete (wired by the composition root to documents::OrientationService).
// Runs in the caller's write transaction; an error refuses the move.
using FinalizeCheck = std::function<Status(db::Transaction&, const Actor&, const std::string& client_id,
                                           const std::string& episode_id)>;

// Record-level access: an actor with program scope sees every client of the organization; with caseload
// scope, clients whose current episode names the actor's staff record as counselor, the clients of the
// groups they facilitate (enrolled or on a roster within a week either side of today) and clients opened
// through emergency access; with no scope, none. A client outside one's access is "not found", so its
// existence is not revealed. CheckAccess and Search apply the same rule; other services reach it through
// CheckAccessIn and ReachedIn.
class ClientService {
 public:
  ClientService(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  void SetEmergencyClients(ReachedClients f) { emergency_clients_ = std::move(f); }
  void SetGroupClients(ReachedClients f) { group_clients_ = std::move(f); }
  void SetFinalizeCheck(FinalizeCheck f) { finalize_check_ = std::move(f); }
  // Where reads, searches and refused reads are recorded (durably, before the data is returned).
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }

  Result<ClientPage> Search(const Actor& actor, ClientSearch search);
  Result<ClientRecord> Get(const Actor& actor, const std::string& id);
  // Whether a live client with this id exists in the actor's organization (regardless of access).
  Result<bool> Exists(const Actor& actor, const std::string& id);
  // Registers a client; assigns the next MRN when none is given. kConflict naming "mrn" on a duplicate.
  Result<ClientRecord> Create(const Actor& actor, Client draft);
  // Create inside the caller's write transaction (a use case of another service that spans stages).
  Result<ClientRecord> CreateIn(db::Transaction& tx, const Actor& actor, Client draft);
  Result<ClientRecord> Update(const Actor& actor, Client changes, std::int64_t expected_version);
  Result<ClientRecord> Void(const Actor& actor, const std::string& id, std::int64_t expected_version,
                            const std::string& reason);

  Result<std::vector<Episode>> ListEpisodes(const Actor& actor, const std::string& client_id);
  Result<Episode> GetEpisode(const Actor& actor, const std::string& id);
  // Opens an episode; kConflict if the client already has an open one.
  Result<Episode> OpenEpisode(const Actor& actor, Episode draft);
  Result<Episode> UpdateEpisode(const Actor& actor, Episode changes, std::int64_t expected_version);
  Result<Episode> VoidEpisode(const Actor& actor, const std::string& id, std::int64_t expected_version,
                              const std::string& reason);

  // The same checks and changes inside a caller's write transaction, for use cases that span services
  // (an admission moves the assessment, the episode and the inquiry together). Audited like the above.
  // kNotFound unless the actor may see client `client_id` (caseload scope: counselor, groups, emergency grants).
  Status CheckAccessIn(db::Transaction& tx, const Actor& actor, const std::string& client_id) {
    return CheckAccess(tx, actor, client_id);
  }
  // For a caseload-scoped actor, the clients they reach besides those whose current episode names them as
  // counselor: the groups they facilitate and their emergency grants (sorted, unique). Empty for other
  // scopes. For lists that filter by the caseload rule in SQL (the client search, plans due).
  Result<std::vector<std::string>> ReachedIn(db::Transaction& tx, const Actor& actor) const;
  Result<Episode> OpenEpisodeIn(db::Transaction& tx, const Actor& actor, Episode draft);
  Result<Episode> UpdateEpisodeIn(db::Transaction& tx, const Actor& actor, Episode changes,
                                  std::int64_t expected_version);

  // Live clients within the actor's access who may be this person: a similar name (a word of `given` or
  // `family` prefixes one of theirs, first three letters) with the same birth date, the same family name
  // and birth date, or the same phone number (its last ten digits). Audited as a client query.
  Result<std::vector<PossibleDuplicate>> PossibleDuplicates(const Actor& actor, const std::string& given,
                                                            const std::string& family,
                                                            const std::optional<Date>& birth_date,
                                                            const std::string& phone);
  // How many live clients have an open episode in each track (track id -> count); counts only, no
  // client data, so no client access is needed.
  Result<std::map<std::string, int>> OpenEpisodesByTrack(const Actor& actor);

 private:
  Result<ClientRecord> Load(db::Transaction& tx, const Actor& actor, const std::string& id);
  // kNotFound unless the actor may see client `id`.
  Status CheckAccess(db::Transaction& tx, const Actor& actor, const std::string& id);
  Status CheckEpisodeRefs(db::Transaction& tx, const Actor& actor, Episode& e);
  db::Database& db_;
  const Clock& clock_;
  Status RecordRead(const Actor& actor, audit::Event event) const;

  ReachedClients emergency_clients_;
  ReachedClients group_clients_;
  FinalizeCheck finalize_check_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::admissions
