#include "care/admissions/client_service.h"

#include <algorithm>

#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "platform/audit/audit_log.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::admissions {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

std::vector<std::string> Words(std::string_view q) {
  std::vector<std::string> out;
  std::string lower = AsciiLower(q);
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == ',')) ++i;
    std::size_t j = i;
    while (j < lower.size() && lower[j] != ' ' && lower[j] != ',') ++j;
    if (j > i) out.push_back(lower.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

Result<ClientPage> ClientService::Search(const Actor& actor, ClientSearch s) {
  SW_TRY(RequireOrganization(actor));
  ClientQuery q;
  q.birth_date = s.birth_date;
  q.mrn = NormalizeMrn(s.mrn);
  q.stage = s.stage;
  q.track_id = s.track_id;
  q.counselor_id = s.counselor_id;
  q.include_voided = s.include_voided;
  q.after_id = s.cursor;
  q.limit = s.limit + 1;  // one extra row tells whether another page exists
  if (actor.client_scope == ClientScope::kNone) return Error::PermissionDenied("your role does not see client records");
  q.caseload_only = actor.client_scope == ClientScope::kCaseload;
  q.caseload_staff_id = actor.staff_id;
  // Text that could be an MRN is tried as one first (an exact hit is the one client meant); otherwise,
  // and for later pages, it searches names.
  bool try_mrn = false;
  if (auto date = ParseSearchDate(s.q)) {
    q.birth_date = date;
  } else {
    q.name_prefixes = Words(s.q);
    try_mrn = q.mrn.empty() && s.cursor.empty() && LooksLikeMrn(s.q);
  }
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<ClientPage> {
    if (q.caseload_only) {
      SW_ASSIGN(q.also_ids, ReachedIn(tx, actor));
    }
    std::vector<ClientSummary> rows;
    if (try_mrn) {
      ClientQuery by_mrn = q;
      by_mrn.name_prefixes.clear();
      by_mrn.mrn = NormalizeMrn(s.q);
      SW_ASSIGN(rows, ClientStore::List(tx, actor.org_id, by_mrn));
    }
    if (rows.empty()) {
      SW_ASSIGN(rows, ClientStore::List(tx, actor.org_id, q));
    }
    ClientPage page;
    if (static_cast<int>(rows.size()) > s.limit) {
      rows.resize(static_cast<std::size_t>(s.limit));
      page.next_cursor = rows.back().client.meta.id;
    }
    page.items = std::move(rows);
    return page;
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "query",
                            .resource_type = "client",
                            .data_category = "demographics",
                            .reason = std::to_string(result->items.size()) + " client(s) listed"}));
  return result;
}

Result<ClientRecord> ClientService::Load(Transaction& tx, const Actor& actor, const std::string& id) {
  ClientQuery q;
  q.only_id = id;
  q.include_voided = true;
  q.limit = 1;
  SW_ASSIGN(auto rows, ClientStore::List(tx, actor.org_id, q));
  if (rows.empty()) return Error::NotFound("no such client");
  ClientRecord record;
  record.summary = std::move(rows.front());
  SW_ASSIGN(auto full, db::Found(ClientStore::Get(tx, actor.org_id, id), "client"));
  record.summary.client.identifiers = std::move(full.identifiers);
  SW_ASSIGN(record.current_episode, ClientStore::CurrentEpisode(tx, actor.org_id, id));
  return record;
}

Status ClientService::CheckAccess(Transaction& tx, const Actor& actor, const std::string& id) {
  switch (actor.client_scope) {
    case ClientScope::kProgram:
      return Ok();
    case ClientScope::kNone:
      return Error::NotFound("no such client");
    case ClientScope::kCaseload:
      break;
  }
  SW_ASSIGN(auto episode, ClientStore::CurrentEpisode(tx, actor.org_id, id));
  if (episode && !actor.staff_id.empty() && episode->counselor_id == actor.staff_id) return Ok();
  for (const auto* reached : {&group_clients_, &emergency_clients_}) {
    if (!*reached) continue;
    SW_ASSIGN(auto ids, (*reached)(tx, actor));
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) return Ok();
  }
  return Error::NotFound("no such client");
}

Result<std::vector<std::string>> ClientService::ReachedIn(Transaction& tx, const Actor& actor) const {
  std::vector<std::string> out;
  if (actor.client_scope != ClientScope::kCaseload) return out;
  for (const auto* reached : {&group_clients_, &emergency_clients_}) {
    if (!*reached) continue;
    SW_ASSIGN(auto ids, (*reached)(tx, actor));
    out.insert(out.end(), ids.begin(), ids.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Status ClientService::RecordRead(const Actor& actor, audit::Event event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<ClientRecord> ClientService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto record = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<ClientRecord> {
    SW_TRY(CheckAccess(tx, actor, id));
    return Load(tx, actor, id);
  });
  audit::Event read{
      .action = "read", .resource_type = "client", .resource_id = id, .client_id = id, .data_category = "demographics"};
  if (!record.ok()) {
    if (record.error().code == ErrorCode::kNotFound) {
      read.outcome = "denied";
      read.reason = "not found or outside the user's access";
      SW_TRY(RecordRead(actor, read));
    }
    return record;
  }
  SW_TRY(RecordRead(actor, read));
  return record;
}

Result<bool> ClientService::Exists(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<bool> {
    SW_ASSIGN(auto c, ClientStore::Get(tx, actor.org_id, id));
    return c.has_value() && !c->meta.voided;
  });
}

Result<ClientRecord> ClientService::Create(const Actor& actor, Client draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite,
                           [&](Transaction& tx) -> Result<ClientRecord> { return CreateIn(tx, actor, draft); });
}

Result<ClientRecord> ClientService::CreateIn(Transaction& tx, const Actor& actor, Client draft) {
  SW_TRY(RequireOrganization(actor));
  draft.mrn = NormalizeMrn(draft.mrn);
  FieldErrors errors;
  CheckClient(draft, UtcDate(clock_.Now()), errors);
  if (!errors.empty()) return errors.ToError();
  if (draft.mrn.empty()) {
    // Skip numbers already taken by MRNs entered by hand.
    do {
      SW_ASSIGN(auto n, ClientStore::NextMrnNumber(tx, actor.org_id));
      draft.mrn = FormatMrn(n);
      SW_ASSIGN(bool taken, ClientStore::MrnTaken(tx, actor.org_id, draft.mrn, ""));
      if (!taken) break;
    } while (true);
  } else {
    SW_ASSIGN(bool taken, ClientStore::MrnTaken(tx, actor.org_id, draft.mrn, ""));
    if (taken) return Error::Conflict("another client already has this MRN", {{"mrn", "is already in use"}});
  }
  const std::string now = FormatTimestamp(clock_.Now());
  draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
  SW_TRY(ClientStore::Insert(tx, draft));
  SW_TRY(audit::Append(tx, actor,
                       {.action = "create",
                        .resource_type = "client",
                        .resource_id = draft.meta.id,
                        .client_id = draft.meta.id,
                        .data_category = "demographics"},
                       now));
  return Load(tx, actor, draft.meta.id);
}

Result<ClientRecord> ClientService::Update(const Actor& actor, Client changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  changes.mrn = NormalizeMrn(changes.mrn);
  FieldErrors errors;
  CheckClient(changes, UtcDate(clock_.Now()), errors);
  if (changes.mrn.empty()) errors.Add("mrn", "is required");
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ClientRecord> {
    SW_TRY(CheckAccess(tx, actor, changes.meta.id));
    SW_ASSIGN(bool taken, ClientStore::MrnTaken(tx, actor.org_id, changes.mrn, changes.meta.id));
    if (taken) return Error::Conflict("another client already has this MRN", {{"mrn", "is already in use"}});
    const std::string now = FormatTimestamp(clock_.Now());
    changes.meta.org_id = actor.org_id;
    SW_TRY(ClientStore::Update(tx, changes, expected, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "update",
                          .resource_type = "client",
                          .resource_id = changes.meta.id,
                          .client_id = changes.meta.id,
                          .data_category = "demographics"},
                         now));
    return Load(tx, actor, changes.meta.id);
  });
}

Result<ClientRecord> ClientService::Void(const Actor& actor, const std::string& id, std::int64_t expected,
                                         const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ClientRecord> {
    SW_TRY(CheckAccess(tx, actor, id));
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(db::VoidVersioned(tx, "clients", actor.org_id, id, expected, reason, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "void",
                          .resource_type = "client",
                          .resource_id = id,
                          .client_id = id,
                          .data_category = "demographics",
                          .reason = reason},
                         now));
    return Load(tx, actor, id);
  });
}

Result<std::vector<Episode>> ClientService::ListEpisodes(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto episodes = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Episode>> {
    SW_TRY(db::Found(ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(CheckAccess(tx, actor, client_id));
    return ClientStore::ListEpisodes(tx, actor.org_id, client_id);
  });
  audit::Event read{.action = "read",
                    .resource_type = "episode",
                    .client_id = client_id,
                    .data_category = "episode",
                    .reason = "episodes of care"};
  if (!episodes.ok()) read.outcome = "denied";
  if (episodes.ok() || episodes.error().code == ErrorCode::kNotFound) {
    SW_TRY(RecordRead(actor, read));
  }
  return episodes;
}

Result<Episode> ClientService::GetEpisode(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto episode = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Episode> {
    SW_ASSIGN(auto e, db::Found(ClientStore::GetEpisode(tx, actor.org_id, id), "episode"));
    if (!CheckAccess(tx, actor, e.client_id).ok()) return Error::NotFound("no such episode");
    return e;
  });
  audit::Event read{.action = "read", .resource_type = "episode", .resource_id = id, .data_category = "episode"};
  if (episode.ok()) read.client_id = episode->client_id;
  if (!episode.ok()) read.outcome = "denied";
  if (episode.ok() || episode.error().code == ErrorCode::kNotFound) {
    SW_TRY(RecordRead(actor, read));
  }
  return episode;
}

Status ClientService::CheckEpisodeRefs(Transaction& tx, const Actor& actor, Episode& e) {
  FieldErrors errors;
  CheckEpisode(e, UtcDate(clock_.Now()), errors);
  if (!errors.empty()) return errors.ToError();
  SW_ASSIGN(bool program_live, db::ExistsLive(tx, "programs", actor.org_id, e.program_id));
  if (!program_live) return Error::Field("program_id", "is not a program of this organization");
  if (!e.track_id.empty()) {
    SW_ASSIGN(auto rs, tx.Query("SELECT program_id FROM tracks WHERE org_id = ? AND id = ? AND voided = 0",
                                {actor.org_id, e.track_id}));
    if (rs.empty()) return Error::Field("track_id", "is not a track of this organization");
    if (rs.rows[0].Text(0) != e.program_id) return Error::Field("track_id", "belongs to another program");
  }
  if (!e.counselor_id.empty()) SW_TRY(program::StaffService::CheckLive(tx, actor, e.counselor_id, "counselor_id"));
  return Ok();
}

Result<Episode> ClientService::OpenEpisode(const Actor& actor, Episode draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite,
                           [&](Transaction& tx) -> Result<Episode> { return OpenEpisodeIn(tx, actor, draft); });
}

Result<Episode> ClientService::OpenEpisodeIn(Transaction& tx, const Actor& actor, Episode draft) {
  SW_TRY(RequireOrganization(actor));
  SW_ASSIGN(auto client, db::Found(ClientStore::Get(tx, actor.org_id, draft.client_id), "client"));
  SW_TRY(CheckAccess(tx, actor, draft.client_id));
  if (client.meta.voided) return Error::Conflict("the client record is voided");
  SW_TRY(CheckEpisodeRefs(tx, actor, draft));
  if (IsOpenStage(draft.stage)) {
    SW_ASSIGN(auto episodes, ClientStore::ListEpisodes(tx, actor.org_id, draft.client_id));
    for (const auto& e : episodes) {
      if (!e.meta.voided && IsOpenStage(e.stage)) {
        return Error::Conflict("the client already has an open episode of care; discharge it first");
      }
    }
  }
  const std::string now = FormatTimestamp(clock_.Now());
  draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
  SW_TRY(ClientStore::InsertEpisode(tx, draft));
  SW_TRY(audit::Append(tx, actor,
                       {.action = "create",
                        .resource_type = "episode",
                        .resource_id = draft.meta.id,
                        .client_id = draft.client_id,
                        .data_category = "episode"},
                       now));
  return draft;
}

Result<Episode> ClientService::UpdateEpisode(const Actor& actor, Episode changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Episode> {
    return UpdateEpisodeIn(tx, actor, changes, expected);
  });
}

Result<Episode> ClientService::UpdateEpisodeIn(Transaction& tx, const Actor& actor, Episode changes,
                                               std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  SW_ASSIGN(auto current, db::Found(ClientStore::GetEpisode(tx, actor.org_id, changes.meta.id), "episode"));
  if (!CheckAccess(tx, actor, current.client_id).ok()) return Error::NotFound("no such episode");
  changes.client_id = current.client_id;
  changes.meta.org_id = actor.org_id;
  SW_TRY(CheckEpisodeRefs(tx, actor, changes));
  if (IsOpenStage(changes.stage) && !IsOpenStage(current.stage)) {
    SW_ASSIGN(auto episodes, ClientStore::ListEpisodes(tx, actor.org_id, current.client_id));
    for (const auto& e : episodes) {
      if (e.meta.id != current.meta.id && !e.meta.voided && IsOpenStage(e.stage)) {
        return Error::Conflict("the client already has another open episode of care");
      }
    }
  }
  if (finalize_check_ && current.stage == "orientation" &&
      (changes.stage == "treatment" || changes.stage == "aftercare")) {
    SW_TRY(finalize_check_(tx, actor, current.client_id, current.meta.id));
  }
  const std::string now = FormatTimestamp(clock_.Now());
  SW_TRY(ClientStore::UpdateEpisode(tx, changes, expected, now));
  SW_TRY(audit::Append(tx, actor,
                       {.action = "update",
                        .resource_type = "episode",
                        .resource_id = changes.meta.id,
                        .client_id = current.client_id,
                        .data_category = "episode"},
                       now));
  return db::Found(ClientStore::GetEpisode(tx, actor.org_id, changes.meta.id), "episode");
}

Result<Episode> ClientService::VoidEpisode(const Actor& actor, const std::string& id, std::int64_t expected,
                                           const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Episode> {
    SW_ASSIGN(auto current, db::Found(ClientStore::GetEpisode(tx, actor.org_id, id), "episode"));
    if (!CheckAccess(tx, actor, current.client_id).ok()) return Error::NotFound("no such episode");
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(db::VoidVersioned(tx, "episodes", actor.org_id, id, expected, reason, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "void",
                          .resource_type = "episode",
                          .resource_id = id,
                          .client_id = current.client_id,
                          .data_category = "episode",
                          .reason = reason},
                         now));
    return db::Found(ClientStore::GetEpisode(tx, actor.org_id, id), "episode");
  });
}

namespace {

std::string Digits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

// The first `n` characters of each lowercase name word.
std::vector<std::string> NameStems(const std::string& name, std::size_t n) {
  std::vector<std::string> out;
  for (const auto& term : NameSearchTerms(name)) {
    if (CharacterCount(term) >= n) out.push_back(FirstCharacters(term, n));
  }
  return out;
}

bool SharesStem(const std::vector<std::string>& stems, const Client& c) {
  for (const auto& term : ClientSearchTerms(c)) {
    for (const auto& stem : stems) {
      if (term.starts_with(stem)) return true;
    }
  }
  return false;
}

}  // namespace

Result<std::vector<PossibleDuplicate>> ClientService::PossibleDuplicates(const Actor& actor, const std::string& given,
                                                                         const std::string& family,
                                                                         const std::optional<Date>& birth_date,
                                                                         const std::string& phone) {
  SW_TRY(RequireOrganization(actor));
  if (actor.client_scope == ClientScope::kNone) return Error::PermissionDenied("your role does not see client records");
  auto found = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<PossibleDuplicate>> {
    std::vector<PossibleDuplicate> out;
    auto add = [&](const std::string& id, std::string why) -> Status {
      for (auto& d : out) {
        if (d.summary.client.meta.id == id) {
          d.why.push_back(std::move(why));
          return Ok();
        }
      }
      if (!CheckAccess(tx, actor, id).ok()) return Ok();  // outside the actor's access: not revealed
      ClientQuery q;
      q.only_id = id;
      q.limit = 1;
      SW_ASSIGN(auto rows, ClientStore::List(tx, actor.org_id, q));
      if (rows.empty()) return Ok();
      out.push_back({std::move(rows.front()), {std::move(why)}});
      return Ok();
    };
    if (birth_date) {
      SW_ASSIGN(auto born, ClientStore::BornOn(tx, actor.org_id, *birth_date));
      auto stems = NameStems(given, 3);
      for (const auto& s : NameStems(family, 3)) stems.push_back(s);
      const std::string family_lower = AsciiLower(family);
      for (const auto& c : born) {
        if (!family_lower.empty() && AsciiLower(c.legal_name.family) == family_lower) {
          SW_TRY(add(c.meta.id, "same family name and birth date"));
        } else if (SharesStem(stems, c)) {
          SW_TRY(add(c.meta.id, "similar name and same birth date"));
        }
      }
    }
    std::string digits = Digits(phone);
    if (digits.size() >= 7) {
      if (digits.size() > 10) digits = digits.substr(digits.size() - 10);
      SW_ASSIGN(auto ids, ClientStore::WithPhoneEnding(tx, actor.org_id, digits));
      for (const auto& id : ids) SW_TRY(add(id, "same phone number"));
    }
    return out;
  });
  if (!found.ok()) return found;
  SW_TRY(RecordRead(actor, {.action = "query",
                            .resource_type = "client",
                            .data_category = "demographics",
                            .reason = "duplicate check: " + std::to_string(found->size()) + " possible match(es)"}));
  return found;
}

Result<std::map<std::string, int>> ClientService::OpenEpisodesByTrack(const Actor& actor) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::map<std::string, int>> {
    return ClientStore::OpenEpisodesByTrack(tx, actor.org_id);
  });
}

}  // namespace stepwise::admissions
