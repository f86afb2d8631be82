#include "care/scheduling/calendar_store.h"

#include "platform/db/records.h"

namespace stepwise::scheduling {

using db::OptText;
using db::Param;
using db::Row;

namespace {

std::optional<Date> OptDate(const Row& r, std::size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return ParseDate(r.Text(i));
}
Param DateParam(const std::optional<Date>& d) { return d ? Param(FormatDate(*d)) : Param(nullptr); }
Param TimeParam(const std::optional<int>& m) { return m ? Param(FormatClockTime(*m)) : Param(nullptr); }

const std::string kRoomSelect =
    "SELECT site_id, name, capacity, active, " + std::string(db::kMetaColumns) + " FROM rooms";
Room ReadRoom(const Row& r) {
  Room room;
  room.site_id = r.Text(0);
  room.name = r.Text(1);
  room.capacity = static_cast<int>(r.Int(2));
  room.active = r.Int(3) != 0;
  room.meta = db::ReadMeta(r, 4);
  return room;
}

const std::string kClosureSelect =
    "SELECT program_id, closed_on, name, " + std::string(db::kMetaColumns) + " FROM closures";
Closure ReadClosure(const Row& r) {
  Closure c;
  c.program_id = r.Text(0);
  c.date = ParseDate(r.Text(1)).value_or(Date{});
  c.name = r.Text(2);
  c.meta = db::ReadMeta(r, 3);
  return c;
}

const std::string kSeriesSelect =
    "SELECT program_id, track_id, title, group_type, topic, curriculum_module, days, start_time, end_time, "
    "interval_weeks, starts_on, ends_on, room_id, modality, meeting_link, facilitator_staff_ids, "
    "required_credentials, size_limit, " +
    std::string(db::kMetaColumns) + " FROM group_series";
GroupSeries ReadSeries(const Row& r) {
  GroupSeries s;
  s.program_id = r.Text(0);
  s.track_id = r.Text(1);
  s.title = r.Text(2);
  s.group_type = r.Text(3);
  s.topic = r.Text(4);
  s.curriculum_module = r.Text(5);
  s.rule.days = db::SplitCodes(r.Text(6));
  s.rule.start_minute = ParseClockTime(r.Text(7)).value_or(0);
  s.rule.end_minute = ParseClockTime(r.Text(8)).value_or(0);
  s.rule.interval_weeks = static_cast<int>(r.Int(9));
  s.rule.starts_on = ParseDate(r.Text(10)).value_or(Date{});
  s.rule.ends_on = OptDate(r, 11);
  s.room_id = r.Text(12);
  s.modality = r.Text(13);
  s.meeting_link = r.Text(14);
  s.facilitator_staff_ids = db::SplitCodes(r.Text(15));
  s.required_credentials = db::SplitCodes(r.Text(16));
  s.size_limit = static_cast<int>(r.Int(17));
  s.meta = db::ReadMeta(r, 18);
  return s;
}
std::vector<Param> SeriesParams(const GroupSeries& s) {
  return {s.program_id,
          s.track_id,
          s.title,
          s.group_type,
          OptText(s.topic),
          OptText(s.curriculum_module),
          db::JoinCodes(s.rule.days),
          FormatClockTime(s.rule.start_minute),
          FormatClockTime(s.rule.end_minute),
          static_cast<std::int64_t>(s.rule.interval_weeks),
          FormatDate(s.rule.starts_on),
          DateParam(s.rule.ends_on),
          OptText(s.room_id),
          s.modality,
          OptText(s.meeting_link),
          db::JoinCodes(s.facilitator_staff_ids),
          db::JoinCodes(s.required_credentials),
          static_cast<std::int64_t>(s.size_limit)};
}

const std::string kChangeSelect =
    "SELECT org_id, series_id, original_date, cancelled, cancel_reason, moved_to, start_time, end_time, room_id, "
    "facilitator_staff_ids, reason, version, created_at, updated_at FROM occurrence_changes";
OccurrenceChange ReadChange(const Row& r) {
  OccurrenceChange c;
  c.org_id = r.Text(0);
  c.series_id = r.Text(1);
  c.original_date = ParseDate(r.Text(2)).value_or(Date{});
  c.cancelled = r.Int(3) != 0;
  c.cancel_reason = r.Text(4);
  c.date = OptDate(r, 5);
  if (!r.IsNull(6)) c.start_minute = ParseClockTime(r.Text(6));
  if (!r.IsNull(7)) c.end_minute = ParseClockTime(r.Text(7));
  if (!r.IsNull(8)) c.room_id = r.Text(8);
  if (!r.IsNull(9)) c.facilitator_staff_ids = db::SplitCodes(r.Text(9));
  c.reason = r.Text(10);
  c.version = r.Int(11);
  c.created_at = r.Text(12);
  c.updated_at = r.Text(13);
  return c;
}

const std::string kEnrollmentSelect =
    "SELECT e.client_id, e.track_id, t.name, e.starts_on, e.planned_end_on, e.ended_on, e.end_reason, "
    "e.id, e.org_id, e.version, e.voided, e.void_reason, e.created_at, e.updated_at "
    "FROM enrollments e JOIN tracks t ON t.id = e.track_id";
Enrollment ReadEnrollment(const Row& r) {
  Enrollment e;
  e.client_id = r.Text(0);
  e.track_id = r.Text(1);
  e.track_name = r.Text(2);
  e.starts_on = ParseDate(r.Text(3)).value_or(Date{});
  e.planned_end_on = OptDate(r, 4);
  e.ended_on = OptDate(r, 5);
  e.end_reason = r.Text(6);
  e.meta = db::ReadMeta(r, 7);
  return e;
}

const std::string kAdditionSelect =
    "SELECT series_id, original_date, client_id, kind, " + std::string(db::kMetaColumns) + " FROM roster_additions";
RosterAddition ReadAddition(const Row& r) {
  RosterAddition a;
  a.series_id = r.Text(0);
  a.original_date = ParseDate(r.Text(1)).value_or(Date{});
  a.client_id = r.Text(2);
  a.kind = r.Text(3);
  a.meta = db::ReadMeta(r, 4);
  return a;
}

}  // namespace

// ---- Rooms -----------------------------------------------------------------------------------------

Result<std::vector<Room>> CalendarStore::ListRooms(db::Transaction& tx, const std::string& org_id) {
  return db::ReadAll<Room>(tx, kRoomSelect + " WHERE org_id = ? AND voided = 0 ORDER BY name, id", {org_id}, ReadRoom);
}

Result<std::optional<Room>> CalendarStore::GetRoom(db::Transaction& tx, const std::string& org_id,
                                                   const std::string& id) {
  return db::ReadOne<Room>(tx, kRoomSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadRoom);
}

Status CalendarStore::InsertRoom(db::Transaction& tx, const Room& r) {
  SW_TRY(
      tx.Execute("INSERT INTO rooms (id, org_id, site_id, name, capacity, active, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                 {r.meta.id, r.meta.org_id, r.site_id, r.name, static_cast<std::int64_t>(r.capacity),
                  static_cast<std::int64_t>(r.active ? 1 : 0), r.meta.created_at, r.meta.created_at}));
  return Ok();
}

Status CalendarStore::UpdateRoom(db::Transaction& tx, const Room& r, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(
      tx, "rooms", r.meta.org_id, r.meta.id, expected, "site_id = ?, name = ?, capacity = ?, active = ?",
      {r.site_id, r.name, static_cast<std::int64_t>(r.capacity), static_cast<std::int64_t>(r.active ? 1 : 0)}, now);
}

// ---- Closures --------------------------------------------------------------------------------------

Result<std::vector<Closure>> CalendarStore::ListClosures(db::Transaction& tx, const std::string& org_id, Date from,
                                                         Date to) {
  return db::ReadAll<Closure>(
      tx,
      kClosureSelect + " WHERE org_id = ? AND voided = 0 AND closed_on >= ? AND closed_on <= ? ORDER BY closed_on, id",
      {org_id, FormatDate(from), FormatDate(to)}, ReadClosure);
}

Result<std::optional<Closure>> CalendarStore::GetClosure(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& id) {
  return db::ReadOne<Closure>(tx, kClosureSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadClosure);
}

Status CalendarStore::InsertClosure(db::Transaction& tx, const Closure& c) {
  SW_TRY(
      tx.Execute("INSERT INTO closures (id, org_id, program_id, closed_on, name, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                 {c.meta.id, c.meta.org_id, OptText(c.program_id), FormatDate(c.date), c.name, c.meta.created_at,
                  c.meta.created_at}));
  return Ok();
}

// ---- Series ----------------------------------------------------------------------------------------

Result<std::vector<GroupSeries>> CalendarStore::ListSeries(db::Transaction& tx, const std::string& org_id,
                                                           const std::string& program_id, const std::string& track_id) {
  std::string sql = kSeriesSelect + " WHERE org_id = ? AND voided = 0";
  std::vector<Param> params = {org_id};
  if (!program_id.empty()) {
    sql += " AND program_id = ?";
    params.emplace_back(program_id);
  }
  if (!track_id.empty()) {
    sql += " AND track_id = ?";
    params.emplace_back(track_id);
  }
  return db::ReadAll<GroupSeries>(tx, sql + " ORDER BY start_time, title, id", std::move(params), ReadSeries);
}

Result<std::optional<GroupSeries>> CalendarStore::GetSeries(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& id) {
  return db::ReadOne<GroupSeries>(tx, kSeriesSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadSeries);
}

Status CalendarStore::InsertSeries(db::Transaction& tx, const GroupSeries& s) {
  std::vector<Param> params = {s.meta.id, s.meta.org_id};
  for (auto& p : SeriesParams(s)) params.push_back(std::move(p));
  params.emplace_back(s.meta.created_at);
  params.emplace_back(s.meta.created_at);
  SW_TRY(tx.Execute(
      "INSERT INTO group_series (id, org_id, program_id, track_id, title, group_type, topic, curriculum_module, days, "
      "start_time, end_time, interval_weeks, starts_on, ends_on, room_id, modality, meeting_link, "
      "facilitator_staff_ids, required_credentials, size_limit, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      std::span<const Param>(params)));
  return Ok();
}

Status CalendarStore::UpdateSeries(db::Transaction& tx, const GroupSeries& s, std::int64_t expected,
                                   const std::string& now) {
  return db::UpdateVersioned(tx, "group_series", s.meta.org_id, s.meta.id, expected,
                             "program_id = ?, track_id = ?, title = ?, group_type = ?, topic = ?, "
                             "curriculum_module = ?, days = ?, start_time = ?, end_time = ?, interval_weeks = ?, "
                             "starts_on = ?, ends_on = ?, room_id = ?, modality = ?, meeting_link = ?, "
                             "facilitator_staff_ids = ?, required_credentials = ?, size_limit = ?",
                             SeriesParams(s), now);
}

// ---- Occurrence changes ----------------------------------------------------------------------------

Result<std::vector<OccurrenceChange>> CalendarStore::ListChanges(db::Transaction& tx, const std::string& org_id,
                                                                 Date from, Date to) {
  const std::string f = FormatDate(from), t = FormatDate(to);
  return db::ReadAll<OccurrenceChange>(tx,
                                       kChangeSelect +
                                           " WHERE org_id = ? AND ((original_date >= ? AND original_date <= ?) OR "
                                           "(moved_to >= ? AND moved_to <= ?))",
                                       {org_id, f, t, f, t}, ReadChange);
}

Result<std::vector<OccurrenceChange>> CalendarStore::ChangesOfSeries(db::Transaction& tx, const std::string& org_id,
                                                                     const std::string& series_id) {
  return db::ReadAll<OccurrenceChange>(tx, kChangeSelect + " WHERE org_id = ? AND series_id = ?", {org_id, series_id},
                                       ReadChange);
}

Status CalendarStore::SaveChange(db::Transaction& tx, const OccurrenceChange& c, const std::string& now) {
  std::optional<std::string> staff;
  if (c.facilitator_staff_ids) staff = db::JoinCodes(*c.facilitator_staff_ids);
  std::optional<std::string> room = c.room_id;
  if (c.version == 0) {
    SW_TRY(tx.Execute(
        "INSERT INTO occurrence_changes (org_id, series_id, original_date, cancelled, cancel_reason, moved_to, "
        "start_time, end_time, room_id, facilitator_staff_ids, reason, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        {c.org_id, c.series_id, FormatDate(c.original_date), static_cast<std::int64_t>(c.cancelled ? 1 : 0),
         OptText(c.cancel_reason), DateParam(c.date), TimeParam(c.start_minute), TimeParam(c.end_minute),
         db::Text(room), db::Text(staff), c.reason, now, now}));
    return Ok();
  }
  SW_ASSIGN(auto changed,
            tx.Execute("UPDATE occurrence_changes SET cancelled = ?, cancel_reason = ?, moved_to = ?, start_time = ?, "
                       "end_time = ?, room_id = ?, facilitator_staff_ids = ?, reason = ?, version = version + 1, "
                       "updated_at = ? WHERE org_id = ? AND series_id = ? AND original_date = ? AND version = ?",
                       {static_cast<std::int64_t>(c.cancelled ? 1 : 0), OptText(c.cancel_reason), DateParam(c.date),
                        TimeParam(c.start_minute), TimeParam(c.end_minute), db::Text(room), db::Text(staff), c.reason,
                        now, c.org_id, c.series_id, FormatDate(c.original_date), c.version}));
  if (changed != 1) return Error::StaleVersion();
  return Ok();
}

// ---- Enrollments -----------------------------------------------------------------------------------

Result<std::vector<Enrollment>> CalendarStore::EnrollmentsOfClient(db::Transaction& tx, const std::string& org_id,
                                                                   const std::string& client_id) {
  return db::ReadAll<Enrollment>(
      tx,
      kEnrollmentSelect + " WHERE e.org_id = ? AND e.client_id = ? AND e.voided = 0 ORDER BY e.starts_on DESC, e.id",
      {org_id, client_id}, ReadEnrollment);
}

Result<std::vector<Enrollment>> CalendarStore::EnrollmentsOfTrack(db::Transaction& tx, const std::string& org_id,
                                                                  const std::string& track_id) {
  return db::ReadAll<Enrollment>(
      tx, kEnrollmentSelect + " WHERE e.org_id = ? AND e.track_id = ? AND e.voided = 0 ORDER BY e.starts_on, e.id",
      {org_id, track_id}, ReadEnrollment);
}

Result<std::vector<Enrollment>> CalendarStore::EnrollmentsDuring(db::Transaction& tx, const std::string& org_id,
                                                                 Date from, Date to) {
  return db::ReadAll<Enrollment>(tx,
                                 kEnrollmentSelect +
                                     " WHERE e.org_id = ? AND e.voided = 0 AND e.starts_on <= ? AND "
                                     "(e.ended_on IS NULL OR e.ended_on > ?) ORDER BY e.starts_on, e.id",
                                 {org_id, FormatDate(to), FormatDate(from)}, ReadEnrollment);
}

Result<std::optional<Enrollment>> CalendarStore::GetEnrollment(db::Transaction& tx, const std::string& org_id,
                                                               const std::string& id) {
  return db::ReadOne<Enrollment>(tx, kEnrollmentSelect + " WHERE e.org_id = ? AND e.id = ?", {org_id, id},
                                 ReadEnrollment);
}

Status CalendarStore::InsertEnrollment(db::Transaction& tx, const Enrollment& e) {
  SW_TRY(tx.Execute(
      "INSERT INTO enrollments (id, org_id, client_id, track_id, starts_on, planned_end_on, ended_on, end_reason, "
      "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {e.meta.id, e.meta.org_id, e.client_id, e.track_id, FormatDate(e.starts_on), DateParam(e.planned_end_on),
       DateParam(e.ended_on), OptText(e.end_reason), e.meta.created_at, e.meta.created_at}));
  return Ok();
}

Status CalendarStore::EndEnrollment(db::Transaction& tx, const Enrollment& e, std::int64_t expected,
                                    const std::string& now) {
  return db::UpdateVersioned(tx, "enrollments", e.meta.org_id, e.meta.id, expected, "ended_on = ?, end_reason = ?",
                             {DateParam(e.ended_on), OptText(e.end_reason)}, now);
}

// ---- Roster additions ------------------------------------------------------------------------------

Result<std::vector<RosterAddition>> CalendarStore::AdditionsOf(db::Transaction& tx, const std::string& org_id,
                                                               const std::string& series_id, Date original_date) {
  return db::ReadAll<RosterAddition>(
      tx, kAdditionSelect + " WHERE org_id = ? AND series_id = ? AND original_date = ? AND voided = 0 ORDER BY id",
      {org_id, series_id, FormatDate(original_date)}, ReadAddition);
}

Result<std::vector<RosterAddition>> CalendarStore::AdditionsDuring(db::Transaction& tx, const std::string& org_id,
                                                                   Date from, Date to) {
  return db::ReadAll<RosterAddition>(
      tx, kAdditionSelect + " WHERE org_id = ? AND original_date >= ? AND original_date <= ? AND voided = 0",
      {org_id, FormatDate(from), FormatDate(to)}, ReadAddition);
}

Status CalendarStore::InsertAddition(db::Transaction& tx, const RosterAddition& a) {
  SW_TRY(tx.Execute(
      "INSERT INTO roster_additions (id, org_id, series_id, original_date, client_id, kind, version, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {a.meta.id, a.meta.org_id, a.series_id, FormatDate(a.original_date), a.client_id, a.kind, a.meta.created_at,
       a.meta.created_at}));
  return Ok();
}

// ---- Opening hours ---------------------------------------------------------------------------------

Result<std::optional<OpeningHours>> CalendarStore::GetHours(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& program_id) {
  return db::ReadOne<OpeningHours>(
      tx, "SELECT program_id, open_time, close_time, version FROM program_hours WHERE org_id = ? AND program_id = ?",
      {org_id, program_id}, [](const Row& r) {
        OpeningHours h;
        h.program_id = r.Text(0);
        h.open_minute = ParseClockTime(r.Text(1)).value_or(7 * 60);
        h.close_minute = r.Text(2) == "24:00" ? 1440 : ParseClockTime(r.Text(2)).value_or(21 * 60);
        h.version = r.Int(3);
        return h;
      });
}

Status CalendarStore::SaveHours(db::Transaction& tx, const std::string& org_id, const OpeningHours& h,
                                std::int64_t expected, const std::string& now) {
  const std::string close = h.close_minute >= 1440 ? "24:00" : FormatClockTime(h.close_minute);
  if (expected == 0) {
    SW_TRY(tx.Execute(
        "INSERT INTO program_hours (program_id, org_id, open_time, close_time, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 1, ?, ?)",
        {h.program_id, org_id, FormatClockTime(h.open_minute), close, now, now}));
    return Ok();
  }
  SW_ASSIGN(auto changed, tx.Execute("UPDATE program_hours SET open_time = ?, close_time = ?, version = version + 1, "
                                     "updated_at = ? WHERE org_id = ? AND program_id = ? AND version = ?",
                                     {FormatClockTime(h.open_minute), close, now, org_id, h.program_id, expected}));
  if (changed != 1) return Error::StaleVersion();
  return Ok();
}

// ---- Lookups ---------------------------------------------------------------------------------------

Result<std::vector<std::string>> CalendarStore::ClientsOfFacilitator(db::Transaction& tx, const std::string& org_id,
                                                                     const std::string& staff_id, Date from,
                                                                     Date to) {
  // Staff ids are stored comma-separated; ',a,b,' LIKE '%,a,%' matches one whole id (ids hold no % or _).
  const std::string names = "%," + staff_id + ",%";
  const std::string f = FormatDate(from), t = FormatDate(to);
  constexpr std::string_view kDay = "COALESCE(oc.moved_to, oc.original_date)";
  const std::string sql =
      // Enrolled in the track of a series they facilitate.
      "SELECT en.client_id FROM group_series gs JOIN enrollments en ON en.org_id = gs.org_id AND "
      "en.track_id = gs.track_id WHERE gs.org_id = ? AND gs.voided = 0 AND en.voided = 0 AND "
      "',' || gs.facilitator_staff_ids || ',' LIKE ? AND gs.starts_on <= ? AND (gs.ends_on IS NULL OR "
      "gs.ends_on >= ?) AND en.starts_on <= ? AND (en.ended_on IS NULL OR en.ended_on > ?) "
      // Drop-ins and make-ups of that series.
      "UNION SELECT ra.client_id FROM group_series gs JOIN roster_additions ra ON ra.org_id = gs.org_id AND "
      "ra.series_id = gs.id WHERE gs.org_id = ? AND gs.voided = 0 AND ra.voided = 0 AND "
      "',' || gs.facilitator_staff_ids || ',' LIKE ? AND ra.original_date >= ? AND ra.original_date <= ? "
      // One occurrence they stand in for: enrolled on its day, and its drop-ins and make-ups.
      "UNION SELECT en.client_id FROM occurrence_changes oc JOIN group_series gs ON gs.id = oc.series_id JOIN "
      "enrollments en ON en.org_id = gs.org_id AND en.track_id = gs.track_id WHERE oc.org_id = ? AND "
      "oc.cancelled = 0 AND gs.voided = 0 AND en.voided = 0 AND ',' || oc.facilitator_staff_ids || ',' LIKE ? AND " +
      std::string(kDay) + " >= ? AND " + std::string(kDay) + " <= ? AND en.starts_on <= " + std::string(kDay) +
      " AND (en.ended_on IS NULL OR en.ended_on > " + std::string(kDay) +
      ") "
      "UNION SELECT ra.client_id FROM occurrence_changes oc JOIN roster_additions ra ON ra.org_id = oc.org_id AND "
      "ra.series_id = oc.series_id AND ra.original_date = oc.original_date WHERE oc.org_id = ? AND "
      "oc.cancelled = 0 AND ra.voided = 0 AND ',' || oc.facilitator_staff_ids || ',' LIKE ? AND " +
      std::string(kDay) + " >= ? AND " + std::string(kDay) + " <= ? ORDER BY 1";
  return db::ReadAll<std::string>(tx, sql,
                                  {org_id, names, t, f, t, f, org_id, names, f, t, org_id, names, f, t, org_id, names,
                                   f, t},
                                  [](const Row& r) { return r.Text(0); });
}

Result<std::map<std::string, std::string>> CalendarStore::ClientNames(db::Transaction& tx, const std::string& org_id,
                                                                      const std::vector<std::string>& ids) {
  std::map<std::string, std::string> out;
  if (ids.empty()) return out;
  // By primary key, the organization checked on each row: with "org_id = ? AND id IN (…)" SQLite's planner
  // (no statistics) scanned the organization's clients through an org_id index instead.
  std::string sql = "SELECT id, given_name, preferred_name, family_name, org_id FROM clients WHERE id IN (";
  std::vector<Param> params;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(ids[i]);
  }
  SW_ASSIGN(auto rs, tx.Query(sql + ")", std::span<const Param>(params)));
  for (const auto& r : rs.rows) {
    if (r.Text(4) != org_id) continue;
    out[r.Text(0)] = (r.Text(2).empty() ? r.Text(1) : r.Text(2)) + " " + r.Text(3);
  }
  return out;
}

Result<std::map<std::string, std::string>> CalendarStore::StaffNames(db::Transaction& tx, const std::string& org_id) {
  SW_ASSIGN(auto rs,
            tx.Query("SELECT id, given_name, preferred_name, family_name FROM staff WHERE org_id = ?", {org_id}));
  std::map<std::string, std::string> out;
  for (const auto& r : rs.rows) out[r.Text(0)] = (r.Text(2).empty() ? r.Text(1) : r.Text(2)) + " " + r.Text(3);
  return out;
}

Result<std::string> CalendarStore::OrganizationZone(db::Transaction& tx, const std::string& org_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT time_zone FROM organizations WHERE id = ?", {org_id}));
  if (rs.rows.empty()) return Error::NotFound("no such organization");
  return rs.rows.front().Text(0);
}

}  // namespace stepwise::scheduling
