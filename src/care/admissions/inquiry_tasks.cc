// InquiryService: follow-up tasks and the waitlist.
#include <algorithm>

#include "care/admissions/inquiry_service.h"
#include "care/admissions/inquiry_store.h"
#include "care/program/staff_service.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::admissions {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

audit::Event TaskEvent(std::string action, const InquiryTask& t, std::string reason = "") {
  return {.action = std::move(action),
          .resource_type = "inquiry_task",
          .resource_id = t.meta.id,
          .data_category = "admissions",
          .reason = std::move(reason)};
}

}  // namespace

Result<std::vector<InquiryTask>> InquiryService::ListTasks(const Actor& actor, const std::string& inquiry_id) {
  SW_TRY(RequireOrganization(actor));
  auto tasks = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<InquiryTask>> {
    SW_TRY(db::Found(InquiryStore::Get(tx, actor.org_id, inquiry_id), "inquiry"));
    TaskListQuery q;
    q.inquiry_id = inquiry_id;
    q.include_done = true;
    SW_ASSIGN(auto rows, InquiryStore::ListTasks(tx, actor.org_id, q));
    std::vector<InquiryTask> out;
    for (auto& r : rows) out.push_back(std::move(r.task));
    return out;
  });
  if (!tasks.ok() && tasks.error().code != ErrorCode::kNotFound) return tasks;
  SW_TRY(RecordRead(actor, {.action = "read",
                            .resource_type = "inquiry_task",
                            .resource_id = inquiry_id,
                            .data_category = "admissions",
                            .reason = "follow-ups of an inquiry",
                            .outcome = tasks.ok() ? "success" : "denied"}));
  return tasks;
}

Result<InquiryTask> InquiryService::AddTask(const Actor& actor, InquiryTask draft) {
  SW_TRY(RequireOrganization(actor));
  if (draft.title.empty()) return Error::Field("title", "is required");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<InquiryTask> {
    SW_ASSIGN(auto inquiry, db::Found(InquiryStore::Get(tx, actor.org_id, draft.inquiry_id), "inquiry"));
    if (inquiry.meta.voided) return Error::Conflict("the inquiry is voided");
    if (!draft.assigned_to.empty()) {
      SW_TRY(program::StaffService::CheckLive(tx, actor, draft.assigned_to, "assigned_to"));
    }
    const std::string now = FormatTimestamp(clock_.Now());
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    draft.done_at.clear();
    draft.done_by.clear();
    SW_TRY(InquiryStore::InsertTask(tx, draft));
    auto event = TaskEvent("create", draft);
    event.client_id = inquiry.client_id;
    SW_TRY(audit::Append(tx, actor, event, now));
    return db::Found(InquiryStore::GetTask(tx, actor.org_id, draft.meta.id), "task");
  });
}

Result<InquiryTask> InquiryService::CompleteTask(const Actor& actor, const std::string& task_id,
                                                 std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<InquiryTask> {
    SW_ASSIGN(auto task, db::Found(InquiryStore::GetTask(tx, actor.org_id, task_id), "task"));
    if (!task.done_at.empty()) return Error::Conflict("the follow-up is already done");
    const std::string now = FormatTimestamp(clock_.Now());
    task.done_at = now;
    task.done_by = actor.user_id;
    SW_TRY(InquiryStore::CompleteTask(tx, task, expected, now));
    SW_TRY(audit::Append(tx, actor, TaskEvent("update", task, "done"), now));
    return db::Found(InquiryStore::GetTask(tx, actor.org_id, task_id), "task");
  });
}

Result<std::vector<TaskSummary>> InquiryService::Tasks(const Actor& actor, TaskQuery query) {
  SW_TRY(RequireOrganization(actor));
  TaskListQuery q;
  q.due_before = query.due_before;
  q.assigned_to = query.assigned_to;
  q.include_done = query.include_done;
  q.limit = query.limit;
  auto tasks = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<TaskSummary>> {
    return InquiryStore::ListTasks(tx, actor.org_id, q);
  });
  if (!tasks.ok()) return tasks;
  SW_TRY(RecordRead(actor, {.action = "query",
                            .resource_type = "inquiry_task",
                            .data_category = "admissions",
                            .reason = std::to_string(tasks->size()) + " follow-up(s) listed"}));
  return tasks;
}

Result<std::vector<WaitlistTrack>> InquiryService::Waitlist(const Actor& actor, const std::string& track_id) {
  SW_TRY(RequireOrganization(actor));
  std::vector<program::Track> tracks;
  if (track_id.empty()) {
    SW_ASSIGN(tracks, programs_.ListTracks(actor, "", false));
  } else {
    auto track = programs_.GetTrack(actor, track_id);
    if (!track.ok() && track.error().code == ErrorCode::kNotFound) {
      return Error::Field("track_id", "is not a track of this organization");
    }
    SW_ASSIGN(auto t, std::move(track));
    tracks.push_back(std::move(t));
  }
  SW_ASSIGN(auto enrolled, clients_.OpenEpisodesByTrack(actor));
  auto waiting = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Inquiry>> {
    return InquiryStore::Waitlisted(tx, actor.org_id, track_id);
  });
  if (!waiting.ok()) return std::move(waiting).error();
  std::vector<WaitlistTrack> out;
  std::size_t listed = 0;
  for (const auto& t : tracks) {
    WaitlistTrack w;
    w.track_id = t.meta.id;
    w.name = t.name;
    w.capacity = t.capacity;
    w.enrolled = enrolled.contains(t.meta.id) ? enrolled.at(t.meta.id) : 0;
    w.open_places = OpenPlaces(w.capacity, w.enrolled);
    for (const auto& q : *waiting) {
      if (q.track_id != t.meta.id) continue;
      w.entries.push_back({q.meta.id, InquiryDisplayName(q), q.urgency, q.waitlisted_at, 0});
    }
    OrderWaitlist(w.entries);
    listed += w.entries.size();
    out.push_back(std::move(w));
  }
  SW_TRY(RecordRead(actor, {.action = "query",
                            .resource_type = "waitlist",
                            .resource_id = track_id,
                            .data_category = "admissions",
                            .reason = std::to_string(listed) + " waiting"}));
  return out;
}

}  // namespace stepwise::admissions
