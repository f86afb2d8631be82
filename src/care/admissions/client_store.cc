#include "care/admissions/client_store.h"

#include "platform/db/records.h"

namespace stepwise::admissions {

using db::Param;

namespace {

constexpr std::string_view kClientColumns =
    "c.mrn, c.given_name, c.middle_name, c.family_name, c.preferred_name, c.pronouns, c.birth_date, c.sex_at_birth, "
    "c.gender_identity, c.phone, c.email, c.address_line1, c.address_line2, c.address_city, c.address_state, "
    "c.address_postal_code, c.emergency_name, c.emergency_relationship, c.emergency_phone, c.id, c.org_id, c.version, "
    "c.voided, c.void_reason, c.created_at, c.updated_at";
constexpr std::size_t kClientColumnCount = 26;

Client ReadClient(const db::Row& r) {
  Client c;
  c.mrn = r.Text(0);
  c.legal_name = {r.Text(1), r.Text(2), r.Text(3)};
  c.preferred_name = r.Text(4);
  c.pronouns = r.Text(5);
  c.birth_date = ParseDate(r.Text(6)).value_or(Date{});
  c.sex_at_birth = r.Text(7);
  c.gender_identity = r.Text(8);
  c.phone = r.Text(9);
  c.email = r.Text(10);
  c.address = {r.Text(11), r.Text(12), r.Text(13), r.Text(14), r.Text(15)};
  c.emergency_contact = {r.Text(16), r.Text(17), r.Text(18)};
  c.meta = db::ReadMeta(r, 19);
  return c;
}

std::vector<Param> ClientValues(const Client& c) {
  using db::OptText;
  return {c.mrn,
          c.legal_name.given,
          OptText(c.legal_name.middle),
          c.legal_name.family,
          OptText(c.preferred_name),
          OptText(c.pronouns),
          FormatDate(c.birth_date),
          OptText(c.sex_at_birth),
          OptText(c.gender_identity),
          OptText(c.phone),
          OptText(c.email),
          OptText(c.address.line1),
          OptText(c.address.line2),
          OptText(c.address.city),
          OptText(c.address.state),
          OptText(c.address.postal_code),
          OptText(c.emergency_contact.name),
          OptText(c.emergency_contact.relationship),
          OptText(c.emergency_contact.phone),
          ClientSortKey(c)};
}

Status WriteChildren(db::Transaction& tx, const Client& c) {
  // Identifiers and search terms belong to the client row and are replaced with it.
  SW_TRY(tx.Execute("DELETE FROM client_identifiers WHERE org_id = ? AND client_id = ?", {c.meta.org_id, c.meta.id}));
  std::int64_t position = 0;
  for (const auto& id : c.identifiers) {
    SW_TRY(
        tx.Execute("INSERT INTO client_identifiers (client_id, org_id, position, system, value) VALUES (?, ?, ?, ?, ?)",
                   {c.meta.id, c.meta.org_id, position++, id.system, id.value}));
  }
  SW_TRY(tx.Execute("DELETE FROM client_search_terms WHERE org_id = ? AND client_id = ?", {c.meta.org_id, c.meta.id}));
  const std::string sort_key = ClientSortKey(c);
  for (const auto& term : ClientSearchTerms(c)) {
    SW_TRY(
        tx.Execute("INSERT INTO client_search_terms (org_id, term, client_id, prefix, sort_key) VALUES (?, ?, ?, ?, ?)",
                   {c.meta.org_id, term, c.meta.id, FirstCharacters(term, kSearchPrefixLength), sort_key}));
  }
  return Ok();
}

const std::string kEpisodeSelect =
    "SELECT client_id, program_id, track_id, counselor_id, stage, level_of_care, admission_date, discharge_date, " +
    std::string(db::kMetaColumns) + " FROM episodes";

Episode ReadEpisode(const db::Row& r) {
  Episode e;
  e.client_id = r.Text(0);
  e.program_id = r.Text(1);
  e.track_id = r.Text(2);
  e.counselor_id = r.Text(3);
  e.stage = r.Text(4);
  e.level_of_care = r.Text(5);
  e.admission_date = ParseDate(r.Text(6));
  e.discharge_date = ParseDate(r.Text(7));
  e.meta = db::ReadMeta(r, 8);
  return e;
}

Param OptDate(const std::optional<Date>& d) { return d ? Param(FormatDate(*d)) : Param(nullptr); }

}  // namespace

namespace {

// A client summary: the client row `c` joined to its current episode, track and counselor.
const std::string kSummaryColumns =
    "SELECT " + std::string(kClientColumns) + ", e.stage, t.name, s.given_name, s.preferred_name, s.family_name, e.id";
constexpr std::string_view kSummaryJoins =
    " LEFT JOIN episodes e ON e.id = (SELECT e2.id FROM episodes e2 WHERE e2.org_id = c.org_id AND "
    "e2.client_id = c.id AND e2.voided = 0 ORDER BY e2.created_at DESC, e2.id DESC LIMIT 1) "
    "LEFT JOIN tracks t ON t.id = e.track_id LEFT JOIN staff s ON s.id = e.counselor_id";
const std::string kSummarySelect = kSummaryColumns + " FROM clients c" + std::string(kSummaryJoins);

ClientSummary ReadSummary(const db::Row& r) {
  ClientSummary s;
  s.client = ReadClient(r);
  const std::size_t i = kClientColumnCount;
  s.stage = r.Text(i);
  s.track_name = r.Text(i + 1);
  if (!r.IsNull(i + 4))
    s.counselor_name = (r.Text(i + 3).empty() ? r.Text(i + 2) : r.Text(i + 3)) + " " + r.Text(i + 4);
  s.episode_id = r.Text(i + 5);
  return s;
}

// Conditions on the client row `c` other than names: voided, date of birth, MRN and the current
// episode's stage, track and counselor.
void AppendClientFilters(std::string& sql, std::vector<Param>& p, const ClientQuery& q) {
  if (!q.include_voided) sql += " AND c.voided = 0";
  if (q.birth_date) {
    sql += " AND c.birth_date = ?";
    p.emplace_back(FormatDate(*q.birth_date));
  }
  if (!q.mrn.empty()) {
    sql += " AND c.mrn = ?";
    p.emplace_back(q.mrn);
  }
  if (q.caseload_only) {
    sql +=
        " AND (EXISTS (SELECT 1 FROM episodes ke WHERE ke.id = (SELECT e4.id FROM episodes e4 WHERE "
        "e4.org_id = c.org_id AND e4.client_id = c.id AND e4.voided = 0 ORDER BY e4.created_at DESC, e4.id DESC "
        "LIMIT 1) AND ke.counselor_id = ?)";
    p.emplace_back(q.caseload_staff_id);
    for (const auto& id : q.also_ids) {
      sql += " OR c.id = ?";
      p.emplace_back(id);
    }
    sql += ")";
  }
  if (q.stage.empty() && q.track_id.empty() && q.counselor_id.empty()) return;
  sql +=
      " AND EXISTS (SELECT 1 FROM episodes ce WHERE ce.id = (SELECT e3.id FROM episodes e3 WHERE "
      "e3.org_id = c.org_id AND e3.client_id = c.id AND e3.voided = 0 ORDER BY e3.created_at DESC, e3.id DESC "
      "LIMIT 1)";
  for (const auto& [column, value] :
       {std::pair{"stage", &q.stage}, std::pair{"track_id", &q.track_id}, std::pair{"counselor_id", &q.counselor_id}}) {
    if (value->empty()) continue;
    sql += std::string(" AND ce.") + column + " = ?";
    p.emplace_back(*value);
  }
  sql += ")";
}

// Requires every name word to prefix one of the client's search terms (a lookup in that client's terms).
void AppendNameWords(std::string& sql, std::vector<Param>& p, const std::string& org_id,
                     const std::vector<std::string>& words, std::string_view id_column) {
  for (const auto& word : words) {
    sql += " AND EXISTS (SELECT 1 FROM client_search_terms w WHERE w.org_id = ? AND w.client_id = " +
           std::string(id_column) + " AND w.term >= ? AND w.term < ?)";
    p.insert(p.end(), {org_id, word, db::PrefixUpperBound(word)});
  }
}

// The longest word of at least kSearchPrefixLength characters, which drives an ordered index scan.
std::optional<std::size_t> DrivingWord(const std::vector<std::string>& words) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (CharacterCount(words[i]) < kSearchPrefixLength) continue;
    if (!best || words[i].size() > words[*best].size()) best = i;
  }
  return best;
}

// Name search: the inner query finds one page of (sort_key, client_id) from the prefix index, already in
// name order, touching narrow rows only; the outer one reads just those clients whole. CROSS JOIN keeps
// SQLite on that order (search terms first, then clients by id) instead of scanning clients.
Result<std::vector<ClientSummary>> SearchByName(db::Transaction& tx, const std::string& org_id, const ClientQuery& q,
                                                std::size_t driver) {
  const std::string& word = q.name_prefixes[driver];
  std::string page =
      "SELECT DISTINCT t.sort_key, t.client_id FROM client_search_terms t CROSS JOIN clients c "
      "WHERE c.id = t.client_id AND t.org_id = ? AND t.prefix = ? AND t.term >= ? AND t.term < ?";
  std::vector<Param> p{org_id, FirstCharacters(word, kSearchPrefixLength), word, db::PrefixUpperBound(word)};
  std::vector<std::string> others;
  for (std::size_t i = 0; i < q.name_prefixes.size(); ++i) {
    if (i != driver) others.push_back(q.name_prefixes[i]);
  }
  AppendNameWords(page, p, org_id, others, "t.client_id");
  AppendClientFilters(page, p, q);
  if (!q.after_id.empty()) {
    page += " AND (t.sort_key, t.client_id) > ((SELECT sort_key FROM clients WHERE org_id = ? AND id = ?), ?)";
    p.insert(p.end(), {org_id, q.after_id, q.after_id});
  }
  page += " ORDER BY t.sort_key, t.client_id LIMIT ?";
  p.emplace_back(static_cast<std::int64_t>(q.limit));
  std::string sql = kSummaryColumns + " FROM (" + page + ") pg CROSS JOIN clients c" + std::string(kSummaryJoins) +
                    " WHERE c.id = pg.client_id AND c.org_id = ? ORDER BY pg.sort_key, pg.client_id";
  p.emplace_back(org_id);
  return db::ReadAll<ClientSummary>(tx, sql, std::move(p), ReadSummary);
}

}  // namespace

Result<std::vector<ClientSummary>> ClientStore::List(db::Transaction& tx, const std::string& org_id,
                                                     const ClientQuery& q) {
  if (!q.only_id.empty()) {
    return db::ReadAll<ClientSummary>(tx, kSummarySelect + " WHERE c.org_id = ? AND c.id = ?", {org_id, q.only_id},
                                      ReadSummary);
  }
  if (auto driver = DrivingWord(q.name_prefixes)) return SearchByName(tx, org_id, q, *driver);

  std::string sql = kSummarySelect + " WHERE c.org_id = ?";
  std::vector<Param> p{org_id};
  AppendNameWords(sql, p, org_id, q.name_prefixes, "c.id");
  AppendClientFilters(sql, p, q);
  if (!q.after_id.empty()) {
    sql += " AND (c.sort_key, c.id) > ((SELECT sort_key FROM clients WHERE org_id = ? AND id = ?), ?)";
    p.insert(p.end(), {org_id, q.after_id, q.after_id});
  }
  sql += " ORDER BY c.sort_key, c.id LIMIT ?";
  p.emplace_back(static_cast<std::int64_t>(q.limit));
  return db::ReadAll<ClientSummary>(tx, sql, std::move(p), ReadSummary);
}

Result<std::optional<Client>> ClientStore::Get(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  SW_ASSIGN(auto client,
            db::ReadOne<Client>(
                tx, "SELECT " + std::string(kClientColumns) + " FROM clients c WHERE c.org_id = ? AND c.id = ?",
                {org_id, id}, ReadClient));
  if (!client) return client;
  SW_ASSIGN(auto rs, tx.Query("SELECT system, value FROM client_identifiers WHERE org_id = ? AND client_id = ? "
                              "ORDER BY position",
                              {org_id, id}));
  for (const auto& r : rs.rows) client->identifiers.push_back({r.Text(0), r.Text(1)});
  return client;
}

Status ClientStore::Insert(db::Transaction& tx, const Client& c) {
  auto values = ClientValues(c);
  values.insert(values.begin(), {c.meta.id, c.meta.org_id});
  values.insert(values.end(), {c.meta.created_at, c.meta.created_at});
  SW_TRY(tx.Execute(
      "INSERT INTO clients (id, org_id, mrn, given_name, middle_name, family_name, preferred_name, pronouns, "
      "birth_date, sex_at_birth, gender_identity, phone, email, address_line1, address_line2, address_city, "
      "address_state, address_postal_code, emergency_name, emergency_relationship, emergency_phone, sort_key, "
      "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, "
      "?, ?)",
      std::span<const Param>(values)));
  return WriteChildren(tx, c);
}

Status ClientStore::Update(db::Transaction& tx, const Client& c, std::int64_t expected, const std::string& now) {
  SW_TRY(db::UpdateVersioned(
      tx, "clients", c.meta.org_id, c.meta.id, expected,
      "mrn = ?, given_name = ?, middle_name = ?, family_name = ?, preferred_name = ?, pronouns = ?, birth_date = ?, "
      "sex_at_birth = ?, gender_identity = ?, phone = ?, email = ?, address_line1 = ?, address_line2 = ?, "
      "address_city = ?, address_state = ?, address_postal_code = ?, emergency_name = ?, emergency_relationship = ?, "
      "emergency_phone = ?, sort_key = ?",
      ClientValues(c), now));
  return WriteChildren(tx, c);
}

Result<bool> ClientStore::MrnTaken(db::Transaction& tx, const std::string& org_id, const std::string& mrn,
                                   const std::string& except_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT id FROM clients WHERE org_id = ? AND mrn = ?", {org_id, mrn}));
  return !rs.empty() && rs.rows[0].Text(0) != except_id;
}

Result<std::int64_t> ClientStore::NextMrnNumber(db::Transaction& tx, const std::string& org_id) {
  SW_ASSIGN(auto changed,
            tx.Execute("UPDATE org_counters SET value = value + 1 WHERE org_id = ? AND name = 'mrn'", {org_id}));
  if (changed == 0) {
    SW_TRY(tx.Execute("INSERT INTO org_counters (org_id, name, value) VALUES (?, 'mrn', 1)", {org_id}));
  }
  SW_ASSIGN(auto rs, tx.Query("SELECT value FROM org_counters WHERE org_id = ? AND name = 'mrn'", {org_id}));
  return rs.rows.at(0).Int(0);
}

Result<std::vector<Episode>> ClientStore::ListEpisodes(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& client_id) {
  return db::ReadAll<Episode>(tx,
                              kEpisodeSelect + " WHERE org_id = ? AND client_id = ? ORDER BY created_at DESC, id DESC",
                              {org_id, client_id}, ReadEpisode);
}

Result<std::optional<Episode>> ClientStore::GetEpisode(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& id) {
  return db::ReadOne<Episode>(tx, kEpisodeSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadEpisode);
}

Result<std::optional<Episode>> ClientStore::CurrentEpisode(db::Transaction& tx, const std::string& org_id,
                                                           const std::string& client_id) {
  return db::ReadOne<Episode>(tx,
                              kEpisodeSelect +
                                  " WHERE org_id = ? AND client_id = ? AND voided = 0 "
                                  "ORDER BY created_at DESC, id DESC LIMIT 1",
                              {org_id, client_id}, ReadEpisode);
}

Status ClientStore::InsertEpisode(db::Transaction& tx, const Episode& e) {
  SW_TRY(
      tx.Execute("INSERT INTO episodes (id, org_id, client_id, program_id, track_id, counselor_id, stage, "
                 "level_of_care, admission_date, discharge_date, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                 {e.meta.id, e.meta.org_id, e.client_id, e.program_id, db::OptText(e.track_id),
                  db::OptText(e.counselor_id), e.stage, e.level_of_care, OptDate(e.admission_date),
                  OptDate(e.discharge_date), e.meta.created_at, e.meta.created_at}));
  return Ok();
}

Result<std::vector<Client>> ClientStore::BornOn(db::Transaction& tx, const std::string& org_id, Date birth_date) {
  return db::ReadAll<Client>(tx,
                             "SELECT " + std::string(kClientColumns) +
                                 " FROM clients c WHERE c.org_id = ? AND c.birth_date = ? AND c.voided = 0 "
                                 "ORDER BY c.sort_key, c.id LIMIT 200",
                             {org_id, FormatDate(birth_date)}, ReadClient);
}

Result<std::vector<std::string>> ClientStore::WithPhoneEnding(db::Transaction& tx, const std::string& org_id,
                                                              const std::string& digits) {
  // A scan of the organization's clients: the check runs only when a user asks for it.
  SW_ASSIGN(auto rs, tx.Query("SELECT id FROM clients WHERE org_id = ? AND voided = 0 AND phone IS NOT NULL AND "
                              "REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(phone, ' ', ''), '-', ''), '(', ''), "
                              "')', ''), '.', ''), '+', '') LIKE ? ORDER BY sort_key, id LIMIT 50",
                              {org_id, "%" + digits}));
  std::vector<std::string> ids;
  for (const auto& r : rs.rows) ids.push_back(r.Text(0));
  return ids;
}

Result<std::map<std::string, int>> ClientStore::OpenEpisodesByTrack(db::Transaction& tx, const std::string& org_id) {
  SW_ASSIGN(auto rs,
            tx.Query("SELECT e.track_id, COUNT(*) FROM clients c JOIN episodes e ON e.id = (SELECT e2.id FROM "
                     "episodes e2 WHERE e2.org_id = c.org_id AND e2.client_id = c.id AND e2.voided = 0 ORDER BY "
                     "e2.created_at DESC, e2.id DESC LIMIT 1) WHERE c.org_id = ? AND c.voided = 0 AND "
                     "e.track_id IS NOT NULL AND e.stage <> 'discharged' GROUP BY e.track_id",
                     {org_id}));
  std::map<std::string, int> counts;
  for (const auto& r : rs.rows) counts[r.Text(0)] = static_cast<int>(r.Int(1));
  return counts;
}

Status ClientStore::UpdateEpisode(db::Transaction& tx, const Episode& e, std::int64_t expected,
                                  const std::string& now) {
  return db::UpdateVersioned(tx, "episodes", e.meta.org_id, e.meta.id, expected,
                             "program_id = ?, track_id = ?, counselor_id = ?, stage = ?, level_of_care = ?, "
                             "admission_date = ?, discharge_date = ?",
                             {e.program_id, db::OptText(e.track_id), db::OptText(e.counselor_id), e.stage,
                              e.level_of_care, OptDate(e.admission_date), OptDate(e.discharge_date)},
                             now);
}

}  // namespace stepwise::admissions
