#include "care/testing/testing_store.h"

#include <cstdlib>

#include "care/testing/testing_policy_json.h"
#include "platform/db/records.h"

namespace stepwise::testing::testing_store {

using db::OptText;
using db::Param;
using db::Row;

namespace {

Param DateParam(Date d) { return FormatDate(d); }
Param OptNum(const std::optional<double>& d) { return d ? Param(*d) : Param(nullptr); }
Param OptBool(const std::optional<bool>& b) { return b ? Param(std::int64_t{*b ? 1 : 0}) : Param(nullptr); }
std::optional<double> NumOf(const Row& r, std::size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return std::strtod(r.Text(i).c_str(), nullptr);
}
Date DateOf(const Row& r, std::size_t i) { return ParseDate(r.Text(i)).value_or(Date{}); }

const std::string kSelectedColumns =
    std::string(db::kMetaColumns) +
    ", selection_id, program_id, client_id, selected_on, reason, probability, draw, observed, status, collection_id";

Selected ReadSelected(const Row& r) {
  Selected s;
  s.meta = db::ReadMeta(r, 0);
  std::size_t i = 7;
  s.selection_id = r.Text(i++);
  s.program_id = r.Text(i++);
  s.client_id = r.Text(i++);
  s.selected_on = DateOf(r, i++);
  s.reason = r.Text(i++);
  s.probability = NumOf(r, i++).value_or(0);
  s.draw = NumOf(r, i++).value_or(0);
  s.observed = r.Int(i++) != 0;
  s.status = r.Text(i++);
  s.collection_id = r.Text(i++);
  return s;
}

const std::string kCollectionColumns =
    std::string(db::kMetaColumns) +
    ", client_id, program_id, collected_at, collected_on, collector_staff_id, collector_user, collector_name, "
    "specimen, temperature_f, temperature_in_range, observed, chain_of_custody_id, lab, panel_code, refused, "
    "selected_id, outcome, validity";

Collection ReadCollection(const Row& r) {
  Collection c;
  c.meta = db::ReadMeta(r, 0);
  std::size_t i = 7;
  c.client_id = r.Text(i++);
  c.program_id = r.Text(i++);
  c.collected_at = r.Text(i++);
  c.collected_on = DateOf(r, i++);
  c.collector_staff_id = r.Text(i++);
  c.collector_user = r.Text(i++);
  c.collector_name = r.Text(i++);
  c.specimen = r.Text(i++);
  c.temperature_f = NumOf(r, i++);
  if (!r.IsNull(i)) c.temperature_in_range = r.Int(i) != 0;
  ++i;
  c.observed = r.Int(i++) != 0;
  c.chain_of_custody_id = r.Text(i++);
  c.lab = r.Text(i++);
  c.panel_code = r.Text(i++);
  c.refused = r.Int(i++) != 0;
  c.selected_id = r.Text(i++);
  c.outcome = r.Text(i++);
  c.validity = r.Text(i++);
  return c;
}

const std::string kResultColumns =
    std::string(db::kMetaColumns) +
    ", collection_id, client_id, method, presumptive_method, analytes, validity, import_id, entered_by, entered_by_name";

TestResult ReadResult(const Row& r) {
  TestResult t;
  t.meta = db::ReadMeta(r, 0);
  std::size_t i = 7;
  t.collection_id = r.Text(i++);
  t.client_id = r.Text(i++);
  t.method = r.Text(i++);
  t.presumptive_method = r.Text(i++);
  t.analytes = ParseEntries(r.Text(i++));
  t.validity = ParseValidityText(r.Text(i++));
  t.import_id = r.Text(i++);
  t.entered_by = r.Text(i++);
  t.entered_by_name = r.Text(i++);
  return t;
}

const std::string kEventColumns =
    std::string(db::kMetaColumns) +
    ", client_id, program_id, kind, occurred_on, step, action, collection_id, selected_id, result_ids, task_id, "
    "status, decision, reason, decided_by, decided_by_name, decided_at";

TestingEvent ReadEvent(const Row& r) {
  TestingEvent e;
  e.meta = db::ReadMeta(r, 0);
  std::size_t i = 7;
  e.client_id = r.Text(i++);
  e.program_id = r.Text(i++);
  e.kind = r.Text(i++);
  e.occurred_on = DateOf(r, i++);
  e.step = static_cast<int>(r.Int(i++));
  e.action = r.Text(i++);
  e.collection_id = r.Text(i++);
  e.selected_id = r.Text(i++);
  e.result_ids = db::SplitCodes(r.Text(i++));
  e.task_id = r.Text(i++);
  e.status = r.Text(i++);
  e.decision = r.Text(i++);
  e.reason = r.Text(i++);
  e.decided_by = r.Text(i++);
  e.decided_by_name = r.Text(i++);
  e.decided_at = r.Text(i++);
  return e;
}

}  // namespace

Result<std::optional<StoredPolicy>> GetPolicy(db::Transaction& tx, const std::string& org_id,
                                              const std::string& program_id) {
  return db::ReadOne<StoredPolicy>(
      tx,
      "SELECT program_id, policy, version, updated_by, updated_at FROM testing_policies "
      "WHERE org_id = ? AND program_id = ? AND voided = 0",
      {org_id, program_id}, [](const Row& r) {
        return StoredPolicy{r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4)};
      });
}

Result<std::int64_t> PutPolicy(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                               const std::string& policy_json, std::int64_t expected, const std::string& user,
                               const std::string& now) {
  SW_ASSIGN(auto current, GetPolicy(tx, org_id, program_id));
  std::int64_t version = 1;
  if (!current) {
    if (expected != 0) return Error::StaleVersion();
    SW_TRY(tx.Execute(
        "INSERT INTO testing_policies (id, org_id, program_id, policy, updated_by, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
        {program_id, org_id, program_id, policy_json, user, now, now}));
  } else {
    SW_TRY(db::UpdateVersioned(tx, "testing_policies", org_id, program_id, expected, "policy = ?, updated_by = ?",
                               {policy_json, user}, now));
    version = expected + 1;
  }
  SW_TRY(tx.Execute(
      "INSERT INTO testing_policy_versions (id, org_id, program_id, version, policy, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {program_id + ":" + std::to_string(version), org_id, program_id, version, policy_json, user, now}));
  return version;
}

Result<std::optional<Seed>> GetSeed(db::Transaction& tx, const std::string& org_id, const std::string& program_id) {
  return db::ReadOne<Seed>(tx,
                           "SELECT id, org_id, program_id, secret, fingerprint, created_at FROM testing_seeds "
                           "WHERE org_id = ? AND program_id = ?",
                           {org_id, program_id}, [](const Row& r) {
                             return Seed{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
                           });
}

Status InsertSeed(db::Transaction& tx, const Seed& s) {
  SW_TRY(tx.Execute(
      "INSERT INTO testing_seeds (id, org_id, program_id, secret, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {s.id, s.org_id, s.program_id, s.secret, s.fingerprint, s.created_at}));
  return Ok();
}

Result<std::vector<EnrolledClient>> Enrolled(db::Transaction& tx, const std::string& org_id,
                                             const std::string& program_id, Date on) {
  return db::ReadAll<EnrolledClient>(
      tx,
      "SELECT e.client_id, e.admission_date, e.counselor_id FROM episodes e JOIN clients c ON c.id = e.client_id "
      "WHERE e.org_id = ? AND e.program_id = ? AND e.voided = 0 AND c.voided = 0 "
      "AND e.stage IN ('orientation', 'treatment') AND e.admission_date IS NOT NULL AND e.admission_date <= ? "
      "AND (e.discharge_date IS NULL OR e.discharge_date > ?) ORDER BY e.client_id",
      {org_id, program_id, FormatDate(on), FormatDate(on)},
      [](const Row& r) { return EnrolledClient{r.Text(0), DateOf(r, 1), r.Text(2)}; });
}

Result<std::optional<Selection>> GetSelection(db::Transaction& tx, const std::string& org_id,
                                              const std::string& program_id, Date on) {
  return db::ReadOne<Selection>(
      tx,
      "SELECT id, org_id, program_id, selected_on, seed_fingerprint, policy_version, candidates, created_by, "
      "created_at FROM testing_selections WHERE org_id = ? AND program_id = ? AND selected_on = ?",
      {org_id, program_id, FormatDate(on)}, [](const Row& r) {
        return Selection{r.Text(0), r.Text(1), r.Text(2), DateOf(r, 3), r.Text(4),
                         r.Int(5),  static_cast<int>(r.Int(6)), r.Text(7), r.Text(8)};
      });
}

Status InsertSelection(db::Transaction& tx, const Selection& s) {
  SW_TRY(tx.Execute(
      "INSERT INTO testing_selections (id, org_id, program_id, selected_on, seed_fingerprint, policy_version, "
      "candidates, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.id, s.org_id, s.program_id, DateParam(s.selected_on), s.seed_fingerprint, s.policy_version,
       std::int64_t{s.candidates}, s.created_by, s.created_at}));
  return Ok();
}

Status InsertSelected(db::Transaction& tx, const Selected& s) {
  SW_TRY(tx.Execute(
      "INSERT INTO testing_selected (id, org_id, selection_id, program_id, client_id, selected_on, reason, "
      "probability, draw, observed, status, collection_id, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.meta.id, s.meta.org_id, s.selection_id, s.program_id, s.client_id, DateParam(s.selected_on), s.reason,
       s.probability, s.draw, std::int64_t{s.observed ? 1 : 0}, s.status, OptText(s.collection_id), s.meta.version,
       s.meta.created_at, s.meta.updated_at}));
  return Ok();
}

Result<std::vector<Selected>> SelectedOn(db::Transaction& tx, const std::string& org_id, Date on,
                                         const std::string& program_id) {
  std::string sql = "SELECT " + kSelectedColumns + " FROM testing_selected WHERE org_id = ? AND selected_on = ?";
  std::vector<Param> params = {org_id, FormatDate(on)};
  if (!program_id.empty()) {
    sql += " AND program_id = ?";
    params.emplace_back(program_id);
  }
  return db::ReadAll<Selected>(tx, sql + " ORDER BY program_id, client_id", std::move(params), ReadSelected);
}

Result<std::vector<Selected>> SelectedOfClient(db::Transaction& tx, const std::string& org_id,
                                               const std::string& client_id) {
  return db::ReadAll<Selected>(
      tx, "SELECT " + kSelectedColumns + " FROM testing_selected WHERE org_id = ? AND client_id = ? ORDER BY selected_on",
      {org_id, client_id}, ReadSelected);
}

Status UpdateSelected(db::Transaction& tx, const Selected& s, const std::string& now) {
  return db::UpdateVersioned(tx, "testing_selected", s.meta.org_id, s.meta.id, s.meta.version,
                             "status = ?, collection_id = ?", {s.status, OptText(s.collection_id)}, now);
}

Status InsertCollection(db::Transaction& tx, const Collection& c) {
  SW_TRY(tx.Execute(
      "INSERT INTO testing_collections (id, org_id, client_id, program_id, collected_at, collected_on, "
      "collector_staff_id, collector_user, collector_name, specimen, temperature_f, temperature_in_range, observed, "
      "chain_of_custody_id, lab, panel_code, refused, selected_id, outcome, validity, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.meta.id, c.meta.org_id, c.client_id, OptText(c.program_id), c.collected_at, DateParam(c.collected_on),
       OptText(c.collector_staff_id), c.collector_user, c.collector_name, c.specimen, OptNum(c.temperature_f),
       OptBool(c.temperature_in_range), std::int64_t{c.observed ? 1 : 0}, OptText(c.chain_of_custody_id),
       OptText(c.lab), c.panel_code, std::int64_t{c.refused ? 1 : 0}, OptText(c.selected_id), c.outcome, c.validity,
       c.meta.version, c.meta.created_at, c.meta.updated_at}));
  return Ok();
}

Result<std::optional<Collection>> GetCollection(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<Collection>(tx, "SELECT " + kCollectionColumns + " FROM testing_collections WHERE org_id = ? AND id = ?",
                                 {org_id, id}, ReadCollection);
}

Result<std::vector<Collection>> CollectionsOfClient(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& client_id) {
  return db::ReadAll<Collection>(tx,
                                 "SELECT " + kCollectionColumns +
                                     " FROM testing_collections WHERE org_id = ? AND client_id = ? AND voided = 0 "
                                     "ORDER BY collected_at, id",
                                 {org_id, client_id}, ReadCollection);
}

Result<std::vector<Collection>> CollectionsByCustodyId(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& chain_of_custody_id) {
  return db::ReadAll<Collection>(tx,
                                 "SELECT " + kCollectionColumns +
                                     " FROM testing_collections WHERE org_id = ? AND chain_of_custody_id = ? "
                                     "AND voided = 0",
                                 {org_id, chain_of_custody_id}, ReadCollection);
}

Result<std::vector<Collection>> PendingCollections(db::Transaction& tx, const std::string& org_id) {
  return db::ReadAll<Collection>(tx,
                                 "SELECT " + kCollectionColumns +
                                     " FROM testing_collections WHERE org_id = ? AND outcome = 'pending' "
                                     "AND voided = 0 ORDER BY collected_at, id",
                                 {org_id}, ReadCollection);
}

Status UpdateCollectionOutcome(db::Transaction& tx, const Collection& c, const std::string& now) {
  return db::UpdateVersioned(tx, "testing_collections", c.meta.org_id, c.meta.id, c.meta.version,
                             "outcome = ?, validity = ?", {c.outcome, c.validity}, now);
}

Status InsertResult(db::Transaction& tx, const TestResult& r) {
  SW_TRY(tx.Execute(
      "INSERT INTO testing_results (id, org_id, collection_id, client_id, method, presumptive_method, analytes, "
      "validity, import_id, entered_by, entered_by_name, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.meta.id, r.meta.org_id, r.collection_id, r.client_id, r.method, OptText(r.presumptive_method),
       EntriesText(r.analytes), ValidityText(r.validity), OptText(r.import_id), r.entered_by, r.entered_by_name,
       r.meta.version, r.meta.created_at, r.meta.updated_at}));
  return Ok();
}

Result<std::vector<TestResult>> ResultsOfCollection(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& collection_id) {
  return db::ReadAll<TestResult>(tx,
                                 "SELECT " + kResultColumns +
                                     " FROM testing_results WHERE org_id = ? AND collection_id = ? AND voided = 0 "
                                     "ORDER BY created_at, id",
                                 {org_id, collection_id}, ReadResult);
}

Result<std::optional<LabImport>> ImportBySha(db::Transaction& tx, const std::string& org_id, const std::string& sha) {
  return db::ReadOne<LabImport>(
      tx, "SELECT id, org_id, sha256, row_count, created_by, created_at FROM testing_imports WHERE org_id = ? AND sha256 = ?",
      {org_id, sha}, [](const Row& r) {
        return LabImport{r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), r.Text(4), r.Text(5)};
      });
}

Status InsertImport(db::Transaction& tx, const LabImport& i) {
  SW_TRY(tx.Execute(
      "INSERT INTO testing_imports (id, org_id, sha256, row_count, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {i.id, i.org_id, i.sha256, std::int64_t{i.rows}, i.created_by, i.created_at}));
  return Ok();
}

Status InsertEvent(db::Transaction& tx, const TestingEvent& e) {
  SW_TRY(tx.Execute(
      "INSERT INTO testing_events (id, org_id, client_id, program_id, kind, occurred_on, step, action, collection_id, "
      "selected_id, result_ids, task_id, status, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.meta.id, e.meta.org_id, e.client_id, OptText(e.program_id), e.kind, DateParam(e.occurred_on),
       std::int64_t{e.step}, e.action, OptText(e.collection_id), OptText(e.selected_id),
       OptText(db::JoinCodes(e.result_ids)), OptText(e.task_id), e.status, e.meta.version, e.meta.created_at,
       e.meta.updated_at}));
  return Ok();
}

Result<std::optional<TestingEvent>> GetEvent(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<TestingEvent>(tx, "SELECT " + kEventColumns + " FROM testing_events WHERE org_id = ? AND id = ?",
                                   {org_id, id}, ReadEvent);
}

Result<std::vector<TestingEvent>> EventsOfClient(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id) {
  return db::ReadAll<TestingEvent>(tx,
                                   "SELECT " + kEventColumns +
                                       " FROM testing_events WHERE org_id = ? AND client_id = ? AND voided = 0 "
                                       "ORDER BY occurred_on, created_at, id",
                                   {org_id, client_id}, ReadEvent);
}

Result<std::vector<TestingEvent>> OpenEvents(db::Transaction& tx, const std::string& org_id) {
  return db::ReadAll<TestingEvent>(tx,
                                   "SELECT " + kEventColumns +
                                       " FROM testing_events WHERE org_id = ? AND status = 'open' AND voided = 0 "
                                       "ORDER BY step DESC, occurred_on, id",
                                   {org_id}, ReadEvent);
}

Status UpdateEvent(db::Transaction& tx, const TestingEvent& e, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "testing_events", e.meta.org_id, e.meta.id, expected,
                             "status = ?, decision = ?, reason = ?, decided_by = ?, decided_by_name = ?, "
                             "decided_at = ?, result_ids = ?",
                             {e.status, OptText(e.decision), OptText(e.reason), OptText(e.decided_by),
                              OptText(e.decided_by_name), OptText(e.decided_at), OptText(db::JoinCodes(e.result_ids))},
                             now);
}

}  // namespace stepwise::testing::testing_store
