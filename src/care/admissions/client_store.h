// SQL for clients, their identifiers and search terms, MRN assignment, and episodes of care.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_model.h"
#include "platform/db/database.h"

namespace stepwise::admissions {

// Search terms are indexed by their first characters; words at least this long search fastest.
inline constexpr std::size_t kSearchPrefixLength = 3;

struct ClientQuery {
  std::vector<std::string> name_prefixes;  // lowercase words; each must prefix some name word
  std::optional<Date> birth_date;
  std::string mrn;  // exact (normalized)
  // Caseload scope: only clients whose current episode names this counselor, or one of `also_ids`.
  bool caseload_only = false;
  std::string caseload_staff_id;
  std::vector<std::string> also_ids;
  std::string stage;
  std::string track_id;
  std::string counselor_id;
  bool include_voided = false;
  std::string only_id;   // one client (for the chart header)
  std::string after_id;  // keyset cursor
  int limit = 50;
};

class ClientStore {
 public:
  static Result<std::vector<ClientSummary>> List(db::Transaction& tx, const std::string& org_id, const ClientQuery& q);
  static Result<std::optional<Client>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Status Insert(db::Transaction& tx, const Client& c);
  static Status Update(db::Transaction& tx, const Client& c, std::int64_t expected, const std::string& now);
  // True if another live or voided client of the organization has this MRN.
  static Result<bool> MrnTaken(db::Transaction& tx, const std::string& org_id, const std::string& mrn,
                               const std::string& except_id);
  static Result<std::int64_t> NextMrnNumber(db::Transaction& tx, const std::string& org_id);

  static Result<std::vector<Episode>> ListEpisodes(db::Transaction& tx, const std::string& org_id,
                                                   const std::string& client_id);
  static Result<std::optional<Episode>> GetEpisode(db::Transaction& tx, const std::string& org_id,
                                                   const std::string& id);
  // The most recent live episode of a client.
  static Result<std::optional<Episode>> CurrentEpisode(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& client_id);
  static Status InsertEpisode(db::Transaction& tx, const Episode& e);
  // Live clients born on `birth_date` (the duplicate check compares their names).
  static Result<std::vector<Client>> BornOn(db::Transaction& tx, const std::string& org_id, Date birth_date);
  // Ids of live clients whose phone, stripped of spaces and - ( ) . +, ends with `digits`.
  static Result<std::vector<std::string>> WithPhoneEnding(db::Transaction& tx, const std::string& org_id,
                                                          const std::string& digits);
  // Live clients with an open episode per track (track id -> count), by each client's current episode.
  static Result<std::map<std::string, int>> OpenEpisodesByTrack(db::Transaction& tx, const std::string& org_id);
  static Status UpdateEpisode(db::Transaction& tx, const Episode& e, std::int64_t expected, const std::string& now);
};

}  // namespace stepwise::admissions
