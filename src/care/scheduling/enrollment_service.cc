// CalendarService: enrollments of clients in tracks, and the check that a track's capacity holds them.
#include <algorithm>

#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "care/scheduling/calendar_service.h"
#include "care/scheduling/calendar_store.h"
#include "care/scheduling/occurrences.h"
#include "platform/base/time_zone.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::scheduling {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

Status AuditEnrollment(Transaction& tx, const Actor& actor, const char* action, const Enrollment& e,
                       const std::string& now, const std::string& reason = "") {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = "enrollment",
                        .resource_id = e.meta.id,
                        .client_id = e.client_id,
                        .data_category = "schedule",
                        .reason = reason},
                       now);
}

}  // namespace

Result<std::vector<Enrollment>> CalendarService::EnrollmentsOfClient(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Enrollment>> {
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(bool live, db::ExistsLive(tx, "clients", actor.org_id, client_id));
    if (!live) return Error::NotFound("no such client");
    return EnrollmentsOfClientIn(tx, actor.org_id, client_id);
  });
  audit::Event read{
      .action = "read", .resource_type = "enrollment", .client_id = client_id, .data_category = "schedule"};
  if (!result.ok()) {
    if (result.error().code != ErrorCode::kNotFound) return result;
    read.outcome = "denied";
    read.reason = "not found or outside the user's access";
  }
  SW_TRY(RecordRead(actor, read));
  return result;
}

Result<Enrollment> CalendarService::Enroll(const Actor& actor, Enrollment draft) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  draft.ended_on.reset();
  CheckEnrollmentDates(draft, errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Enrollment> {
    SW_TRY(clients_.CheckAccessIn(tx, actor, draft.client_id));
    SW_ASSIGN(bool live, db::ExistsLive(tx, "clients", actor.org_id, draft.client_id));
    if (!live) return Error::NotFound("no such client");
    SW_ASSIGN(auto track, program::ProgramStore::GetTrack(tx, actor.org_id, draft.track_id));
    if (!track || track->meta.voided) return Error::Field("track_id", "is not a track of this organization");
    draft.track_name = track->name;
    // One active enrollment per client.
    SW_ASSIGN(auto mine, CalendarStore::EnrollmentsOfClient(tx, actor.org_id, draft.client_id));
    for (const auto& e : mine) {
      if (Overlaps(e, draft)) {
        return Error::Conflict("the client is already enrolled",
                               {{"track_id", "the client is enrolled in " + e.track_name + " from " +
                                                 FormatDate(e.starts_on) + "; end that enrollment first"}});
      }
    }
    // Capacity: the track's capacity and the smallest size limit of its groups.
    int limit = track->capacity;
    SW_ASSIGN(auto series, CalendarStore::ListSeries(tx, actor.org_id, "", draft.track_id));
    for (const auto& s : series) limit = std::min(limit, s.size_limit);
    SW_ASSIGN(auto others, CalendarStore::EnrollmentsOfTrack(tx, actor.org_id, draft.track_id));
    others.push_back(draft);
    const int peak = PeakActiveDuring(others, draft);
    if (peak > limit) {
      return Error::Conflict("the track is full", {{"track_id", track->name + " is full: " + std::to_string(peak - 1) +
                                                                    " clients are enrolled at once and the limit is " +
                                                                    std::to_string(limit)}});
    }
    const std::string now = Now();
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(CalendarStore::InsertEnrollment(tx, draft));
    SW_TRY(AuditEnrollment(tx, actor, "create", draft, now));
    return db::Found(CalendarStore::GetEnrollment(tx, actor.org_id, draft.meta.id), "enrollment");
  });
}

Result<Enrollment> CalendarService::EndEnrollment(const Actor& actor, const std::string& id, std::int64_t expected,
                                                  Date ended_on, const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Enrollment> {
    SW_ASSIGN(auto e, db::Found(CalendarStore::GetEnrollment(tx, actor.org_id, id), "enrollment"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, e.client_id));
    if (e.ended_on) return Error::Conflict("the enrollment has ended already");
    e.ended_on = ended_on;
    e.end_reason = reason;
    FieldErrors errors;
    CheckEnrollmentDates(e, errors);
    if (!errors.empty()) return errors.ToError();
    const std::string now = Now();
    SW_TRY(CalendarStore::EndEnrollment(tx, e, expected, now));
    SW_TRY(AuditEnrollment(tx, actor, "end", e, now, reason));
    return db::Found(CalendarStore::GetEnrollment(tx, actor.org_id, id), "enrollment");
  });
}

Status CalendarService::CheckTrackChangeIn(Transaction& tx, const Actor& actor, const program::Track& current,
                                           const program::Track& changes) {
  // Only a lower capacity is checked, so a track already over its capacity can still be edited otherwise.
  if (changes.capacity >= current.capacity) return Ok();
  SW_ASSIGN(std::string zone, TimeZoneIn(tx, actor.org_id));
  SW_ASSIGN(auto local, tz::ToLocal(zone, clock_.Now()));
  SW_ASSIGN(auto enrollments, CalendarStore::EnrollmentsOfTrack(tx, actor.org_id, current.meta.id));
  FieldErrors errors;
  CheckTrackCapacityHolds(changes.capacity, PeakActiveBetween(enrollments, local.day, std::nullopt), errors);
  if (!errors.empty()) return Error::Conflict("the capacity is below the clients enrolled", errors.fields());
  return Ok();
}

}  // namespace stepwise::scheduling
