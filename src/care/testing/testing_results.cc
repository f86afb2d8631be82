// Results: entry, the lab CSV import, judging a collection, and the consequences ladder's events with their
// tasks.
#include <algorithm>
#include <map>

#include "care/admissions/client_store.h"
#include "care/program/program_service.h"
#include "care/tasks/task_service.h"
#include "care/testing/testing_service.h"
#include "care/testing/testing_store.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"

namespace stepwise::testing {

using db::Access;
using db::Transaction;
namespace ts = testing_store;

namespace {

constexpr const char* kCategory = "drug_testing";

std::string ActorName(const Actor& actor) { return actor.display_name.empty() ? actor.username : actor.display_name; }

Status Audit(Transaction& tx, const Actor& actor, const char* action, const char* type, const std::string& id,
             const std::string& client_id, const std::string& now, const std::string& reason = "") {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = type,
                        .resource_id = id,
                        .client_id = client_id,
                        .data_category = kCategory,
                        .reason = reason},
                       now);
}

std::string KindText(const std::string& kind) {
  if (kind == "missed") return "a missed test";
  if (kind == "refused") return "a refused test";
  return "an unexpected positive result";
}

std::string ActionText(const std::string& action) {
  if (action == "warning") return "counselor review and warning";
  if (action == "behavioral_contract") return "behavioral contract and more frequent testing";
  if (action == "discharge_review") return "discharge review by the program director";
  return action;
}

// The latest value of each validity measurement over the results, in the order entered.
ValidityInput Merge(const std::vector<TestResult>& results) {
  ValidityInput v;
  for (const auto& r : results) {
    if (r.validity.creatinine) v.creatinine = r.validity.creatinine;
    if (r.validity.specific_gravity) v.specific_gravity = r.validity.specific_gravity;
    if (r.validity.ph) v.ph = r.validity.ph;
    if (r.validity.nitrite) v.nitrite = r.validity.nitrite;
  }
  return v;
}

}  // namespace

Result<CollectionView> TestingService::ViewOf(Transaction& tx, Collection c, const Policy& policy) {
  CollectionView v;
  SW_ASSIGN(v.client_name, ClientName(tx, c.meta.org_id, c.client_id));
  SW_ASSIGN(v.results, ts::ResultsOfCollection(tx, c.meta.org_id, c.meta.id));
  std::set<std::string> expected;
  if (expected_) {
    SW_ASSIGN(expected, expected_(tx, c.meta.org_id, c.client_id, c.collected_on));
  }
  std::vector<AnalyteEntry> entries;
  std::string presumptive;
  std::set<std::string> classes;
  for (const auto& r : v.results) {
    if (presumptive.empty()) presumptive = r.presumptive_method;
    for (const auto& e : r.analytes) {
      entries.push_back(e);
      if (e.stage == "confirmation") {
        const Analyte* a = policy.FindAnalyte(e.code);
        classes.insert(a && !a->drug_class.empty() ? a->drug_class : e.code);
      }
    }
  }
  v.interpretations = Interpret(entries, expected);
  for (auto& i : v.interpretations) {
    if (const Analyte* a = policy.FindAnalyte(i.code)) i.label = a->label;
  }
  const bool negative = std::none_of(v.interpretations.begin(), v.interpretations.end(), IsPositive);
  ValidityInput in = Merge(v.results);
  in.temperature_f = c.temperature_f;
  in.temperature_in_range = c.temperature_in_range;
  v.validity = ClassifyValidity(in, policy.validity, negative);
  v.billing = SuggestBilling(policy.billing, presumptive, static_cast<int>(classes.size()));
  SW_ASSIGN(auto events, ts::EventsOfClient(tx, c.meta.org_id, c.client_id));
  for (auto& e : events) {
    if (e.collection_id == c.meta.id) v.event = std::move(e);
  }
  v.collection = std::move(c);
  return v;
}

Result<TestingEvent> TestingService::ApplyEventIn(Transaction& tx, const Actor& actor, const Policy& policy,
                                                  const std::string& client_id, const std::string& program_id,
                                                  const std::string& kind, Date on, const std::string& collection_id,
                                                  const std::string& selected_id,
                                                  std::vector<std::string> result_ids) {
  SW_ASSIGN(auto events, ts::EventsOfClient(tx, actor.org_id, client_id));
  std::vector<LadderEvent> ladder;
  for (const auto& e : events) ladder.push_back({e.occurred_on, e.step, e.Counted()});
  const int step = NextStep(policy, ladder, on);
  const LadderStep* s = policy.Step(step);
  if (!s) return Error::Conflict("the testing policy has no consequences ladder", {{"ladder", "is empty"}});
  const std::string now = Now();
  TestingEvent ev;
  ev.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
  ev.client_id = client_id;
  ev.program_id = program_id;
  ev.kind = kind;
  ev.occurred_on = on;
  ev.step = step;
  ev.action = s->action;
  ev.collection_id = collection_id;
  ev.selected_id = selected_id;
  ev.result_ids = std::move(result_ids);
  // The step's task: for the client's counselor or the step's role queue. No clinical detail in the title.
  tasks::Task t;
  t.client_id = client_id;
  t.kind = s->task_kind;
  if (s->assignee == "counselor") {
    SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
    if (episode && !episode->counselor_id.empty()) t.assignee_staff_id = episode->counselor_id;
    else t.assignee_role = "program_director";  // nobody assigned: the director's queue
  } else {
    t.assignee_role = s->assignee_role;
  }
  t.title = "Testing policy step " + std::to_string(step) + ": " + ActionText(s->action);
  t.detail = "Step " + std::to_string(step) + " of the program's testing policy after " + KindText(kind) + " on " +
             FormatDate(on) + ". The results that triggered it are on the client's testing page.";
  t.source_type = "drug_test_event";
  t.source_id = ev.meta.id;
  t.due_on = AddDays(on, s->action == "discharge_review" ? 7 : 3);
  SW_ASSIGN(auto task, tasks::CreateIn(tx, actor, std::move(t), now));
  ev.task_id = task.meta.id;
  SW_TRY(ts::InsertEvent(tx, ev));
  SW_TRY(Audit(tx, actor, "create", "drug_test_event", ev.meta.id, client_id, now,
               "step " + std::to_string(step) + " (" + s->action + ") after " + kind));
  return ev;
}

Result<CollectionView> TestingService::RecomputeIn(Transaction& tx, const Actor& actor, Collection c,
                                                   const Policy& policy) {
  SW_ASSIGN(auto view, ViewOf(tx, c, policy));
  const auto& list = view.interpretations;
  const bool unexpected = std::any_of(list.begin(), list.end(), [](const auto& i) { return IsPositive(i) && !i.expected; });
  const bool expected = std::any_of(list.begin(), list.end(), [](const auto& i) { return IsPositive(i) && i.expected; });
  c.outcome = unexpected ? "positive" : expected ? "expected_positive" : "negative";
  c.validity = view.validity.status;
  const std::string now = Now();
  SW_TRY(ts::UpdateCollectionOutcome(tx, c, now));
  std::vector<std::string> result_ids;
  for (const auto& r : view.results) result_ids.push_back(r.meta.id);
  if (view.event && view.event->kind == "positive" && view.event->status != "withdrawn") {
    TestingEvent ev = *view.event;
    if (AllUnexpectedNotConfirmed(list)) {
      ev.status = "withdrawn";
      ev.reason = "not confirmed by the laboratory";
    }
    ev.result_ids = result_ids;
    SW_TRY(ts::UpdateEvent(tx, ev, ev.meta.version, now));
    if (ev.status == "withdrawn") {
      SW_TRY(Audit(tx, actor, "update", "drug_test_event", ev.meta.id, c.client_id, now, ev.reason));
    }
  } else if (!view.event && UnexpectedPositive(list, policy.act_on)) {
    SW_TRY(ApplyEventIn(tx, actor, policy, c.client_id, c.program_id, "positive", c.collected_on, c.meta.id,
                        c.selected_id, result_ids));
  }
  SW_ASSIGN(auto stored, db::Found(ts::GetCollection(tx, actor.org_id, c.meta.id), "collection"));
  return ViewOf(tx, std::move(stored), policy);
}

Result<ResultDraft> TestingService::CheckResult(const Policy& policy, ResultDraft d, const std::string& prefix) const {
  FieldErrors errors;
  if (d.method != "poc_cup" && d.method != "lab") errors.Add(prefix + "method", "must be poc_cup or lab");
  if (d.presumptive_method.empty()) {
    const bool screened = std::any_of(d.analytes.begin(), d.analytes.end(),
                                      [](const AnalyteEntry& e) { return e.stage == "screening"; });
    if (screened) d.presumptive_method = d.method == "poc_cup" ? "read_by_eye" : "analyzer";
  } else if (d.presumptive_method != "read_by_eye" && d.presumptive_method != "instrument" &&
             d.presumptive_method != "analyzer") {
    errors.Add(prefix + "presumptive_method", "must be read_by_eye, instrument or analyzer");
  }
  if (d.analytes.empty()) errors.Add(prefix + "analytes", "needs at least one analyte");
  for (std::size_t i = 0; i < d.analytes.size(); ++i) {
    auto& e = d.analytes[i];
    const std::string path = prefix + "analytes[" + std::to_string(i) + "]";
    const Analyte* a = policy.FindAnalyte(e.code);
    if (!a) {
      errors.Add(path + ".code", "\"" + e.code + "\" is not an analyte of the testing policy");
      continue;
    }
    JudgeEntry(e, *a, path, errors);
  }
  auto range = [&](const char* name, const std::optional<double>& v, double min, double max) {
    if (v && (*v < min || *v > max)) {
      errors.Add(prefix + "validity." + name, "must be " + std::to_string(min).substr(0, 6) + " to " +
                                                  std::to_string(max).substr(0, 6));
    }
  };
  range("creatinine", d.validity.creatinine, 0, 1000);
  range("specific_gravity", d.validity.specific_gravity, 0.9, 1.1);
  range("ph", d.validity.ph, 0, 14);
  range("nitrite", d.validity.nitrite, 0, 100000);
  if (!errors.empty()) return errors.ToError();
  return d;
}

Result<CollectionView> TestingService::AddResult(const Actor& actor, const std::string& collection_id, ResultDraft d) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<CollectionView> {
    SW_ASSIGN(auto c, db::Found(ts::GetCollection(tx, actor.org_id, collection_id), "collection"));
    if (!clients_.CheckAccessIn(tx, actor, c.client_id).ok()) return Error::NotFound("no such collection");
    if (c.meta.voided) return Error::Conflict("the collection is voided");
    if (c.refused) return Error::Conflict("the client refused this collection; there is no specimen to test");
    SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, c.program_id));
    SW_ASSIGN(auto draft, CheckResult(e.policy, std::move(d), ""));
    const std::string now = Now();
    TestResult r;
    r.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    r.collection_id = c.meta.id;
    r.client_id = c.client_id;
    r.method = draft.method;
    r.presumptive_method = draft.presumptive_method;
    r.analytes = std::move(draft.analytes);
    r.validity = draft.validity;
    r.entered_by = actor.user_id;
    r.entered_by_name = ActorName(actor);
    SW_TRY(ts::InsertResult(tx, r));
    SW_TRY(Audit(tx, actor, "create", "drug_test_result", r.meta.id, c.client_id, now));
    return RecomputeIn(tx, actor, std::move(c), e.policy);
  });
}

Result<ImportReport> TestingService::ImportLab(const Actor& actor, const std::string& csv, bool dry_run) {
  SW_TRY(program::RequireOrganization(actor));
  const std::string sha = security::Sha256Hex(csv);
  return db::InTransaction(db_, dry_run ? Access::kRead : Access::kWrite, [&](Transaction& tx) -> Result<ImportReport> {
    ImportReport report;
    SW_ASSIGN(auto previous, ts::ImportBySha(tx, actor.org_id, sha));
    report.duplicate = previous.has_value();
    if (report.duplicate && !dry_run) {
      return Error::Conflict("this lab file was imported already on " + previous->created_at.substr(0, 10),
                             {{"file", "has the same SHA-256 as an earlier import"}});
    }
    LabFile file = ParseLabCsv(csv, *defaults_);
    report.rows = static_cast<int>(file.rows.size());
    report.errors = file.errors;
    // Resolve each row's collection and judge it by that collection's program policy.
    struct Group {
      Collection collection;
      Policy policy;
      ResultDraft draft;
    };
    std::map<std::string, Group> groups;
    std::vector<std::string> order;
    for (const auto& row : file.rows) {
      auto error = [&](const char* field, std::string message) { report.errors.push_back({row.row, field, std::move(message)}); };
      std::optional<Collection> found;
      if (!row.collection_id.empty()) {
        SW_ASSIGN(found, ts::GetCollection(tx, actor.org_id, row.collection_id));
        if (found && !row.chain_of_custody_id.empty() && found->chain_of_custody_id != row.chain_of_custody_id) {
          error("chain_of_custody_id", "does not match the collection's chain-of-custody id");
          continue;
        }
      } else {
        SW_ASSIGN(auto list, ts::CollectionsByCustodyId(tx, actor.org_id, row.chain_of_custody_id));
        if (list.size() > 1) {
          error("chain_of_custody_id", "names more than one collection; give collection_id");
          continue;
        }
        if (!list.empty()) found = list.front();
      }
      if (!found || found->meta.voided || !clients_.CheckAccessIn(tx, actor, found->client_id).ok()) {
        error(row.collection_id.empty() ? "chain_of_custody_id" : "collection_id", "no such collection");
        continue;
      }
      if (found->refused) {
        error("collection_id", "the client refused this collection; there is no specimen");
        continue;
      }
      auto [it, added] = groups.try_emplace(found->meta.id);
      if (added) {
        order.push_back(found->meta.id);
        SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, found->program_id));
        it->second.collection = *found;
        it->second.policy = std::move(e.policy);
        it->second.draft.method = "lab";
      }
      Group& g = it->second;
      AnalyteEntry entry = row.entry;
      const Analyte* a = g.policy.FindAnalyte(entry.code);
      if (!a) {
        const bool seen = std::any_of(report.errors.begin(), report.errors.end(),
                                      [&](const LabRowError& x) { return x.row == row.row && x.field == "analyte"; });
        if (!seen) error("analyte", "\"" + entry.code + "\" is not an analyte of the program's testing policy");
        continue;
      }
      FieldErrors fe;
      JudgeEntry(entry, *a, "", fe);
      for (const auto& f : fe.fields()) {
        const std::string field = f.field.substr(f.field.find('.') + 1);
        const bool seen = std::any_of(report.errors.begin(), report.errors.end(),
                                      [&](const LabRowError& x) { return x.row == row.row && x.field == field; });
        if (!seen) report.errors.push_back({row.row, field, f.message});
      }
      g.draft.analytes.push_back(std::move(entry));
      const auto& v = row.validity;
      if (v.creatinine) g.draft.validity.creatinine = v.creatinine;
      if (v.specific_gravity) g.draft.validity.specific_gravity = v.specific_gravity;
      if (v.ph) g.draft.validity.ph = v.ph;
      if (v.nitrite) g.draft.validity.nitrite = v.nitrite;
    }
    std::sort(report.errors.begin(), report.errors.end(),
              [](const LabRowError& a, const LabRowError& b) { return a.row < b.row; });
    report.collection_ids = order;
    if (dry_run) return report;
    if (!report.errors.empty()) {
      std::vector<FieldError> fields;
      for (const auto& e : report.errors) fields.push_back({"rows[" + std::to_string(e.row) + "]." + e.field, e.message});
      return Error::InvalidArgument("the lab file has " + std::to_string(report.errors.size()) +
                                        " error(s); nothing was imported",
                                    std::move(fields));
    }
    const std::string now = Now();
    LabImport imp{NewUuidV7(clock_.Now()), actor.org_id, sha, report.rows, actor.user_id, now};
    SW_TRY(ts::InsertImport(tx, imp));
    SW_TRY(Audit(tx, actor, "import", "drug_test_lab_file", imp.id, "", now));
    for (const auto& id : order) {
      Group& g = groups.at(id);
      TestResult r;
      r.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
      r.collection_id = id;
      r.client_id = g.collection.client_id;
      r.method = "lab";
      const bool screened = std::any_of(g.draft.analytes.begin(), g.draft.analytes.end(),
                                        [](const AnalyteEntry& e) { return e.stage == "screening"; });
      r.presumptive_method = screened ? "analyzer" : "";
      r.analytes = std::move(g.draft.analytes);
      r.validity = g.draft.validity;
      r.import_id = imp.id;
      r.entered_by = actor.user_id;
      r.entered_by_name = ActorName(actor);
      SW_TRY(ts::InsertResult(tx, r));
      SW_TRY(Audit(tx, actor, "create", "drug_test_result", r.meta.id, r.client_id, now, "lab import " + imp.id));
      report.result_ids.push_back(r.meta.id);
      SW_TRY(RecomputeIn(tx, actor, g.collection, g.policy));
    }
    report.imported = true;
    return report;
  });
}

}  // namespace stepwise::testing
