// The client's tests and trend, their standing on the ladder, the review queue and review decisions.
#include <algorithm>

#include "care/program/program_service.h"
#include "care/tasks/task_store.h"
#include "care/testing/testing_service.h"
#include "care/testing/testing_store.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::testing {

using db::Access;
using db::Transaction;
namespace ts = testing_store;

namespace {

constexpr const char* kCategory = "drug_testing";

std::vector<std::string> DecisionsFor(const std::string& action) {
  if (action == "warning") return {"warning_given", "dismissed"};
  if (action == "behavioral_contract") return {"contract_signed", "dismissed"};
  if (action == "discharge_review") return {"discharge", "continue", "dismissed"};
  return {"acknowledged", "dismissed"};
}

std::vector<LadderEvent> LadderOf(const std::vector<TestingEvent>& events) {
  std::vector<LadderEvent> out;
  for (const auto& e : events) out.push_back({e.occurred_on, e.step, e.Counted()});
  return out;
}

std::string TrendOutcome(const CollectionView& v) {
  const auto& c = v.collection;
  if (c.refused) return "refused";
  if (v.validity.status == "substituted" || v.validity.status == "adulterated" || v.validity.status == "invalid") {
    return "invalid";
  }
  return c.outcome;  // pending | negative | positive | expected_positive
}

}  // namespace

Result<ClientTests> TestingService::TestsOfClient(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto out = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<ClientTests> {
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    ClientTests t;
    SW_ASSIGN(auto collections, ts::CollectionsOfClient(tx, actor.org_id, client_id));
    std::vector<TrendPoint> points;
    Policy policy = *defaults_;
    for (auto& c : collections) {
      SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, c.program_id));
      policy = e.policy;
      const Date on = c.collected_on;
      SW_ASSIGN(auto view, ViewOf(tx, std::move(c), e.policy));
      points.push_back({on, TrendOutcome(view)});
      t.items.push_back({on, "collection", std::move(view), std::nullopt});
    }
    SW_ASSIGN(auto selected, ts::SelectedOfClient(tx, actor.org_id, client_id));
    for (auto& s : selected) {
      if (s.status != "missed") continue;
      points.push_back({s.selected_on, "missed"});
      t.items.push_back({s.selected_on, "missed", std::nullopt, std::move(s)});
    }
    std::stable_sort(t.items.begin(), t.items.end(), [](const TimelineItem& a, const TimelineItem& b) {
      return DaysBetween(b.on, a.on) > 0;
    });
    t.weeks = WeeklyTrend(points, policy);
    return t;
  });
  if (!out.ok()) return out;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "drug_tests", .resource_id = client_id,
                            .client_id = client_id, .data_category = kCategory}));
  return out;
}

Result<TestingState> TestingService::StateOf(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto out = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<TestingState> {
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    TestingState st;
    SW_ASSIGN(st.events, ts::EventsOfClient(tx, actor.org_id, client_id));
    std::string program_id = st.events.empty() ? "" : st.events.back().program_id;
    SW_ASSIGN(auto e, PolicyFor(tx, actor.org_id, program_id));
    SW_ASSIGN(Date today, LocalToday(tx, actor.org_id));
    const auto ladder = LadderOf(st.events);
    st.step = CurrentStep(e.policy, ladder, today);
    if (const LadderStep* s = e.policy.Step(st.step)) st.action = s->action;
    st.contract = ContractOn(e.policy, ladder, today);
    for (const auto& ev : st.events) {
      if (ev.status == "open") st.open_review = ev;
    }
    return st;
  });
  if (!out.ok()) return out;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "drug_testing_state", .resource_id = client_id,
                            .client_id = client_id, .data_category = kCategory}));
  return out;
}

Result<std::vector<ReviewItem>> TestingService::ReviewQueue(const Actor& actor) {
  SW_TRY(program::RequireOrganization(actor));
  auto out = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<ReviewItem>> {
    std::vector<ReviewItem> items;
    SW_ASSIGN(auto open, ts::OpenEvents(tx, actor.org_id));
    for (auto& e : open) {
      if (!clients_.CheckAccessIn(tx, actor, e.client_id).ok()) continue;
      SW_ASSIGN(auto name, ClientName(tx, actor.org_id, e.client_id));
      const bool decide = e.action == "discharge_review";
      items.push_back({std::move(e), std::move(name), decide});
    }
    return items;
  });
  if (!out.ok()) return out;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "drug_test_review_queue", .data_category = kCategory}));
  return out;
}

Result<TestingEvent> TestingService::Decide(const Actor& actor, const std::string& event_id, std::int64_t expected,
                                            const std::string& decision, const std::string& reason) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<TestingEvent> {
    SW_ASSIGN(auto ev, db::Found(ts::GetEvent(tx, actor.org_id, event_id), "review"));
    if (!clients_.CheckAccessIn(tx, actor, ev.client_id).ok()) return Error::NotFound("no such review");
    if (ev.status != "open") {
      return Error::Conflict("this review is " + ev.status + " already", {{"status", "is " + ev.status}});
    }
    if (expected != 0 && expected != ev.meta.version) return Error::StaleVersion();
    if (ev.action == "discharge_review" && !actor.Can("testing.decide")) {
      return Error::PermissionDenied("a discharge review is decided by someone holding testing.decide (the director)");
    }
    FieldErrors errors;
    const auto allowed = DecisionsFor(ev.action);
    if (std::find(allowed.begin(), allowed.end(), decision) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      errors.Add("decision", "must be one of " + list);
    }
    if (reason.empty()) errors.Add("reason", "is required: say why");
    if (reason.size() > 2000) errors.Add("reason", "must be at most 2000 characters");
    if (!errors.empty()) return errors.ToError();
    const std::string now = Now();
    const std::int64_t version = ev.meta.version;
    ev.status = "decided";
    ev.decision = decision;
    ev.reason = reason;
    ev.decided_by = actor.user_id;
    ev.decided_by_name = actor.display_name.empty() ? actor.username : actor.display_name;
    ev.decided_at = now;
    SW_TRY(ts::UpdateEvent(tx, ev, version, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "decide",
                          .resource_type = "drug_test_event",
                          .resource_id = ev.meta.id,
                          .client_id = ev.client_id,
                          .data_category = kCategory,
                          .reason = decision + ": " + reason},
                         now));
    // The step's task is done with the decision.
    if (!ev.task_id.empty()) {
      SW_ASSIGN(auto task, tasks::task_store::Get(tx, actor.org_id, ev.task_id));
      if (task && task->status == tasks::kOpen) {
        const std::int64_t tv = task->meta.version;
        SW_TRY(tasks::Close(*task, tasks::kDone, decision, now, actor.user_id));
        SW_TRY(tasks::task_store::Update(tx, *task, tv, now));
        SW_TRY(audit::Append(tx, actor,
                             {.action = "complete",
                              .resource_type = "task",
                              .resource_id = task->meta.id,
                              .client_id = ev.client_id,
                              .data_category = "tasks"},
                             now));
      }
    }
    SW_ASSIGN(auto stored, db::Found(ts::GetEvent(tx, actor.org_id, event_id), "review"));
    return stored;
  });
}

}  // namespace stepwise::testing
