#include "care/scheduling/calendar_service.h"

#include <algorithm>

#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "care/program/staff_store.h"
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

constexpr int kDoubleBookingDays = 8 * 7;

Status Audit(Transaction& tx, const Actor& actor, const char* action, const char* type, const std::string& id,
             const std::string& now, const std::string& reason = "", const std::string& client_id = "",
             const char* category = "program") {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = type,
                        .resource_id = id,
                        .client_id = client_id,
                        .data_category = category,
                        .reason = reason},
                       now);
}

Status Errors(const FieldErrors& errors) {
  if (errors.empty()) return Ok();
  return errors.ToError();
}

Result<std::vector<program::Staff>> LoadFacilitators(Transaction& tx, const std::string& org_id,
                                                     const std::vector<std::string>& ids, const std::string& field,
                                                     FieldErrors& errors) {
  std::vector<program::Staff> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    SW_ASSIGN(auto staff, program::StaffStore::Get(tx, org_id, ids[i]));
    if (!staff || staff->meta.voided) {
      errors.Add(field + "[" + std::to_string(i) + "]", "is not a staff member of this organization");
      continue;
    }
    out.push_back(std::move(*staff));
  }
  return out;
}

// Checks that `room_id` is a live, active room holding `size_limit`; errors name `field` / "size_limit".
Result<std::optional<Room>> CheckRoom(Transaction& tx, const std::string& org_id, const std::string& room_id,
                                      int size_limit, const std::string& field, FieldErrors& errors) {
  if (room_id.empty()) return std::optional<Room>();
  SW_ASSIGN(auto room, CalendarStore::GetRoom(tx, org_id, room_id));
  if (!room || room->meta.voided || !room->active) {
    errors.Add(field, "is not an active room of this organization");
    return std::optional<Room>();
  }
  if (room->capacity < size_limit) {
    errors.Add(field, room->name + " holds " + std::to_string(room->capacity) + "; the group's size limit is " +
                          std::to_string(size_limit));
  }
  return room;
}

Result<BookingNames> NamesIn(Transaction& tx, const std::string& org_id) {
  BookingNames names;
  SW_ASSIGN(auto rooms, CalendarStore::ListRooms(tx, org_id));
  for (const auto& r : rooms) names.rooms[r.meta.id] = r.name;
  SW_ASSIGN(names.staff, CalendarStore::StaffNames(tx, org_id));
  return names;
}

}  // namespace

std::string CalendarService::Now() const { return FormatTimestamp(clock_.Now()); }

Status CalendarService::RecordRead(const Actor& actor, audit::Event event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

// ---- Rooms -----------------------------------------------------------------------------------------

Result<std::vector<Room>> CalendarService::ListRooms(const Actor& actor) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead,
                           [&](Transaction& tx) { return CalendarStore::ListRooms(tx, actor.org_id); });
}

Result<Room> CalendarService::CreateRoom(const Actor& actor, Room draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Room> {
    SW_ASSIGN(bool site, db::ExistsLive(tx, "sites", actor.org_id, draft.site_id));
    if (!site) return Error::Field("site_id", "is not a site of this organization");
    const std::string now = Now();
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(CalendarStore::InsertRoom(tx, draft));
    SW_TRY(Audit(tx, actor, "create", "room", draft.meta.id, now));
    return draft;
  });
}

Result<Room> CalendarService::UpdateRoom(const Actor& actor, Room changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Room> {
    SW_ASSIGN(bool site, db::ExistsLive(tx, "sites", actor.org_id, changes.site_id));
    if (!site) return Error::Field("site_id", "is not a site of this organization");
    const std::string now = Now();
    changes.meta.org_id = actor.org_id;
    SW_ASSIGN(auto current, CalendarStore::GetRoom(tx, actor.org_id, changes.meta.id));
    // Only a lower capacity is checked; a missing, voided or stale room is left to UpdateRoom to explain.
    if (current && !current->meta.voided && current->meta.version == expected && changes.capacity < current->capacity) {
      SW_ASSIGN(std::string zone, TimeZoneIn(tx, actor.org_id));
      SW_ASSIGN(auto local, tz::ToLocal(zone, clock_.Now()));
      FieldErrors errors;
      SW_TRY(CheckRoomCapacityIn(tx, actor.org_id, changes.meta.id, changes.capacity, local.day, errors));
      if (!errors.empty()) return Error::Conflict("a group meeting in the room would not fit", errors.fields());
    }
    SW_TRY(CalendarStore::UpdateRoom(tx, changes, expected, now));
    SW_TRY(Audit(tx, actor, "update", "room", changes.meta.id, now));
    return db::Found(CalendarStore::GetRoom(tx, actor.org_id, changes.meta.id), "room");
  });
}

// ---- Closures --------------------------------------------------------------------------------------

Result<std::vector<Closure>> CalendarService::ListClosures(const Actor& actor, Date from, Date to) {
  SW_TRY(RequireOrganization(actor));
  if (to < from) return Error::Field("to", "must not be before from");
  return db::InTransaction(db_, Access::kRead,
                           [&](Transaction& tx) { return CalendarStore::ListClosures(tx, actor.org_id, from, to); });
}

Result<Closure> CalendarService::CreateClosure(const Actor& actor, Closure draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Closure> {
    if (!draft.program_id.empty()) {
      SW_ASSIGN(bool live, db::ExistsLive(tx, "programs", actor.org_id, draft.program_id));
      if (!live) return Error::Field("program_id", "is not a program of this organization");
    }
    const std::string now = Now();
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(CalendarStore::InsertClosure(tx, draft));
    SW_TRY(Audit(tx, actor, "create", "closure", draft.meta.id, now));
    return draft;
  });
}

Result<Closure> CalendarService::VoidClosure(const Actor& actor, const std::string& id, std::int64_t expected,
                                             const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Closure> {
    const std::string now = Now();
    SW_TRY(db::VoidVersioned(tx, "closures", actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", "closure", id, now, reason));
    return db::Found(CalendarStore::GetClosure(tx, actor.org_id, id), "closure");
  });
}

// ---- Series ----------------------------------------------------------------------------------------

Status CalendarService::CheckSeriesIn(Transaction& tx, const Actor& actor, GroupSeries& s, const GroupSeries* current) {
  FieldErrors errors;
  NormalizeAndCheck(s, errors);
  SW_ASSIGN(auto track, program::ProgramStore::GetTrack(tx, actor.org_id, s.track_id));
  if (!track || track->meta.voided) {
    errors.Add("track_id", "is not a track of this organization");
  } else if (s.program_id.empty()) {
    s.program_id = track->program_id;
  } else if (track->program_id != s.program_id) {
    errors.Add("track_id", "is not a track of program " + s.program_id);
  }
  if (s.modality == "in_person") {
    SW_TRY(CheckRoom(tx, actor.org_id, s.room_id, s.size_limit, "room_id", errors));
  } else {
    s.room_id.clear();
  }
  SW_ASSIGN(auto facilitators,
            LoadFacilitators(tx, actor.org_id, s.facilitator_staff_ids, "facilitator_staff_ids", errors));
  if (s.rule.starts_on.ok()) CheckCredentials(s.required_credentials, facilitators, s.rule.starts_on, errors);
  if (!s.program_id.empty()) {
    SW_ASSIGN(auto hours, OpeningHoursIn(tx, actor.org_id, s.program_id));
    CheckOpeningHours(hours, s.rule.start_minute, s.rule.end_minute, errors);
  }
  SW_TRY(Errors(errors));

  SW_ASSIGN(std::string zone, TimeZoneIn(tx, actor.org_id));
  FieldErrors conflicts;
  // The size limit never drops below the clients already on the roster from today on. An update checks when
  // the limit goes down or the track changes, so a series already over its limit can still be edited.
  if (!current || s.size_limit < current->size_limit || s.track_id != current->track_id) {
    SW_ASSIGN(auto local, tz::ToLocal(zone, clock_.Now()));
    SW_ASSIGN(auto peak, RosterPeakIn(tx, actor.org_id, s, std::max(local.day, s.rule.starts_on)));
    CheckSizeLimitHolds(s.size_limit, peak, conflicts);
  }
  std::vector<OccurrenceChange> own;
  if (!s.meta.id.empty()) {
    SW_ASSIGN(own, CalendarStore::ChangesOfSeries(tx, actor.org_id, s.meta.id));
  }
  // A raised limit must also fit the rooms single meetings were moved to.
  if (current && s.size_limit > current->size_limit && conflicts.empty()) {
    std::map<std::string, Room> rooms;
    for (const auto& c : own) {
      if (!c.room_id || c.room_id->empty() || rooms.contains(*c.room_id)) continue;
      SW_ASSIGN(auto room, CalendarStore::GetRoom(tx, actor.org_id, *c.room_id));
      if (room && !room->meta.voided) rooms.emplace(*c.room_id, *room);
    }
    SW_ASSIGN(auto local, tz::ToLocal(zone, clock_.Now()));
    CheckMovedRoomsHold(s, own, rooms, local.day, conflicts);
  }
  const bool too_small = !conflicts.empty();

  // Double-booking with other series in the first 8 weeks.
  const Date from = s.rule.starts_on, to = AddDays(s.rule.starts_on, kDoubleBookingDays - 1);
  SW_ASSIGN(auto mine, Expand(s, own, {}, zone, from, to));
  SW_ASSIGN(auto all, OccurrencesIn(tx, actor.org_id, from, to));
  std::erase_if(all, [&](const Occurrence& o) { return o.series_id == s.meta.id; });
  SW_ASSIGN(auto names, NamesIn(tx, actor.org_id));
  CheckDoubleBooking(mine, all, names, conflicts);
  if (!conflicts.empty()) {
    return Error::Conflict(
        too_small ? "the size limit does not fit the roster or a meeting's room" : "the group is double-booked",
        conflicts.fields());
  }
  return Ok();
}

Result<std::vector<GroupSeries>> CalendarService::ListSeries(const Actor& actor, const std::string& program_id,
                                                             const std::string& track_id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return CalendarStore::ListSeries(tx, actor.org_id, program_id, track_id);
  });
}

Result<GroupSeries> CalendarService::GetSeries(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return db::Found(CalendarStore::GetSeries(tx, actor.org_id, id), "group series");
  });
}

Result<GroupSeries> CalendarService::CreateSeries(const Actor& actor, GroupSeries draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<GroupSeries> {
    draft.meta = {};
    SW_TRY(CheckSeriesIn(tx, actor, draft, nullptr));
    const std::string now = Now();
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(CalendarStore::InsertSeries(tx, draft));
    SW_TRY(Audit(tx, actor, "create", "group_series", draft.meta.id, now));
    return draft;
  });
}

Result<GroupSeries> CalendarService::UpdateSeries(const Actor& actor, GroupSeries changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<GroupSeries> {
    SW_ASSIGN(auto current, db::Found(CalendarStore::GetSeries(tx, actor.org_id, changes.meta.id), "group series"));
    changes.meta.org_id = actor.org_id;
    if (changes.program_id.empty()) changes.program_id = current.program_id;
    SW_TRY(CheckSeriesIn(tx, actor, changes, &current));
    const std::string now = Now();
    SW_TRY(CalendarStore::UpdateSeries(tx, changes, expected, now));
    SW_TRY(Audit(tx, actor, "update", "group_series", changes.meta.id, now));
    return db::Found(CalendarStore::GetSeries(tx, actor.org_id, changes.meta.id), "group series");
  });
}

Result<GroupSeries> CalendarService::EndSeries(const Actor& actor, const std::string& id, std::int64_t expected,
                                               Date ends_on) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<GroupSeries> {
    SW_ASSIGN(auto s, db::Found(CalendarStore::GetSeries(tx, actor.org_id, id), "group series"));
    if (ends_on < s.rule.starts_on) return Error::Field("ends_on", "must not be before starts_on");
    s.rule.ends_on = ends_on;
    const std::string now = Now();
    SW_TRY(CalendarStore::UpdateSeries(tx, s, expected, now));
    SW_TRY(Audit(tx, actor, "end", "group_series", id, now, "ends on " + FormatDate(ends_on)));
    return db::Found(CalendarStore::GetSeries(tx, actor.org_id, id), "group series");
  });
}

// ---- Opening hours ---------------------------------------------------------------------------------

Result<OpeningHours> CalendarService::GetOpeningHours(const Actor& actor, const std::string& program_id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<OpeningHours> {
    SW_TRY(db::Found(program::ProgramStore::GetProgram(tx, actor.org_id, program_id), "program"));
    return OpeningHoursIn(tx, actor.org_id, program_id);
  });
}

Result<OpeningHours> CalendarService::SetOpeningHours(const Actor& actor, OpeningHours hours, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  CheckOpeningHoursShape(hours, errors);
  SW_TRY(Errors(errors));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<OpeningHours> {
    SW_TRY(db::Found(program::ProgramStore::GetProgram(tx, actor.org_id, hours.program_id), "program"));
    SW_ASSIGN(auto current, OpeningHoursIn(tx, actor.org_id, hours.program_id));
    if (current.version != expected) return Error::StaleVersion();
    const std::string now = Now();
    SW_TRY(CalendarStore::SaveHours(tx, actor.org_id, hours, expected, now));
    SW_TRY(Audit(tx, actor, current.version == 0 ? "create" : "update", "opening_hours", hours.program_id, now));
    return OpeningHoursIn(tx, actor.org_id, hours.program_id);
  });
}

// ---- Occurrences -----------------------------------------------------------------------------------

Result<std::vector<Occurrence>> CalendarService::ListOccurrences(const Actor& actor, const OccurrenceQuery& q) {
  SW_TRY(RequireOrganization(actor));
  if (q.to < q.from) return Error::Field("to", "must not be before from");
  if (DaysBetween(q.from, q.to) > 61) return Error::Field("to", "the range may span at most 62 days");
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Occurrence>> {
    SW_ASSIGN(auto all, OccurrencesIn(tx, actor.org_id, q.from, q.to));
    std::erase_if(all, [&](const Occurrence& o) {
      if (!q.track_id.empty() && o.track_id != q.track_id) return true;
      if (!q.room_id.empty() && o.room_id != q.room_id) return true;
      if (!q.staff_id.empty() && std::find(o.facilitator_staff_ids.begin(), o.facilitator_staff_ids.end(),
                                           q.staff_id) == o.facilitator_staff_ids.end())
        return true;
      return false;
    });
    return all;
  });
}

Result<OccurrenceView> CalendarService::ViewIn(Transaction& tx, const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto occurrence, db::Found(OccurrenceIn(tx, actor.org_id, id), "occurrence"));
  OccurrenceView view;
  SW_ASSIGN(view.roster, RosterIn(tx, actor.org_id, occurrence));
  for (auto& entry : view.roster) {
    auto access = clients_.CheckAccessIn(tx, actor, entry.client_id);
    if (!access.ok()) {
      if (access.error().code != ErrorCode::kNotFound) return std::move(access).error();
      entry.client_name.clear();  // not the actor's client: counted, not named
    }
  }
  SW_ASSIGN(auto changes, CalendarStore::ChangesOfSeries(tx, actor.org_id, occurrence.series_id));
  for (const auto& c : changes) {
    if (c.original_date == occurrence.original_date) view.version = c.version;
  }
  view.occurrence = std::move(occurrence);
  return view;
}

Result<OccurrenceView> CalendarService::GetOccurrence(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  SW_ASSIGN(auto view, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return ViewIn(tx, actor, id); }));
  SW_TRY(RecordRead(actor, {.action = "read",
                            .resource_type = "group_occurrence",
                            .resource_id = id,
                            .data_category = "schedule",
                            .reason = "roster of " + std::to_string(view.roster.size())}));
  for (const auto& entry : view.roster) {
    if (entry.client_name.empty()) continue;
    SW_TRY(RecordRead(actor, {.action = "read",
                              .resource_type = "group_roster",
                              .resource_id = id,
                              .client_id = entry.client_id,
                              .data_category = "schedule"}));
  }
  return view;
}

Result<OccurrenceView> CalendarService::ChangeOccurrence(const Actor& actor, const std::string& id, ChangeRequest req) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<OccurrenceView> {
    SW_ASSIGN(auto o, db::Found(OccurrenceIn(tx, actor.org_id, id), "occurrence"));
    SW_ASSIGN(auto series, db::Found(CalendarStore::GetSeries(tx, actor.org_id, o.series_id), "group series"));
    OccurrenceChange change{.org_id = actor.org_id, .series_id = o.series_id, .original_date = o.original_date};
    SW_ASSIGN(auto existing, CalendarStore::ChangesOfSeries(tx, actor.org_id, o.series_id));
    for (const auto& c : existing) {
      if (c.original_date == o.original_date) change = c;
    }
    if (req.expected_version && *req.expected_version != change.version) return Error::StaleVersion();
    FieldErrors errors;
    if (req.reason.empty()) errors.Add("reason", "is required");
    Occurrence after = o;
    auto change_room = [&](const std::string& room_id) -> Status {
      if (room_id.empty() && o.modality == "in_person") errors.Add("room_id", "in-person groups need a room");
      SW_TRY(CheckRoom(tx, actor.org_id, room_id, o.size_limit, "room_id", errors));
      after.room_id = room_id;
      change.room_id = room_id;
      return Ok();
    };
    if (req.action == "cancel") {
      change.cancelled = true;
      change.cancel_reason = req.reason;
    } else if (o.status == "cancelled") {
      return Error::Conflict("the occurrence is cancelled");
    } else if (req.action == "move") {
      if (!req.date && !req.start_minute && !req.end_minute) errors.Add("date", "give a new date, start or end");
      after.date = req.date.value_or(o.date);
      after.start_minute = req.start_minute.value_or(o.start_minute);
      after.end_minute = req.end_minute.value_or(o.end_minute);
      if (after.end_minute <= after.start_minute) errors.Add("end", "must be after start");
      SW_ASSIGN(auto hours, OpeningHoursIn(tx, actor.org_id, o.program_id));
      CheckOpeningHours(hours, after.start_minute, after.end_minute, errors);
      SW_ASSIGN(auto closed, CalendarStore::ListClosures(tx, actor.org_id, after.date, after.date));
      for (const auto& c : closed) {
        if (c.program_id.empty() || c.program_id == o.program_id) {
          errors.Add("date", "the program is closed on " + FormatDate(after.date) + " (" + c.name + ")");
          break;
        }
      }
      change.date = after.date;
      change.start_minute = after.start_minute;
      change.end_minute = after.end_minute;
      if (req.room_id) SW_TRY(change_room(*req.room_id));  // to another room in the same step
    } else if (req.action == "substitute") {
      if (req.facilitator_staff_ids.empty()) errors.Add("facilitator_staff_ids", "needs at least one facilitator");
      SW_ASSIGN(auto staff,
                LoadFacilitators(tx, actor.org_id, req.facilitator_staff_ids, "facilitator_staff_ids", errors));
      CheckCredentials(series.required_credentials, staff, o.date, errors);
      after.facilitator_staff_ids = req.facilitator_staff_ids;
      change.facilitator_staff_ids = req.facilitator_staff_ids;
    } else if (req.action == "room") {
      SW_TRY(change_room(req.room_id.value_or("")));
    } else {
      errors.Add("action", "must be cancel, move, substitute or room");
    }
    SW_TRY(Errors(errors));
    if (req.action != "cancel") {
      SW_ASSIGN(std::string zone, TimeZoneIn(tx, actor.org_id));
      SW_ASSIGN(auto at, InstantsOf(zone, after.date, after.start_minute, after.end_minute));
      after.start_at = at.start;
      after.end_at = at.end;
      SW_ASSIGN(auto others, OccurrencesIn(tx, actor.org_id, after.date, after.date));
      SW_ASSIGN(auto names, NamesIn(tx, actor.org_id));
      FieldErrors conflicts;
      const bool move = req.action == "move";
      // On another date the roster is that day's enrollments: newcomers must fit the size limit and the room.
      if (move) SW_TRY(CheckMoveFitsIn(tx, actor.org_id, o, after.date, after.room_id, conflicts));
      const bool too_many = !conflicts.empty();
      CheckDoubleBooking({after}, others, names, conflicts, move ? "start" : "room_id",
                         move ? "start" : "facilitator_staff_ids");
      if (!conflicts.empty()) {
        return Error::Conflict(too_many ? "the group would be larger than its size limit or room on the new date"
                                        : "the occurrence would be double-booked",
                               conflicts.fields());
      }
    }
    change.reason = req.reason;
    const std::string now = Now();
    SW_TRY(CalendarStore::SaveChange(tx, change, now));
    SW_TRY(Audit(tx, actor, "update", "group_occurrence", id, now, req.action + ": " + req.reason));
    return ViewIn(tx, actor, id);
  });
}

Result<OccurrenceView> CalendarService::AddToRoster(const Actor& actor, const std::string& id,
                                                    const std::string& client_id, const std::string& kind) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<OccurrenceView> {
    auto access = clients_.CheckAccessIn(tx, actor, client_id);
    if (!access.ok()) {
      if (access.error().code == ErrorCode::kNotFound) return Error::Field("client_id", "is not a client you can open");
      return std::move(access).error();
    }
    SW_ASSIGN(bool live, db::ExistsLive(tx, "clients", actor.org_id, client_id));
    if (!live) return Error::Field("client_id", "is not a client of this organization");
    SW_ASSIGN(auto o, db::Found(OccurrenceIn(tx, actor.org_id, id), "occurrence"));
    if (o.status != "scheduled") return Error::Conflict("the occurrence is cancelled");
    SW_ASSIGN(auto roster, RosterIn(tx, actor.org_id, o));
    for (const auto& r : roster) {
      if (r.client_id == client_id) {
        return Error::Conflict("already on the roster", {{"client_id", "is already on this group's roster"}});
      }
    }
    std::optional<Room> room;  // after a room change on this meeting it may hold fewer than the size limit
    if (!o.room_id.empty()) {
      SW_ASSIGN(room, CalendarStore::GetRoom(tx, actor.org_id, o.room_id));
      if (room && room->meta.voided) room.reset();
    }
    FieldErrors full;
    CheckRosterHasPlace(static_cast<int>(roster.size()), o.size_limit, room, full);
    if (!full.empty()) return Error::Conflict("the group is full", full.fields());
    const std::string now = Now();
    RosterAddition a{.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now},
                     .series_id = o.series_id,
                     .original_date = o.original_date,
                     .client_id = client_id,
                     .kind = kind};
    SW_TRY(CalendarStore::InsertAddition(tx, a));
    SW_TRY(Audit(tx, actor, "create", "roster_addition", a.meta.id, now, kind + " to " + id, client_id, "schedule"));
    return ViewIn(tx, actor, id);
  });
}

Result<OccurrenceView> CalendarService::RemoveFromRoster(const Actor& actor, const std::string& id,
                                                         const std::string& client_id, const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  if (reason.empty()) return Error::Field("reason", "is required");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<OccurrenceView> {
    auto access = clients_.CheckAccessIn(tx, actor, client_id);
    if (!access.ok()) {
      if (access.error().code == ErrorCode::kNotFound) return Error::Field("client_id", "is not a client you can open");
      return std::move(access).error();
    }
    SW_ASSIGN(auto o, db::Found(OccurrenceIn(tx, actor.org_id, id), "occurrence"));
    SW_ASSIGN(auto additions, CalendarStore::AdditionsOf(tx, actor.org_id, o.series_id, o.original_date));
    const auto it = std::find_if(additions.begin(), additions.end(),
                                 [&](const RosterAddition& a) { return a.client_id == client_id; });
    if (it == additions.end()) {
      SW_ASSIGN(auto roster, RosterIn(tx, actor.org_id, o));
      const bool enrolled = std::any_of(roster.begin(), roster.end(),
                                        [&](const RosterEntry& r) { return r.client_id == client_id; });
      if (enrolled) {
        return Error::Conflict("an enrolled client leaves the roster by ending the enrollment",
                               {{"client_id", "is enrolled in the track, not a drop-in or make-up"}});
      }
      return Error::Field("client_id", "is not on this group's roster");
    }
    const std::string now = Now();
    SW_TRY(db::VoidVersioned(tx, "roster_additions", actor.org_id, it->meta.id, it->meta.version, reason, now));
    SW_TRY(Audit(tx, actor, "void", "roster_addition", it->meta.id, now, reason, client_id, "schedule"));
    return ViewIn(tx, actor, id);
  });
}

}  // namespace stepwise::scheduling
