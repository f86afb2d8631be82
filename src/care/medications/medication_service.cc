#include "care/medications/medication_service.h"

#include "care/admissions/client_store.h"
#include "care/medications/medication_settings.h"
#include "care/medications/medication_store.h"
#include "care/program/program_service.h"
#include "care/tasks/task_service.h"
#include "care/tasks/task_store.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::medications {
namespace {

constexpr const char* kCategory = "medications";
constexpr const char* kReferralSource = "medication_referral";
using db::Access;
using db::Transaction;

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

// The staff member a client's follow-ups go to: the current episode's counselor, else the counselors' queue.
Result<tasks::Task> ForCounselor(Transaction& tx, const std::string& org_id, const std::string& client_id) {
  tasks::Task t;
  t.client_id = client_id;
  SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, org_id, client_id));
  if (episode && !episode->counselor_id.empty())
    t.assignee_staff_id = episode->counselor_id;
  else
    t.assignee_role = "counselor";
  return t;
}

// Completes the open task of (kind, source) if there is one, audited like TaskService::Complete.
Status CompleteTaskIn(Transaction& tx, const Actor& actor, const std::string& kind, const std::string& source_id,
                      const std::string& outcome, const std::string& now) {
  SW_ASSIGN(auto open, tasks::task_store::OpenBySource(tx, actor.org_id, kind, kReferralSource, source_id));
  if (!open) return Ok();
  tasks::Task t = std::move(*open);
  const std::int64_t expected = t.meta.version;
  SW_TRY(tasks::Close(t, tasks::kDone, outcome, now, actor.user_id));
  SW_TRY(tasks::task_store::Update(tx, t, expected, now));
  return audit::Append(tx, actor,
                       {.action = "update",
                        .resource_type = "task",
                        .resource_id = t.meta.id,
                        .client_id = t.client_id,
                        .data_category = "tasks",
                        .reason = "done"},
                       now);
}

Result<tasks::Task> ReferralFollowUp(Transaction& tx, const Actor& actor, const Referral& r, Date due,
                                     const std::string& title, const std::string& now) {
  SW_ASSIGN(auto t, ForCounselor(tx, actor.org_id, r.client_id));
  t.kind = "referral_follow_up";
  t.title = title;
  t.detail = "Prescriber referral to " + r.provider_name + " sent " + FormatDate(r.sent_on) + ".";
  t.source_type = kReferralSource;
  t.source_id = r.meta.id;
  t.due_on = due;
  return tasks::CreateIn(tx, actor, std::move(t), now);
}

bool IsNotFound(const Status& s) { return !s.ok() && s.error().code == ErrorCode::kNotFound; }

}  // namespace

Result<std::set<std::string>> ExpectedAnalytesIn(Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id, Date on, const Settings& settings) {
  SW_ASSIGN(auto meds, store::MedicationsOfClient(tx, org_id, client_id));
  return ExpectedAnalytes(meds, on, settings);
}

Result<std::set<std::string>> ExpectedAnalytesIn(Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id, Date on) {
  return ExpectedAnalytesIn(tx, org_id, client_id, on, BuiltinSettings());
}

Date MedicationService::Today() const { return UtcDate(clock_.Now()); }

Status MedicationService::RecordRead(const Actor& actor, audit::Event event, const Status& outcome) const {
  if (!outcome.ok()) {
    if (!IsNotFound(outcome)) return outcome;
    event.outcome = "denied";
  }
  if (read_log_) SW_TRY(read_log_->Record(actor, event));
  return outcome;
}

Result<Medication> MedicationService::Add(const Actor& actor, Medication draft) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  CheckMedication(draft, errors);
  if (draft.stop_on) errors.Add("stop_on", "stop a medication with its own step, giving a reason");
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Medication> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, draft.client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, draft.client_id));
    const std::string now = FormatTimestamp(clock_.Now());
    Medication m = std::move(draft);
    m.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(store::InsertMedication(tx, m));
    SW_TRY(Audit(tx, actor, "create", "medication", m.meta.id, m.client_id, now));
    return m;
  });
}

Result<std::vector<Medication>> MedicationService::OfClient(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Medication>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return store::MedicationsOfClient(tx, actor.org_id, client_id);
  });
  SW_TRY(RecordRead(
      actor, {.action = "query", .resource_type = "medication", .client_id = client_id, .data_category = kCategory},
      list.ok() ? Ok() : Status(list.error())));
  return list;
}

Result<Medication> MedicationService::ChangeMedication(const Actor& actor, const std::string& id,
                                                       std::int64_t expected, const char* what,
                                                       const std::function<Status(Medication&)>& change) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Medication> {
    SW_ASSIGN(auto m, db::Found(store::GetMedication(tx, actor.org_id, id), "medication"));
    if (!clients_.CheckAccessIn(tx, actor, m.client_id).ok()) return Error::NotFound("no such medication");
    if (m.meta.voided) return Error::Conflict("the medication entry is void");
    if (m.meta.version != expected) return Error::StaleVersion();
    SW_TRY(change(m));
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(store::UpdateMedication(tx, m, expected, now));
    SW_TRY(Audit(tx, actor, "update", "medication", m.meta.id, m.client_id, now, what));
    m.meta.version = expected + 1;
    m.meta.updated_at = now;
    return m;
  });
}

Result<Medication> MedicationService::Update(const Actor& actor, const std::string& id, std::int64_t expected,
                                             Medication changes) {
  return ChangeMedication(actor, id, expected, "edited", [&](Medication& m) -> Status {
    changes.meta = m.meta;
    changes.client_id = m.client_id;
    changes.stop_on = m.stop_on;
    changes.stop_reason = m.stop_reason;
    FieldErrors errors;
    CheckMedication(changes, errors);
    if (!errors.empty()) return errors.ToError();
    m = std::move(changes);
    return Ok();
  });
}

Result<Medication> MedicationService::Stop(const Actor& actor, const std::string& id, std::int64_t expected,
                                           Date stop_on, const std::string& reason) {
  return ChangeMedication(actor, id, expected, "stopped",
                          [&](Medication& m) { return medications::Stop(m, stop_on, reason); });
}

Result<Medication> MedicationService::Void(const Actor& actor, const std::string& id, std::int64_t expected,
                                           const std::string& reason) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Medication> {
    SW_ASSIGN(auto m, db::Found(store::GetMedication(tx, actor.org_id, id), "medication"));
    if (!clients_.CheckAccessIn(tx, actor, m.client_id).ok()) return Error::NotFound("no such medication");
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(store::VoidMedication(tx, actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", "medication", id, m.client_id, now, reason));
    return db::Found(store::GetMedication(tx, actor.org_id, id), "medication");
  });
}

Result<Referral> MedicationService::Refer(const Actor& actor, Referral draft) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  CheckReferral(draft, Today(), errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Referral> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, draft.client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, draft.client_id));
    const std::string now = FormatTimestamp(clock_.Now());
    Referral r = std::move(draft);
    r.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    r.status = "sent";
    r.appointment_on.reset();
    r.seen_on.reset();
    r.closed_on.reset();
    r.outcome.clear();
    SW_TRY(store::InsertReferral(tx, r));
    SW_TRY(ReferralFollowUp(tx, actor, r, AddDays(r.sent_on, settings_->referral_follow_up_days),
                            "Confirm the prescriber appointment", now));
    SW_TRY(Audit(tx, actor, "create", "medication_referral", r.meta.id, r.client_id, now));
    return r;
  });
}

Result<std::vector<Referral>> MedicationService::ReferralsOf(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Referral>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return store::ReferralsOfClient(tx, actor.org_id, client_id);
  });
  SW_TRY(RecordRead(actor,
                    {.action = "query",
                     .resource_type = "medication_referral",
                     .client_id = client_id,
                     .data_category = kCategory},
                    list.ok() ? Ok() : Status(list.error())));
  return list;
}

Result<Referral> MedicationService::SetReferralStatus(const Actor& actor, const std::string& id,
                                                      std::int64_t expected, const std::string& status, Date date,
                                                      const std::string& outcome) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Referral> {
    SW_ASSIGN(auto r, db::Found(store::GetReferral(tx, actor.org_id, id), "referral"));
    if (!clients_.CheckAccessIn(tx, actor, r.client_id).ok()) return Error::NotFound("no such referral");
    if (r.meta.voided) return Error::Conflict("the referral is void");
    if (r.meta.version != expected) return Error::StaleVersion();
    if (std::chrono::sys_days(date) > std::chrono::sys_days(Today()) && status != "scheduled")
      return Error::Field("date", "cannot be in the future");
    SW_TRY(Advance(r, status, date, outcome));
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(store::UpdateReferral(tx, r, expected, now));
    SW_TRY(CompleteTaskIn(tx, actor, "referral_follow_up", r.meta.id, "referral " + status, now));
    if (status == "scheduled")
      SW_TRY(ReferralFollowUp(tx, actor, r, AddDays(date, 1), "Confirm the prescriber visit took place", now));
    SW_TRY(Audit(tx, actor, "update", "medication_referral", r.meta.id, r.client_id, now, status));
    r.meta.version = expected + 1;
    r.meta.updated_at = now;
    return r;
  });
}

Result<CheckinResult> MedicationService::CheckIn(const Actor& actor, Checkin draft) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  CheckCheckin(draft, Today(), errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<CheckinResult> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, draft.client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, draft.client_id));
    if (!draft.medication_id.empty()) {
      SW_ASSIGN(auto med, store::GetMedication(tx, actor.org_id, draft.medication_id));
      if (!med || med->meta.voided || med->client_id != draft.client_id)
        return Error::Field("medication_id", "not one of this client's medications");
    }
    const std::string now = FormatTimestamp(clock_.Now());
    CheckinResult out{.checkin = std::move(draft)};
    Checkin& c = out.checkin;
    c.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    c.recorded_by = actor.staff_id.empty() ? actor.user_id : actor.staff_id;
    SW_ASSIGN(auto earlier, store::CheckinsOfClient(tx, actor.org_id, c.client_id));
    SW_TRY(store::InsertCheckin(tx, c));
    SW_TRY(Audit(tx, actor, "create", "adherence_checkin", c.meta.id, c.client_id, now));
    if (NeedsAdherenceFollowUp(earlier, c, *settings_)) {
      earlier.push_back(c);
      const int n = CountNonAdherentInWindow(earlier, c.checked_on, settings_->window_days);
      SW_ASSIGN(auto t, ForCounselor(tx, actor.org_id, c.client_id));
      t.kind = "adherence";
      t.title = "Medication adherence follow-up";
      t.detail = std::to_string(n) + " check-ins in the last " + std::to_string(settings_->window_days) +
                 " days were not as prescribed (latest " + FormatDate(c.checked_on) + ").";
      t.source_type = "adherence";
      t.source_id = c.client_id;
      t.due_on = AddDays(Today(), 2);
      SW_ASSIGN(auto task, tasks::CreateIn(tx, actor, std::move(t), now));
      out.task_id = task.meta.id;
    }
    return out;
  });
}

Result<std::vector<Checkin>> MedicationService::CheckinsOf(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Checkin>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return store::CheckinsOfClient(tx, actor.org_id, client_id);
  });
  SW_TRY(RecordRead(actor,
                    {.action = "query",
                     .resource_type = "adherence_checkin",
                     .client_id = client_id,
                     .data_category = kCategory},
                    list.ok() ? Ok() : Status(list.error())));
  return list;
}

Result<std::vector<WeekTrend>> MedicationService::Trend(const Actor& actor, const std::string& client_id) {
  SW_ASSIGN(auto list, CheckinsOf(actor, client_id));
  return WeeklyTrend(list);
}

Result<Checkin> MedicationService::VoidCheckin(const Actor& actor, const std::string& id, std::int64_t expected,
                                               const std::string& reason) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Checkin> {
    SW_ASSIGN(auto c, db::Found(store::GetCheckin(tx, actor.org_id, id), "check-in"));
    if (!clients_.CheckAccessIn(tx, actor, c.client_id).ok()) return Error::NotFound("no such check-in");
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(store::VoidCheckin(tx, actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", "adherence_checkin", id, c.client_id, now, reason));
    return db::Found(store::GetCheckin(tx, actor.org_id, id), "check-in");
  });
}

}  // namespace stepwise::medications
