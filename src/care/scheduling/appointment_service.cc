// Appointments, the live check, the merged calendar and availability. Proposals and hours are in
// proposal_service.cc, feeds in feed_service.cc.
#include "care/scheduling/appointment_service.h"

#include <algorithm>
#include <set>

#include "care/admissions/client_store.h"
#include "care/program/program_service.h"
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

constexpr int kMaxDays = 62;

Status CheckRange(Date from, Date to) {
  if (!from.ok()) return Error::Field("from", "must be a date (YYYY-MM-DD)");
  if (!to.ok()) return Error::Field("to", "must be a date (YYYY-MM-DD)");
  const int days = DaysBetween(from, to);
  if (days < 0) return Error::Field("to", "must not be before from");
  if (days >= kMaxDays) return Error::Field("to", "at most 62 days at a time");
  return Ok();
}

bool Contains(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

}  // namespace

std::string KindLabel(std::string_view kind) {
  if (kind == "individual") return "Individual session";
  if (kind == "family") return "Family session";
  if (kind == "drug_test_slot") return "Drug-test slot";
  return "Appointment";
}

std::string AppointmentService::Now() const { return FormatTimestamp(clock_.Now()); }

Status AppointmentService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Status AppointmentService::CheckClientAccess(Transaction& tx, const Actor& actor, const std::string& client_id) {
  if (client_id.empty()) return Ok();
  SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, actor.org_id, client_id));
  if (!client || client->meta.voided) return Error::NotFound("no such client");
  return clients_.CheckAccessIn(tx, actor, client_id);
}

Result<bool> AppointmentService::StaffLicensed(Transaction& tx, const std::string& org_id, const std::string& staff_id,
                                               Date on, std::vector<std::string>* types) const {
  SW_ASSIGN(auto staff, program::StaffStore::Get(tx, org_id, staff_id));
  if (!staff || staff->meta.voided) return false;
  bool licensed = false;
  for (const auto& c : staff->credentials) {
    if (c.expires_on && std::chrono::sys_days(*c.expires_on) < std::chrono::sys_days(on)) continue;
    if (types) types->push_back(c.type);
    if (settings_->IsLicensed(c.type)) licensed = true;
  }
  return licensed;
}

Status AppointmentService::Localize(Transaction& tx, const std::string& org_id, Appointment& a,
                                    bool from_local) const {
  SW_ASSIGN(auto zone, TimeZoneIn(tx, org_id));
  if (from_local) {
    SW_ASSIGN(auto instants, InstantsOf(zone, a.date, a.start_minute, a.end_minute));
    a.start_at = instants.start;
    a.end_at = instants.end;
    return Ok();
  }
  SW_ASSIGN(auto start, tz::ToLocal(zone, a.start_at));
  SW_ASSIGN(auto end, tz::ToLocal(zone, a.end_at));
  a.date = start.day;
  a.start_minute = start.minute;
  a.end_minute = end.day == start.day ? end.minute : (end.minute == 0 && DaysBetween(start.day, end.day) == 1 ? 1440 : -1);
  return Ok();
}

Result<std::vector<Conflict>> AppointmentService::ConflictsIn(Transaction& tx, const std::string& org_id,
                                                              const Placement& p, const std::string& program_id) {
  CheckContext ctx;
  // Groups around the placement (the day before and after cover sessions near midnight).
  SW_ASSIGN(auto occurrences, OccurrencesIn(tx, org_id, AddDays(p.date, -1), AddDays(p.date, 1)));
  for (const auto& o : occurrences) {
    if (o.status != "scheduled" || o.id == p.id || !(o.start_at < p.end && p.start < o.end_at)) continue;
    BusyItem b{"group", o.id, o.title.empty() ? "Group" : o.title, o.start_at, o.end_at, o.start_minute,
               o.end_minute, o.room_id, o.facilitator_staff_ids, {}};
    if (!p.client_ids.empty()) {
      SW_ASSIGN(auto roster, RosterIn(tx, org_id, o));
      for (const auto& r : roster) b.client_ids.push_back(r.client_id);
    }
    ctx.busy.push_back(std::move(b));
  }
  AppointmentQuery q;
  q.from = p.start;
  q.to = p.end;
  q.include_cancelled = false;
  SW_ASSIGN(auto appointments, AppointmentStore::List(tx, org_id, q));
  for (const auto& a : appointments) {
    BusyItem b{"appointment", a.meta.id, KindLabel(a.kind), a.start_at, a.end_at, a.start_minute, a.end_minute,
               a.room_id, {a.staff_id}, {}};
    if (!a.client_id.empty()) b.client_ids.push_back(a.client_id);
    ctx.busy.push_back(std::move(b));
  }
  for (const auto& id : p.client_ids) {
    ClientFacts f;
    f.id = id;
    SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, org_id, id));
    if (client) f.name = admissions::DisplayName(*client);
    SW_ASSIGN(f.availability, AppointmentStore::ClientAvailabilityOf(tx, org_id, id));
    ctx.clients.push_back(std::move(f));
  }
  const Date monday = MondayOf(p.date);
  SW_ASSIGN(auto zone, TimeZoneIn(tx, org_id));
  SW_ASSIGN(auto week, InstantsOf(zone, monday, 0, 0));
  SW_ASSIGN(auto week_end, InstantsOf(zone, AddDays(monday, 7), 0, 0));
  for (const auto& id : p.staff_ids) {
    StaffFacts f;
    f.id = id;
    SW_ASSIGN(auto staff, program::StaffStore::Get(tx, org_id, id));
    if (staff) f.name = program::DisplayName(*staff);
    SW_ASSIGN(f.licensed, StaffLicensed(tx, org_id, id, p.date, &f.credential_types));
    SW_ASSIGN(f.availability, AppointmentStore::StaffAvailabilityOf(tx, org_id, id));
    AppointmentQuery wq;
    wq.from = week.start;
    wq.to = week_end.start;
    wq.staff_id = id;
    wq.include_cancelled = false;
    SW_ASSIGN(auto this_week, AppointmentStore::List(tx, org_id, wq));
    f.sessions_this_week = static_cast<int>(std::count_if(this_week.begin(), this_week.end(), [&](const auto& a) {
      return a.meta.id != p.id && a.kind != "drug_test_slot";
    }));
    // The caseload: clients they see within four weeks either side, and those they counsel.
    SW_ASSIGN(f.caseload_client_ids,
              AppointmentStore::ClientsOfStaff(tx, org_id, id, week.start - std::chrono::days(28),
                                               week_end.start + std::chrono::days(28)));
    admissions::ClientQuery cq;
    cq.counselor_id = id;
    cq.limit = 1000;
    SW_ASSIGN(auto counselled, admissions::ClientStore::List(tx, org_id, cq));
    for (const auto& c : counselled) {
      if (c.stage != "discharged" && !Contains(f.caseload_client_ids, c.client.meta.id))
        f.caseload_client_ids.push_back(c.client.meta.id);
    }
    ctx.staff.push_back(std::move(f));
  }
  if (!p.room_id.empty()) {
    SW_ASSIGN(auto room, CalendarStore::GetRoom(tx, org_id, p.room_id));
    if (!room || room->meta.voided || !room->active) return Error::Field("room_id", "no such room");
    ctx.room = RoomFacts{room->meta.id, room->name, room->capacity};
  }
  if (!program_id.empty()) {
    SW_ASSIGN(ctx.hours, OpeningHoursIn(tx, org_id, program_id));
  }
  SW_ASSIGN(auto closures, CalendarStore::ListClosures(tx, org_id, p.date, p.date));
  for (const auto& c : closures) {
    if (c.meta.voided || !(c.program_id.empty() || c.program_id == program_id)) continue;
    ctx.closures.push_back({c.date, c.name});
  }
  return CheckPlacement(p, ctx);
}

Result<Appointment> AppointmentService::SaveChecked(Transaction& tx, const Actor& actor, Appointment a,
                                                    std::int64_t expected, const std::string& prefix) {
  FieldErrors errors;
  CheckAppointmentShape(a, errors);
  if (!errors.empty()) {
    if (prefix.empty()) return errors.ToError();
    FieldErrors prefixed;
    for (const auto& f : errors.fields()) prefixed.Add(prefix + f.field, f.message);
    return prefixed.ToError();
  }
  SW_TRY(CheckClientAccess(tx, actor, a.client_id));
  SW_ASSIGN(auto staff, program::StaffStore::Get(tx, actor.org_id, a.staff_id));
  if (!staff || staff->meta.voided) return Error::Field(prefix + "staff_id", "no such staff member");
  if (a.program_id.empty() && !a.client_id.empty()) {
    SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, a.client_id));
    if (episode) a.program_id = episode->program_id;
  }
  if (a.modality == "telehealth") a.room_id.clear();
  else a.meeting_link.clear();
  if (a.status == "scheduled") {
    Placement p;
    p.id = a.meta.id;
    p.kind = a.kind;
    p.start = a.start_at;
    p.end = a.end_at;
    p.date = a.date;
    p.start_minute = a.start_minute;
    p.end_minute = a.end_minute;
    if (!a.client_id.empty()) p.client_ids = {a.client_id};
    p.staff_ids = {a.staff_id};
    p.room_id = a.room_id;
    p.attendees = 1 + (a.client_id.empty() ? 0 : 1) + static_cast<int>(a.family_members.size());
    SW_TRY(ApplyStaffRuleIn(tx, actor.org_id, a, p));
    SW_ASSIGN(auto conflicts, ConflictsIn(tx, actor.org_id, p, a.program_id));
    if (!conflicts.empty()) return ConflictError(conflicts, prefix);
  }
  const std::string now = Now();
  if (expected == 0) {
    a.meta.org_id = actor.org_id;
    a.meta.version = 1;
    a.meta.created_at = a.meta.updated_at = now;
    SW_TRY(AppointmentStore::Insert(tx, a));
  } else {
    SW_TRY(AppointmentStore::Update(tx, a, expected, now));
  }
  SW_TRY(audit::Append(tx, actor,
                       {.action = expected == 0 ? "create" : (a.status == "cancelled" ? "cancel" : "update"),
                        .resource_type = "appointment",
                        .resource_id = a.meta.id,
                        .client_id = a.client_id,
                        .data_category = "schedule",
                        .reason = a.cancel_reason},
                       now));
  SW_ASSIGN(auto saved, db::Found(AppointmentStore::Get(tx, actor.org_id, a.meta.id), "appointment"));
  return saved;
}

Result<Appointment> AppointmentService::Create(const Actor& actor, Appointment draft) {
  SW_TRY(RequireOrganization(actor));
  const bool from_local = draft.date.ok() && draft.end_minute > 0;
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Appointment> {
    SW_TRY(Localize(tx, actor.org_id, draft, from_local));
    draft.meta.id = NewUuidV7(clock_.Now());
    draft.status = "scheduled";
    draft.cancel_reason.clear();
    return SaveChecked(tx, actor, std::move(draft), 0, "");
  });
}

Result<Appointment> AppointmentService::Update(const Actor& actor, Appointment changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  const bool from_local = changes.date.ok() && changes.end_minute > 0;
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Appointment> {
    SW_ASSIGN(auto current, db::Found(AppointmentStore::Get(tx, actor.org_id, changes.meta.id), "appointment"));
    SW_TRY(CheckClientAccess(tx, actor, current.client_id));
    if (current.meta.voided || current.status == "cancelled")
      return Error::Conflict("a cancelled appointment cannot be changed", {{"status", "is cancelled"}});
    if (current.meta.version != expected) return Error::StaleVersion();
    SW_TRY(Localize(tx, actor.org_id, changes, from_local));
    changes.meta = current.meta;
    changes.status = "scheduled";
    changes.source = current.source;
    changes.proposal_id = current.proposal_id;
    if (changes.plan_intervention_id.empty()) changes.plan_intervention_id = current.plan_intervention_id;
    return SaveChecked(tx, actor, std::move(changes), expected, "");
  });
}

Result<Appointment> AppointmentService::Cancel(const Actor& actor, const std::string& id, std::int64_t expected,
                                               const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  if (reason.empty()) return Error::Field("reason", "is required");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Appointment> {
    SW_ASSIGN(auto current, db::Found(AppointmentStore::Get(tx, actor.org_id, id), "appointment"));
    SW_TRY(CheckClientAccess(tx, actor, current.client_id));
    if (current.status == "cancelled") return Error::Conflict("the appointment is already cancelled");
    current.status = "cancelled";
    current.cancel_reason = reason;
    return SaveChecked(tx, actor, std::move(current), expected, "");
  });
}

Result<Appointment> AppointmentService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Appointment> {
    SW_ASSIGN(auto a, db::Found(AppointmentStore::Get(tx, actor.org_id, id), "appointment"));
    SW_TRY(CheckClientAccess(tx, actor, a.client_id));
    if (!a.room_id.empty()) {
      SW_ASSIGN(auto room, CalendarStore::GetRoom(tx, actor.org_id, a.room_id));
      if (room) a.room_name = room->name;
    }
    return a;
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "appointment", .resource_id = id,
                            .client_id = result->client_id, .data_category = "schedule"}));
  return result;
}

Status AppointmentService::Redact(Transaction& tx, const Actor& actor, std::vector<Appointment>& list) {
  std::map<std::string, bool> allowed;
  SW_ASSIGN(auto rooms, CalendarStore::ListRooms(tx, actor.org_id));
  for (auto& a : list) {
    for (const auto& r : rooms) {
      if (r.meta.id == a.room_id) a.room_name = r.name;
    }
    if (a.client_id.empty()) continue;
    auto it = allowed.find(a.client_id);
    if (it == allowed.end()) it = allowed.emplace(a.client_id, clients_.CheckAccessIn(tx, actor, a.client_id).ok()).first;
    if (it->second) continue;
    a.client_id.clear();
    a.client_name.clear();
    a.family_members.clear();
  }
  return Ok();
}

Result<std::vector<Appointment>> AppointmentService::List(const Actor& actor, const AppointmentFilter& f) {
  SW_TRY(RequireOrganization(actor));
  SW_TRY(CheckRange(f.from, f.to));
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Appointment>> {
    if (!f.client_id.empty()) SW_TRY(CheckClientAccess(tx, actor, f.client_id));
    SW_ASSIGN(auto zone, TimeZoneIn(tx, actor.org_id));
    SW_ASSIGN(auto from, InstantsOf(zone, f.from, 0, 0));
    SW_ASSIGN(auto to, InstantsOf(zone, AddDays(f.to, 1), 0, 0));
    AppointmentQuery q{from.start, to.start, f.staff_id, f.client_id, f.room_id, true};
    SW_ASSIGN(auto list, AppointmentStore::List(tx, actor.org_id, q));
    SW_TRY(Redact(tx, actor, list));
    return list;
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "appointment", .client_id = f.client_id,
                            .data_category = "schedule",
                            .reason = std::to_string(result->size()) + " appointment(s) listed"}));
  return result;
}

Result<std::vector<Conflict>> AppointmentService::Check(const Actor& actor, CheckRequest r) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Conflict>> {
    if (!r.occurrence_id.empty()) {
      SW_ASSIGN(auto o, OccurrenceIn(tx, actor.org_id, r.occurrence_id));
      if (!o) return Error::Field("occurrence_id", "no such occurrence");
      Appointment& a = r.appointment;
      if (!a.date.ok()) a.date = o->date;
      if (a.end_minute <= 0) {
        a.start_minute = o->start_minute;
        a.end_minute = o->end_minute;
      }
      if (a.end_minute <= a.start_minute) return Error::Field("end", "must be after the start");
      SW_ASSIGN(auto zone, TimeZoneIn(tx, actor.org_id));
      SW_ASSIGN(auto instants, InstantsOf(zone, a.date, a.start_minute, a.end_minute));
      Placement p;
      p.id = o->id;
      p.kind = "group";
      p.start = instants.start;
      p.end = instants.end;
      p.date = a.date;
      p.start_minute = a.start_minute;
      p.end_minute = a.end_minute;
      p.staff_ids = o->facilitator_staff_ids;
      p.room_id = a.room_id.empty() ? o->room_id : a.room_id;
      p.attendees = o->size_limit;  // the room must hold the size limit
      SW_ASSIGN(auto conflicts, ConflictsIn(tx, actor.org_id, p, o->program_id));
      // The roster on the new date, judged as ChangeOccurrence judges a move (the room is covered above).
      FieldErrors roster;
      SW_TRY(CheckMoveFitsIn(tx, actor.org_id, *o, a.date, "", roster));
      for (const auto& f : roster.fields()) conflicts.push_back({f.field, std::string(kGroupFull), f.message});
      return conflicts;
    }
    Appointment a = std::move(r.appointment);
    SW_TRY(Localize(tx, actor.org_id, a, a.date.ok() && a.end_minute > 0));
    if (a.status.empty()) a.status = "scheduled";
    FieldErrors errors;
    CheckAppointmentShape(a, errors);
    if (!errors.empty()) return errors.ToError();
    SW_TRY(CheckClientAccess(tx, actor, a.client_id));
    if (a.program_id.empty() && !a.client_id.empty()) {
      SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, a.client_id));
      if (episode) a.program_id = episode->program_id;
    }
    Placement p;
    p.id = a.meta.id;
    p.kind = a.kind;
    p.start = a.start_at;
    p.end = a.end_at;
    p.date = a.date;
    p.start_minute = a.start_minute;
    p.end_minute = a.end_minute;
    if (!a.client_id.empty()) p.client_ids = {a.client_id};
    p.staff_ids = {a.staff_id};
    if (a.modality != "telehealth") p.room_id = a.room_id;
    p.attendees = 1 + (a.client_id.empty() ? 0 : 1) + static_cast<int>(a.family_members.size());
    SW_TRY(ApplyStaffRuleIn(tx, actor.org_id, a, p));
    return ConflictsIn(tx, actor.org_id, p, a.program_id);
  });
}

Result<std::vector<CalendarItem>> AppointmentService::Calendar(const Actor& actor, const CalendarFilter& f) {
  SW_TRY(RequireOrganization(actor));
  SW_TRY(CheckRange(f.from, f.to));
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<CalendarItem>> {
    std::vector<CalendarItem> items;
    if (!f.client_id.empty()) SW_TRY(CheckClientAccess(tx, actor, f.client_id));
    SW_ASSIGN(auto occurrences, OccurrencesIn(tx, actor.org_id, f.from, f.to));
    for (auto& o : occurrences) {
      if (!f.track_id.empty() && o.track_id != f.track_id) continue;
      if (!f.staff_id.empty() && !Contains(o.facilitator_staff_ids, f.staff_id)) continue;
      if (!f.room_id.empty() && o.room_id != f.room_id) continue;
      if (!f.client_id.empty()) {
        SW_ASSIGN(auto roster, RosterIn(tx, actor.org_id, o));
        if (std::none_of(roster.begin(), roster.end(), [&](const auto& e) { return e.client_id == f.client_id; }))
          continue;
      }
      items.push_back({"group", o, std::nullopt, o.start_at});
    }
    if (f.track_id.empty()) {
      SW_ASSIGN(auto zone, TimeZoneIn(tx, actor.org_id));
      SW_ASSIGN(auto from, InstantsOf(zone, f.from, 0, 0));
      SW_ASSIGN(auto to, InstantsOf(zone, AddDays(f.to, 1), 0, 0));
      AppointmentQuery q{from.start, to.start, f.staff_id, f.client_id, f.room_id, true};
      SW_ASSIGN(auto list, AppointmentStore::List(tx, actor.org_id, q));
      SW_TRY(Redact(tx, actor, list));
      for (auto& a : list) items.push_back({"appointment", std::nullopt, a, a.start_at});
    }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.start_at < b.start_at; });
    return items;
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "calendar", .client_id = f.client_id,
                            .data_category = "schedule",
                            .reason = std::to_string(result->size()) + " calendar item(s) listed"}));
  return result;
}

Result<ClientAvailability> AppointmentService::ClientAvailabilityOf(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<ClientAvailability> {
    SW_TRY(CheckClientAccess(tx, actor, client_id));
    return AppointmentStore::ClientAvailabilityOf(tx, actor.org_id, client_id);
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "client_availability", .resource_id = client_id,
                            .client_id = client_id, .data_category = "schedule"}));
  return result;
}

Result<ClientAvailability> AppointmentService::PutClientAvailability(const Actor& actor, ClientAvailability a,
                                                                     std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  CheckClientAvailability(a, errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ClientAvailability> {
    SW_TRY(CheckClientAccess(tx, actor, a.client_id));
    const std::string now = Now();
    SW_TRY(AppointmentStore::PutClientAvailability(tx, actor.org_id, a, expected, NewUuidV7(clock_.Now()), now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = expected == 0 ? "create" : "update", .resource_type = "client_availability",
                          .resource_id = a.client_id, .client_id = a.client_id, .data_category = "schedule"},
                         now));
    return AppointmentStore::ClientAvailabilityOf(tx, actor.org_id, a.client_id);
  });
}

Result<StaffAvailability> AppointmentService::StaffAvailabilityOf(const Actor& actor, const std::string& staff_id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<StaffAvailability> {
    SW_ASSIGN(auto staff, program::StaffStore::Get(tx, actor.org_id, staff_id));
    if (!staff) return Error::NotFound("no such staff member");
    return AppointmentStore::StaffAvailabilityOf(tx, actor.org_id, staff_id);
  });
}

Result<StaffAvailability> AppointmentService::PutStaffAvailability(const Actor& actor, StaffAvailability a,
                                                                   std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  CheckStaffAvailability(a, errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<StaffAvailability> {
    SW_ASSIGN(auto staff, program::StaffStore::Get(tx, actor.org_id, a.staff_id));
    if (!staff || staff->meta.voided) return Error::NotFound("no such staff member");
    const std::string now = Now();
    SW_TRY(AppointmentStore::PutStaffAvailability(tx, actor.org_id, a, expected, NewUuidV7(clock_.Now()), now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = expected == 0 ? "create" : "update", .resource_type = "staff_availability",
                          .resource_id = a.staff_id, .data_category = "staff"},
                         now));
    return AppointmentStore::StaffAvailabilityOf(tx, actor.org_id, a.staff_id);
  });
}

Result<SessionRequirement> AppointmentService::AddRequirement(const Actor& actor, SessionRequirement r) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  if (r.kind != "individual" && r.kind != "family") errors.Add("kind", "must be individual or family");
  if (r.minutes < 15 || r.minutes > 240) errors.Add("minutes", "must be 15 to 240");
  if (r.count < 1 || r.count > 7) errors.Add("count", "must be 1 to 7");
  if (r.per != "week" && r.per != "month") errors.Add("per", "must be week or month");
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SessionRequirement> {
    SW_TRY(CheckClientAccess(tx, actor, r.client_id));
    if (!r.staff_id.empty()) {
      SW_ASSIGN(auto staff, program::StaffStore::Get(tx, actor.org_id, r.staff_id));
      if (!staff || staff->meta.voided) return Error::Field("staff_id", "no such staff member");
    }
    const std::string now = Now();
    r.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(AppointmentStore::InsertRequirement(tx, r));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "create", .resource_type = "session_requirement", .resource_id = r.meta.id,
                          .client_id = r.client_id, .data_category = "schedule"},
                         now));
    return r;
  });
}

Result<std::vector<SessionRequirement>> AppointmentService::RequirementsOf(const Actor& actor,
                                                                           const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<SessionRequirement>> {
    SW_TRY(CheckClientAccess(tx, actor, client_id));
    return AppointmentStore::RequirementsOf(tx, actor.org_id, client_id);
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "session_requirement", .resource_id = client_id,
                            .client_id = client_id, .data_category = "schedule"}));
  return result;
}

Result<SessionRequirement> AppointmentService::VoidRequirement(const Actor& actor, const std::string& id,
                                                               std::int64_t expected, const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  if (reason.empty()) return Error::Field("reason", "is required");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SessionRequirement> {
    SW_ASSIGN(auto found, AppointmentStore::GetRequirement(tx, actor.org_id, id));
    if (!found) return Error::NotFound("no such session requirement");
    SW_TRY(CheckClientAccess(tx, actor, found->client_id));
    if (found->meta.voided) return Error::Conflict("the session requirement is already voided");
    const std::string now = Now();
    SW_TRY(db::VoidVersioned(tx, "session_requirements", actor.org_id, id, expected, reason, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "void", .resource_type = "session_requirement", .resource_id = id,
                          .client_id = found->client_id, .data_category = "schedule", .reason = reason},
                         now));
    SW_ASSIGN(auto voided, AppointmentStore::GetRequirement(tx, actor.org_id, id));
    return *voided;
  });
}

Result<std::vector<Appointment>> AppointmentsIn(Transaction& tx, const std::string& org_id, Date from, Date to) {
  return AppointmentStore::OnLocalDates(tx, org_id, from, to);
}

Result<std::optional<Appointment>> AppointmentIn(Transaction& tx, const std::string& org_id, const std::string& id) {
  return AppointmentStore::Get(tx, org_id, id);
}

}  // namespace stepwise::scheduling
