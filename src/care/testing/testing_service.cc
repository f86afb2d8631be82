// Policy, selection, the board, closing a day and collections. Results, the lab import and the ladder are
// in testing_results.cc; the chart, the review queue and decisions in testing_chart.cc.
#include "care/testing/testing_service.h"

#include <algorithm>

#include "care/admissions/client_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "care/testing/selection.h"
#include "care/testing/testing_policy_json.h"
#include "care/testing/testing_store.h"
#include "platform/base/time_zone.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

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

Status RequireProgram(Transaction& tx, const std::string& org_id, const std::string& program_id) {
  SW_ASSIGN(auto p, program::ProgramStore::GetProgram(tx, org_id, program_id));
  if (!p || p->meta.voided) return Error::NotFound("no such program");
  return Ok();
}

}  // namespace

std::string TestingService::Now() const { return FormatTimestamp(clock_.Now()); }

Status TestingService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<TestingService::Effective> TestingService::PolicyFor(Transaction& tx, const std::string& org_id,
                                                            const std::string& program_id) const {
  if (program_id.empty()) return Effective{*defaults_, 0};
  SW_ASSIGN(auto stored, ts::GetPolicy(tx, org_id, program_id));
  if (!stored) return Effective{*defaults_, 0};
  SW_ASSIGN(auto policy, ParsePolicy(stored->policy_json));
  return Effective{std::move(policy), stored->version};
}

Result<std::string> TestingService::ZoneOf(Transaction& tx, const std::string& org_id) const {
  SW_ASSIGN(auto org, db::Found(program::ProgramStore::GetOrganization(tx, org_id), "organization"));
  return org.time_zone;
}

Result<Date> TestingService::LocalToday(Transaction& tx, const std::string& org_id) const {
  SW_ASSIGN(auto zone, ZoneOf(tx, org_id));
  SW_ASSIGN(auto local, tz::ToLocal(zone, clock_.Now()));
  return local.day;
}

Result<std::string> TestingService::ClientName(Transaction& tx, const std::string& org_id,
                                               const std::string& client_id) const {
  SW_ASSIGN(auto c, db::Found(admissions::ClientStore::Get(tx, org_id, client_id), "client"));
  return admissions::DisplayName(c);
}

Result<PolicyView> TestingService::GetPolicy(const Actor& actor, const std::string& program_id) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<PolicyView> {
    SW_TRY(RequireProgram(tx, actor.org_id, program_id));
    SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, program_id));
    return PolicyView{program_id, e.version ? "program" : "installation", e.version, std::move(e.policy)};
  });
}

Result<PolicyView> TestingService::PutPolicy(const Actor& actor, const std::string& program_id, std::int64_t expected,
                                             Policy policy) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  CheckPolicy(policy, errors);
  if (!errors.empty()) return errors.ToError("the drug-testing policy has errors");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<PolicyView> {
    SW_TRY(RequireProgram(tx, actor.org_id, program_id));
    const std::string now = Now();
    SW_ASSIGN(auto version, ts::PutPolicy(tx, actor.org_id, program_id, PolicyText(policy), expected, actor.user_id, now));
    SW_TRY(Audit(tx, actor, expected == 0 ? "create" : "update", "testing_policy", program_id, "", now));
    return PolicyView{program_id, "program", version, std::move(policy)};
  });
}

Result<bool> TestingService::ObservedFor(Transaction& tx, const std::string& org_id, const std::string& client_id,
                                         const Policy& policy) {
  if (policy.observed == "always") return true;
  if (policy.observed == "never") return false;
  SW_ASSIGN(auto list, ts::CollectionsOfClient(tx, org_id, client_id));
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if (it->refused || it->outcome == "pending") continue;
    if (policy.observed == "after_positive") return it->outcome == "positive";
    // after_dilute: the latest judged specimen was not clearly valid.
    return it->validity != "valid" && it->validity != "not_tested";
  }
  return false;
}

Result<SelectionView> TestingService::Select(const Actor& actor, const std::string& program_id, Date day) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SelectionView> {
    SW_TRY(RequireProgram(tx, actor.org_id, program_id));
    SW_ASSIGN(Date today, LocalToday(tx, actor.org_id));
    if (DaysBetween(today, day) > 0) {
      return Error::Field("date", "is after today; a day's selection is made on the day, so nobody learns it ahead");
    }
    SelectionView view;
    SW_ASSIGN(auto existing, ts::GetSelection(tx, actor.org_id, program_id, day));
    const std::string now = Now();
    if (existing) {
      view.selection = std::move(*existing);
    } else {
      SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, program_id));
      SW_ASSIGN(auto seed, ts::GetSeed(tx, actor.org_id, program_id));
      if (!seed) {
        Seed s{NewUuidV7(clock_.Now()), actor.org_id, program_id, NewSeed(), "", now};
        s.fingerprint = SeedFingerprint(s.secret);
        SW_TRY(ts::InsertSeed(tx, s));
        seed = s;
      }
      SW_ASSIGN(auto enrolled, ts::Enrolled(tx, actor.org_id, program_id, day));
      std::vector<Candidate> candidates;
      for (const auto& c : enrolled) {
        SW_ASSIGN(auto events, ts::EventsOfClient(tx, actor.org_id, c.client_id));
        std::vector<LadderEvent> ladder;
        for (const auto& ev : events) ladder.push_back({ev.occurred_on, ev.step, ev.Counted()});
        candidates.push_back({c.client_id, DaysBetween(c.admission_date, day) + 1, ContractOn(e.policy, ladder, day)});
      }
      Selection sel{NewUuidV7(clock_.Now()), actor.org_id, program_id, day, seed->fingerprint, e.version,
                    static_cast<int>(candidates.size()), actor.user_id, now};
      SW_TRY(ts::InsertSelection(tx, sel));
      SW_TRY(Audit(tx, actor, "create", "drug_test_selection", sel.id, "", now));
      for (const auto& pick : stepwise::testing::Select(e.policy, seed->secret, day, candidates)) {
        Selected s;
        s.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
        s.selection_id = sel.id;
        s.program_id = program_id;
        s.client_id = pick.client_id;
        s.selected_on = day;
        s.reason = pick.reason;
        s.probability = pick.probability;
        s.draw = pick.draw;
        SW_ASSIGN(s.observed, ObservedFor(tx, actor.org_id, pick.client_id, e.policy));
        SW_TRY(ts::InsertSelected(tx, s));
        SW_TRY(Audit(tx, actor, "create", "drug_test_selected", s.meta.id, s.client_id, now));
      }
      view.selection = std::move(sel);
      view.created = true;
    }
    SW_ASSIGN(auto selected, ts::SelectedOn(tx, actor.org_id, day, program_id));
    for (auto& s : selected) {
      if (!clients_.CheckAccessIn(tx, actor, s.client_id).ok()) continue;
      SW_ASSIGN(auto name, ClientName(tx, actor.org_id, s.client_id));
      view.selected.push_back({std::move(s), std::move(name), ""});
    }
    return view;
  });
}

Result<Board> TestingService::BoardOf(const Actor& actor, Date day, const std::string& program_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto board = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Board> {
    Board b;
    b.date = day;
    SW_ASSIGN(auto selected, ts::SelectedOn(tx, actor.org_id, day, program_id));
    for (auto& s : selected) {
      if (!clients_.CheckAccessIn(tx, actor, s.client_id).ok()) continue;
      BoardEntry entry{s, "", ""};
      SW_ASSIGN(entry.client_name, ClientName(tx, actor.org_id, s.client_id));
      if (!s.collection_id.empty()) {
        SW_ASSIGN(auto c, ts::GetCollection(tx, actor.org_id, s.collection_id));
        if (c) entry.result_status = c->outcome;
      }
      b.selected.push_back(std::move(entry));
    }
    SW_ASSIGN(auto pending, ts::PendingCollections(tx, actor.org_id));
    for (auto& c : pending) {
      if (!program_id.empty() && c.program_id != program_id) continue;
      if (!clients_.CheckAccessIn(tx, actor, c.client_id).ok()) continue;
      SW_ASSIGN(auto name, ClientName(tx, actor.org_id, c.client_id));
      b.pending_results.push_back({std::move(c), std::move(name)});
    }
    SW_ASSIGN(auto open, ts::OpenEvents(tx, actor.org_id));
    for (auto& e : open) {
      if (!program_id.empty() && e.program_id != program_id) continue;
      if (!clients_.CheckAccessIn(tx, actor, e.client_id).ok()) continue;
      SW_ASSIGN(auto name, ClientName(tx, actor.org_id, e.client_id));
      const bool decide = e.action == "discharge_review";
      b.needs_review.push_back({std::move(e), std::move(name), decide});
    }
    return b;
  });
  if (!board.ok()) return board;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "drug_test_board", .resource_id = FormatDate(day),
                            .data_category = kCategory}));
  return board;
}

Result<CloseDayResult> TestingService::CloseDay(const Actor& actor, Date day, const std::string& program_id) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<CloseDayResult> {
    if (!program_id.empty()) SW_TRY(RequireProgram(tx, actor.org_id, program_id));
    SW_ASSIGN(Date today, LocalToday(tx, actor.org_id));
    if (DaysBetween(today, day) > 0) return Error::Field("date", "is after today; a day is closed at its end");
    CloseDayResult out;
    out.date = day;
    const std::string now = Now();
    SW_ASSIGN(auto selected, ts::SelectedOn(tx, actor.org_id, day, program_id));
    for (auto& s : selected) {
      if (s.status != "to_collect") continue;
      s.status = "missed";
      SW_TRY(ts::UpdateSelected(tx, s, now));
      SW_TRY(Audit(tx, actor, "update", "drug_test_selected", s.meta.id, s.client_id, now, "missed"));
      ++out.missed;
      SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, s.program_id));
      if (!e.policy.missed_counts_as_positive) continue;
      SW_ASSIGN(auto event, ApplyEventIn(tx, actor, e.policy, s.client_id, s.program_id, "missed", day, "",
                                         s.meta.id, {}));
      out.events.push_back(std::move(event));
    }
    return out;
  });
}

Result<CollectionView> TestingService::Collect(const Actor& actor, const std::string& client_id, CollectionDraft d) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<CollectionView> {
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    if (client.meta.voided) return Error::Conflict("the client record is voided");
    SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
    const std::string program_id = episode ? episode->program_id : "";
    SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, program_id));
    const TimePoint at = d.collected_at.value_or(clock_.Now());
    FieldErrors errors;
    if (at > clock_.Now() + std::chrono::minutes(5)) errors.Add("collected_at", "is in the future");
    if (std::find(Specimens().begin(), Specimens().end(), d.specimen) == Specimens().end()) {
      errors.Add("specimen", "must be urine or oral_fluid");
    }
    const Panel* panel = e.policy.FindPanel(d.panel_code);
    if (!panel) {
      errors.Add("panel_code", "is not a panel of the program's testing policy");
    } else if (panel->specimen != d.specimen) {
      errors.Add("panel_code", panel->label + " is for " + panel->specimen + " specimens");
    }
    if (d.temperature_f && d.temperature_in_range &&
        *d.temperature_in_range != TemperatureInRange(*d.temperature_f, e.policy.validity)) {
      errors.Add("temperature_in_range", "contradicts temperature_f");
    }
    if (!errors.empty()) return errors.ToError();
    SW_ASSIGN(auto zone, ZoneOf(tx, actor.org_id));
    SW_ASSIGN(auto local, tz::ToLocal(zone, at));
    const std::string now = Now();
    Collection c;
    c.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    c.client_id = client_id;
    c.program_id = program_id;
    c.collected_at = FormatTimestamp(at);
    c.collected_on = local.day;
    c.collector_staff_id = actor.staff_id;
    c.collector_user = actor.user_id;
    c.collector_name = ActorName(actor);
    c.specimen = d.specimen;
    c.temperature_f = d.temperature_f;
    c.temperature_in_range =
        d.temperature_f ? std::optional<bool>(TemperatureInRange(*d.temperature_f, e.policy.validity))
                        : d.temperature_in_range;
    c.chain_of_custody_id = d.chain_of_custody_id;
    c.lab = d.lab;
    c.panel_code = d.panel_code;
    c.refused = d.refused;
    c.outcome = d.refused ? "refused" : "pending";
    // The day's selection, if the client was selected: it is now collected (or refused).
    SW_ASSIGN(auto selected, ts::SelectedOfClient(tx, actor.org_id, client_id));
    std::optional<Selected> today_sel;
    for (auto& s : selected) {
      if (s.selected_on == local.day && s.status == "to_collect") today_sel = s;
    }
    SW_ASSIGN(bool policy_observed, ObservedFor(tx, actor.org_id, client_id, e.policy));
    c.observed = d.observed.value_or(today_sel ? today_sel->observed : policy_observed);
    c.validity = ClassifyValidity({std::nullopt, std::nullopt, std::nullopt, std::nullopt, c.temperature_f,
                                   c.temperature_in_range},
                                  e.policy.validity, true)
                     .status;
    if (today_sel) c.selected_id = today_sel->meta.id;
    SW_TRY(ts::InsertCollection(tx, c));
    SW_TRY(Audit(tx, actor, "create", "drug_test_collection", c.meta.id, client_id, now, d.refused ? "refused" : ""));
    if (today_sel) {
      today_sel->status = d.refused ? "refused" : "collected";
      today_sel->collection_id = c.meta.id;
      SW_TRY(ts::UpdateSelected(tx, *today_sel, now));
    }
    if (d.refused && e.policy.refused_counts_as_positive) {
      SW_TRY(ApplyEventIn(tx, actor, e.policy, client_id, program_id, "refused", local.day, c.meta.id,
                          today_sel ? today_sel->meta.id : "", {}));
    }
    SW_ASSIGN(auto stored, db::Found(ts::GetCollection(tx, actor.org_id, c.meta.id), "collection"));
    return ViewOf(tx, std::move(stored), e.policy);
  });
}

Result<CollectionView> TestingService::GetCollection(const Actor& actor, const std::string& id) {
  SW_TRY(program::RequireOrganization(actor));
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<CollectionView> {
    SW_ASSIGN(auto c, db::Found(ts::GetCollection(tx, actor.org_id, id), "collection"));
    if (!clients_.CheckAccessIn(tx, actor, c.client_id).ok()) return Error::NotFound("no such collection");
    SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, c.program_id));
    return ViewOf(tx, std::move(c), e.policy);
  });
  if (!view.ok()) return view;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "drug_test_collection", .resource_id = id,
                            .client_id = view->collection.client_id, .data_category = kCategory}));
  return view;
}

}  // namespace stepwise::testing
