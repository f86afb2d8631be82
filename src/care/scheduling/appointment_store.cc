#include "care/scheduling/appointment_store.h"

#include "platform/base/time_zone.h"
#include "platform/db/records.h"

namespace stepwise::scheduling {

using db::Param;

namespace {

// "Preferred Family" or "Given Family" from columns at i (given), i+1 (preferred), i+2 (family).
std::string PersonName(const db::Row& r, std::size_t i) {
  if (r.IsNull(i + 2)) return "";
  return (r.Text(i + 1).empty() ? r.Text(i) : r.Text(i + 1)) + " " + r.Text(i + 2);
}

const std::string kAppointmentSelect =
    "SELECT a.program_id, a.kind, a.client_id, a.staff_id, a.room_id, a.modality, a.meeting_link, a.start_at, "
    "a.end_at, a.local_date, a.start_minute, a.end_minute, a.status, a.cancel_reason, a.pinned, a.source, "
    "a.proposal_id, a.plan_intervention_id, a.family_members, c.given_name, c.preferred_name, c.family_name, "
    "s.given_name, s.preferred_name, s.family_name, a.id, a.org_id, a.version, a.voided, a.void_reason, "
    "a.created_at, a.updated_at FROM appointments a LEFT JOIN clients c ON c.id = a.client_id "
    "LEFT JOIN staff s ON s.id = a.staff_id";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

Appointment ReadAppointment(const db::Row& r) {
  Appointment a;
  a.program_id = r.Text(0);
  a.kind = r.Text(1);
  a.client_id = r.Text(2);
  a.staff_id = r.Text(3);
  a.room_id = r.Text(4);
  a.modality = r.Text(5);
  a.meeting_link = r.Text(6);
  a.start_at = tz::ParseInstant(r.Text(7)).value_or(TimePoint{});
  a.end_at = tz::ParseInstant(r.Text(8)).value_or(TimePoint{});
  a.date = ParseDate(r.Text(9)).value_or(Date{});
  a.start_minute = static_cast<int>(r.Int(10));
  a.end_minute = static_cast<int>(r.Int(11));
  a.status = r.Text(12);
  a.cancel_reason = r.Text(13);
  a.pinned = r.Int(14) != 0;
  a.source = r.Text(15);
  a.proposal_id = r.Text(16);
  a.plan_intervention_id = r.Text(17);
  a.family_members = Lines(r.Text(18));
  a.client_name = PersonName(r, 19);
  a.staff_name = PersonName(r, 22);
  a.meta = db::ReadMeta(r, 25);
  return a;
}

std::vector<Param> AppointmentValues(const Appointment& a) {
  using db::OptText;
  return {OptText(a.program_id), a.kind, OptText(a.client_id), a.staff_id, OptText(a.room_id), a.modality,
          OptText(a.meeting_link), tz::FormatInstant(a.start_at), tz::FormatInstant(a.end_at), FormatDate(a.date),
          static_cast<std::int64_t>(a.start_minute), static_cast<std::int64_t>(a.end_minute), a.status,
          OptText(a.cancel_reason), static_cast<std::int64_t>(a.pinned ? 1 : 0), a.source, OptText(a.proposal_id),
          OptText(a.plan_intervention_id), OptText(JoinLines(a.family_members))};
}

Param OptInt(const std::optional<int>& v) {
  return v ? Param(static_cast<std::int64_t>(*v)) : Param(nullptr);
}

// Creates the availability row (expected 0) or bumps its version (expected = current).
Status PutHeader(db::Transaction& tx, std::string_view table, std::string_view owner_column, const std::string& org_id,
                 const std::string& owner_id, std::int64_t expected, const std::string& new_id,
                 const std::string& extra_set, std::vector<Param> extra, const std::string& now) {
  SW_ASSIGN(auto rs, tx.Query("SELECT id, version FROM " + std::string(table) + " WHERE org_id = ? AND " +
                                  std::string(owner_column) + " = ?",
                              {org_id, owner_id}));
  if (rs.empty()) {
    if (expected != 0) return Error::StaleVersion();
    std::string columns = "id, org_id, " + std::string(owner_column) + ", version, created_at, updated_at";
    std::string marks = "?, ?, ?, 1, ?, ?";
    std::vector<Param> p{new_id, org_id, owner_id, now, now};
    if (!extra_set.empty()) {
      columns += ", caseload_limit, max_sessions_per_week";
      marks += ", ?, ?";
      p.insert(p.end(), extra.begin(), extra.end());
    }
    SW_TRY(tx.Execute("INSERT INTO " + std::string(table) + " (" + columns + ") VALUES (" + marks + ")",
                      std::span<const Param>(p)));
    return Ok();
  }
  return db::UpdateVersioned(tx, table, org_id, rs.rows[0].Text(0), expected,
                             extra_set.empty() ? "org_id = org_id" : extra_set, std::move(extra), now);
}

Result<std::vector<WeeklyWindow>> Windows(db::Transaction& tx, std::string_view table, std::string_view owner_column,
                                          const std::string& org_id, const std::string& owner_id, bool with_kind) {
  const std::string sql = "SELECT day, start_minute, end_minute" +
                          std::string(with_kind ? ", kind, note" : "") + " FROM " + std::string(table) +
                          " WHERE org_id = ? AND " + std::string(owner_column) + " = ? ORDER BY position";
  return db::ReadAll<WeeklyWindow>(tx, sql, {org_id, owner_id}, [&](const db::Row& r) {
    WeeklyWindow w;
    w.day = r.Text(0);
    w.start = static_cast<int>(r.Int(1));
    w.end = static_cast<int>(r.Int(2));
    w.kind = with_kind ? r.Text(3) : "working";
    if (with_kind) w.note = r.Text(4);
    return w;
  });
}

Result<std::vector<DateRange>> Ranges(db::Transaction& tx, std::string_view table, std::string_view owner_column,
                                      const std::string& org_id, const std::string& owner_id) {
  return db::ReadAll<DateRange>(
      tx,
      "SELECT from_date, to_date, reason FROM " + std::string(table) + " WHERE org_id = ? AND " +
          std::string(owner_column) + " = ? ORDER BY position",
      {org_id, owner_id}, [](const db::Row& r) {
        return DateRange{ParseDate(r.Text(0)).value_or(Date{}), ParseDate(r.Text(1)).value_or(Date{}), r.Text(2)};
      });
}

Status WriteRanges(db::Transaction& tx, std::string_view table, std::string_view owner_column,
                   const std::string& org_id, const std::string& owner_id, const std::vector<DateRange>& ranges) {
  SW_TRY(tx.Execute("DELETE FROM " + std::string(table) + " WHERE org_id = ? AND " + std::string(owner_column) + " = ?",
                    {org_id, owner_id}));
  std::int64_t position = 0;
  for (const auto& r : ranges) {
    SW_TRY(tx.Execute("INSERT INTO " + std::string(table) + " (org_id, " + std::string(owner_column) +
                          ", position, from_date, to_date, reason) VALUES (?, ?, ?, ?, ?, ?)",
                      {org_id, owner_id, position++, FormatDate(r.from), FormatDate(r.to), db::OptText(r.reason)}));
  }
  return Ok();
}

const std::string kFeedSelect =
    "SELECT owner_type, owner_id, created_by, revoked_at, " + std::string(db::kMetaColumns) + " FROM calendar_feeds";

CalendarFeed ReadFeed(const db::Row& r) {
  CalendarFeed f;
  f.owner_type = r.Text(0);
  f.owner_id = r.Text(1);
  f.created_by = r.Text(2);
  f.revoked_at = r.Text(3);
  f.meta = db::ReadMeta(r, 4);
  return f;
}

}  // namespace

Status AppointmentStore::Insert(db::Transaction& tx, const Appointment& a) {
  auto values = AppointmentValues(a);
  values.insert(values.begin(), {a.meta.id, a.meta.org_id});
  values.insert(values.end(), {a.meta.created_at, a.meta.created_at});
  SW_TRY(tx.Execute(
      "INSERT INTO appointments (id, org_id, program_id, kind, client_id, staff_id, room_id, modality, meeting_link, "
      "start_at, end_at, local_date, start_minute, end_minute, status, cancel_reason, pinned, source, proposal_id, "
      "plan_intervention_id, family_members, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      std::span<const Param>(values)));
  return Ok();
}

Status AppointmentStore::Update(db::Transaction& tx, const Appointment& a, std::int64_t expected,
                                const std::string& now) {
  return db::UpdateVersioned(tx, "appointments", a.meta.org_id, a.meta.id, expected,
                             "program_id = ?, kind = ?, client_id = ?, staff_id = ?, room_id = ?, modality = ?, "
                             "meeting_link = ?, start_at = ?, end_at = ?, local_date = ?, start_minute = ?, "
                             "end_minute = ?, status = ?, cancel_reason = ?, pinned = ?, source = ?, proposal_id = ?, "
                             "plan_intervention_id = ?, family_members = ?",
                             AppointmentValues(a), now);
}

Result<std::optional<Appointment>> AppointmentStore::Get(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& id) {
  return db::ReadOne<Appointment>(tx, kAppointmentSelect + " WHERE a.org_id = ? AND a.id = ?", {org_id, id},
                                  ReadAppointment);
}

Result<std::vector<Appointment>> AppointmentStore::List(db::Transaction& tx, const std::string& org_id,
                                                        const AppointmentQuery& q) {
  std::string sql = kAppointmentSelect + " WHERE a.org_id = ? AND a.voided = 0 AND a.start_at < ? AND a.end_at > ?";
  std::vector<Param> p{org_id, tz::FormatInstant(q.to), tz::FormatInstant(q.from)};
  for (const auto& [column, value] : {std::pair{"a.staff_id", &q.staff_id}, std::pair{"a.client_id", &q.client_id},
                                      std::pair{"a.room_id", &q.room_id}}) {
    if (value->empty()) continue;
    sql += std::string(" AND ") + column + " = ?";
    p.emplace_back(*value);
  }
  if (!q.include_cancelled) sql += " AND a.status = 'scheduled'";
  sql += " ORDER BY a.start_at, a.id";
  return db::ReadAll<Appointment>(tx, sql, std::move(p), ReadAppointment);
}

Result<std::vector<Appointment>> AppointmentStore::OnLocalDates(db::Transaction& tx, const std::string& org_id,
                                                                Date from, Date to) {
  return db::ReadAll<Appointment>(tx,
                                  kAppointmentSelect +
                                      " WHERE a.org_id = ? AND a.voided = 0 AND a.local_date >= ? AND "
                                      "a.local_date <= ? ORDER BY a.start_at, a.id",
                                  {org_id, FormatDate(from), FormatDate(to)}, ReadAppointment);
}

Result<std::vector<std::string>> AppointmentStore::ClientsOfStaff(db::Transaction& tx, const std::string& org_id,
                                                                  const std::string& staff_id, TimePoint from,
                                                                  TimePoint to) {
  SW_ASSIGN(auto rs, tx.Query("SELECT DISTINCT client_id FROM appointments WHERE org_id = ? AND staff_id = ? AND "
                              "voided = 0 AND status = 'scheduled' AND client_id IS NOT NULL AND start_at < ? AND "
                              "end_at > ? ORDER BY client_id",
                              {org_id, staff_id, tz::FormatInstant(to), tz::FormatInstant(from)}));
  std::vector<std::string> out;
  for (const auto& r : rs.rows) out.push_back(r.Text(0));
  return out;
}

Result<ClientAvailability> AppointmentStore::ClientAvailabilityOf(db::Transaction& tx, const std::string& org_id,
                                                                  const std::string& client_id) {
  ClientAvailability a;
  a.client_id = client_id;
  SW_ASSIGN(auto rs, tx.Query("SELECT version, updated_at FROM client_availability WHERE org_id = ? AND client_id = ?",
                              {org_id, client_id}));
  if (rs.empty()) return a;
  a.version = rs.rows[0].Int(0);
  a.updated_at = rs.rows[0].Text(1);
  SW_ASSIGN(a.weekly, Windows(tx, "client_availability_windows", "client_id", org_id, client_id, true));
  SW_ASSIGN(a.absences, Ranges(tx, "client_absences", "client_id", org_id, client_id));
  return a;
}

Status AppointmentStore::PutClientAvailability(db::Transaction& tx, const std::string& org_id,
                                               const ClientAvailability& a, std::int64_t expected,
                                               const std::string& new_id, const std::string& now) {
  SW_TRY(PutHeader(tx, "client_availability", "client_id", org_id, a.client_id, expected, new_id, "", {}, now));
  SW_TRY(tx.Execute("DELETE FROM client_availability_windows WHERE org_id = ? AND client_id = ?", {org_id, a.client_id}));
  std::int64_t position = 0;
  for (const auto& w : a.weekly) {
    SW_TRY(tx.Execute("INSERT INTO client_availability_windows (org_id, client_id, position, day, start_minute, "
                      "end_minute, kind, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      {org_id, a.client_id, position++, w.day, static_cast<std::int64_t>(w.start),
                       static_cast<std::int64_t>(w.end), w.kind, db::OptText(w.note)}));
  }
  return WriteRanges(tx, "client_absences", "client_id", org_id, a.client_id, a.absences);
}

Result<StaffAvailability> AppointmentStore::StaffAvailabilityOf(db::Transaction& tx, const std::string& org_id,
                                                                const std::string& staff_id) {
  StaffAvailability a;
  a.staff_id = staff_id;
  SW_ASSIGN(auto rs, tx.Query("SELECT version, updated_at, caseload_limit, max_sessions_per_week FROM "
                              "staff_availability WHERE org_id = ? AND staff_id = ?",
                              {org_id, staff_id}));
  if (rs.empty()) return a;
  const auto& r = rs.rows[0];
  a.version = r.Int(0);
  a.updated_at = r.Text(1);
  if (!r.IsNull(2)) a.caseload_limit = static_cast<int>(r.Int(2));
  if (!r.IsNull(3)) a.max_sessions_per_week = static_cast<int>(r.Int(3));
  SW_ASSIGN(a.working, Windows(tx, "staff_working_hours", "staff_id", org_id, staff_id, false));
  SW_ASSIGN(a.time_off, Ranges(tx, "staff_time_off", "staff_id", org_id, staff_id));
  return a;
}

Status AppointmentStore::PutStaffAvailability(db::Transaction& tx, const std::string& org_id,
                                              const StaffAvailability& a, std::int64_t expected,
                                              const std::string& new_id, const std::string& now) {
  SW_TRY(PutHeader(tx, "staff_availability", "staff_id", org_id, a.staff_id, expected, new_id,
                   "caseload_limit = ?, max_sessions_per_week = ?",
                   {OptInt(a.caseload_limit), OptInt(a.max_sessions_per_week)}, now));
  SW_TRY(tx.Execute("DELETE FROM staff_working_hours WHERE org_id = ? AND staff_id = ?", {org_id, a.staff_id}));
  std::int64_t position = 0;
  for (const auto& w : a.working) {
    SW_TRY(tx.Execute("INSERT INTO staff_working_hours (org_id, staff_id, position, day, start_minute, end_minute) "
                      "VALUES (?, ?, ?, ?, ?, ?)",
                      {org_id, a.staff_id, position++, w.day, static_cast<std::int64_t>(w.start),
                       static_cast<std::int64_t>(w.end)}));
  }
  return WriteRanges(tx, "staff_time_off", "staff_id", org_id, a.staff_id, a.time_off);
}

namespace {
const std::string kRequirementSelect =
    "SELECT client_id, kind, minutes, count, per, staff_id, " + std::string(db::kMetaColumns) +
    " FROM session_requirements";

SessionRequirement ReadRequirement(const db::Row& r) {
  SessionRequirement s;
  s.client_id = r.Text(0);
  s.kind = r.Text(1);
  s.minutes = static_cast<int>(r.Int(2));
  s.count = static_cast<int>(r.Int(3));
  s.per = r.Text(4);
  s.staff_id = r.Text(5);
  s.meta = db::ReadMeta(r, 6);
  return s;
}
}  // namespace

Result<std::vector<SessionRequirement>> AppointmentStore::RequirementsOf(db::Transaction& tx, const std::string& org_id,
                                                                         const std::string& client_id) {
  return db::ReadAll<SessionRequirement>(
      tx, kRequirementSelect + " WHERE org_id = ? AND client_id = ? AND voided = 0 ORDER BY created_at, id",
      {org_id, client_id}, ReadRequirement);
}

Result<std::optional<SessionRequirement>> AppointmentStore::GetRequirement(db::Transaction& tx,
                                                                           const std::string& org_id,
                                                                           const std::string& id) {
  return db::ReadOne<SessionRequirement>(tx, kRequirementSelect + " WHERE org_id = ? AND id = ?", {org_id, id},
                                         ReadRequirement);
}

Status AppointmentStore::InsertRequirement(db::Transaction& tx, const SessionRequirement& r) {
  SW_TRY(tx.Execute("INSERT INTO session_requirements (id, org_id, client_id, kind, minutes, count, per, staff_id, "
                    "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                    {r.meta.id, r.meta.org_id, r.client_id, r.kind, static_cast<std::int64_t>(r.minutes),
                     static_cast<std::int64_t>(r.count), r.per, db::OptText(r.staff_id), r.meta.created_at,
                     r.meta.created_at}));
  return Ok();
}

Status AppointmentStore::InsertProposal(db::Transaction& tx, const Proposal& p) {
  SW_TRY(tx.Execute("INSERT INTO schedule_proposals (id, org_id, program_id, week_of, weeks, status, requested, placed, "
                    "solve_ms, created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                    {p.meta.id, p.meta.org_id, p.program_id, FormatDate(p.week_of), static_cast<std::int64_t>(p.weeks),
                     p.status, static_cast<std::int64_t>(p.requested), static_cast<std::int64_t>(p.placed),
                     static_cast<std::int64_t>(p.solve_ms), p.created_by, p.meta.created_at, p.meta.created_at}));
  std::int64_t position = 0;
  for (const auto& i : p.items) {
    const bool timed = i.action == "create";
    SW_TRY(tx.Execute(
        "INSERT INTO schedule_proposal_items (org_id, proposal_id, item_id, position, action, kind, client_id, "
        "staff_id, room_id, track_id, start_at, end_at, local_date, start_minute, end_minute, plan_intervention_id, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {p.meta.org_id, p.meta.id, i.item_id, position++, i.action, db::OptText(i.kind), i.client_id,
         db::OptText(i.staff_id), db::OptText(i.room_id), db::OptText(i.track_id),
         timed ? Param(tz::FormatInstant(i.start_at)) : Param(nullptr),
         timed ? Param(tz::FormatInstant(i.end_at)) : Param(nullptr), FormatDate(i.date),
         static_cast<std::int64_t>(i.start_minute), static_cast<std::int64_t>(i.end_minute),
         db::OptText(i.plan_intervention_id), db::OptText(i.reason)}));
  }
  for (const auto& u : p.unplaced) {
    SW_TRY(tx.Execute("INSERT INTO schedule_proposal_items (org_id, proposal_id, item_id, position, action, kind, "
                      "client_id, reason) VALUES (?, ?, ?, ?, 'unplaced', ?, ?, ?)",
                      {p.meta.org_id, p.meta.id, "u" + std::to_string(position), position, u.kind, u.client_id,
                       db::OptText(u.reason)}));
    ++position;
  }
  return Ok();
}

Result<std::optional<Proposal>> AppointmentStore::GetProposal(db::Transaction& tx, const std::string& org_id,
                                                              const std::string& id) {
  SW_ASSIGN(auto head,
            db::ReadOne<Proposal>(tx,
                                  "SELECT program_id, week_of, weeks, status, requested, placed, solve_ms, created_by, " +
                                      std::string(db::kMetaColumns) + " FROM schedule_proposals WHERE org_id = ? AND id = ?",
                                  {org_id, id}, [](const db::Row& r) {
                                    Proposal p;
                                    p.program_id = r.Text(0);
                                    p.week_of = ParseDate(r.Text(1)).value_or(Date{});
                                    p.weeks = static_cast<int>(r.Int(2));
                                    p.status = r.Text(3);
                                    p.requested = static_cast<int>(r.Int(4));
                                    p.placed = static_cast<int>(r.Int(5));
                                    p.solve_ms = r.Int(6);
                                    p.created_by = r.Text(7);
                                    p.meta = db::ReadMeta(r, 8);
                                    return p;
                                  }));
  if (!head) return head;
  SW_ASSIGN(auto rs, tx.Query("SELECT i.item_id, i.action, i.kind, i.client_id, i.staff_id, i.room_id, i.track_id, "
                              "i.start_at, i.end_at, i.local_date, i.start_minute, i.end_minute, "
                              "i.plan_intervention_id, i.reason, i.accepted_at, i.result_id, c.given_name, "
                              "c.preferred_name, c.family_name, s.given_name, s.preferred_name, s.family_name "
                              "FROM schedule_proposal_items i LEFT JOIN clients c ON c.id = i.client_id "
                              "LEFT JOIN staff s ON s.id = i.staff_id WHERE i.org_id = ? AND i.proposal_id = ? "
                              "ORDER BY i.position",
                              {org_id, id}));
  for (const auto& r : rs.rows) {
    if (r.Text(1) == "unplaced") {
      head->unplaced.push_back({r.Text(3), PersonName(r, 16), r.Text(2), r.Text(13)});
      continue;
    }
    ProposalItem i;
    i.item_id = r.Text(0);
    i.action = r.Text(1);
    i.kind = r.Text(2);
    i.client_id = r.Text(3);
    i.staff_id = r.Text(4);
    i.room_id = r.Text(5);
    i.track_id = r.Text(6);
    i.start_at = tz::ParseInstant(r.Text(7)).value_or(TimePoint{});
    i.end_at = tz::ParseInstant(r.Text(8)).value_or(TimePoint{});
    i.date = ParseDate(r.Text(9)).value_or(Date{});
    i.start_minute = static_cast<int>(r.Int(10));
    i.end_minute = static_cast<int>(r.Int(11));
    i.plan_intervention_id = r.Text(12);
    i.reason = r.Text(13);
    i.accepted_at = r.Text(14);
    i.result_id = r.Text(15);
    i.client_name = PersonName(r, 16);
    i.staff_name = PersonName(r, 19);
    head->items.push_back(std::move(i));
  }
  return head;
}

Status AppointmentStore::SetProposalStatus(db::Transaction& tx, const std::string& org_id, const std::string& id,
                                           std::int64_t expected, const std::string& status, const std::string& now) {
  return db::UpdateVersioned(tx, "schedule_proposals", org_id, id, expected, "status = ?", {status}, now);
}

Status AppointmentStore::MarkItemAccepted(db::Transaction& tx, const std::string& org_id,
                                          const std::string& proposal_id, const std::string& item_id,
                                          const std::string& result_id, const std::string& now) {
  SW_TRY(tx.Execute("UPDATE schedule_proposal_items SET accepted_at = ?, result_id = ? WHERE org_id = ? AND "
                    "proposal_id = ? AND item_id = ?",
                    {now, result_id, org_id, proposal_id, item_id}));
  return Ok();
}

Status AppointmentStore::InsertFeed(db::Transaction& tx, const CalendarFeed& f, const std::string& token_sha256) {
  SW_TRY(tx.Execute("INSERT INTO calendar_feeds (id, org_id, owner_type, owner_id, token_sha256, created_by, version, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                    {f.meta.id, f.meta.org_id, f.owner_type, f.owner_id, token_sha256, f.created_by,
                     f.meta.created_at, f.meta.created_at}));
  return Ok();
}

Result<std::optional<CalendarFeed>> AppointmentStore::FeedByToken(db::Transaction& tx, const std::string& token_sha256) {
  return db::ReadOne<CalendarFeed>(tx, kFeedSelect + " WHERE token_sha256 = ?", {token_sha256}, ReadFeed);
}

Result<std::optional<CalendarFeed>> AppointmentStore::GetFeed(db::Transaction& tx, const std::string& org_id,
                                                              const std::string& id) {
  return db::ReadOne<CalendarFeed>(tx, kFeedSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadFeed);
}

Result<std::vector<CalendarFeed>> AppointmentStore::Feeds(db::Transaction& tx, const std::string& org_id,
                                                          const std::string& owner_type, const std::string& owner_id) {
  return db::ReadAll<CalendarFeed>(
      tx, kFeedSelect + " WHERE org_id = ? AND owner_type = ? AND owner_id = ? ORDER BY created_at, id",
      {org_id, owner_type, owner_id}, ReadFeed);
}

Status AppointmentStore::RevokeFeed(db::Transaction& tx, const std::string& org_id, const std::string& id,
                                    const std::string& by, const std::string& now) {
  SW_ASSIGN(auto n, tx.Execute("UPDATE calendar_feeds SET revoked_at = ?, revoked_by = ?, version = version + 1, "
                               "updated_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL",
                               {now, by, now, org_id, id}));
  if (n == 0) return Error::NotFound("no such calendar feed (or it is already revoked)");
  return Ok();
}

}  // namespace stepwise::scheduling
