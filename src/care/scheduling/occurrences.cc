#include "care/scheduling/occurrences.h"

#include <algorithm>
#include <set>

#include "care/program/program_store.h"
#include "care/scheduling/calendar_store.h"
#include "platform/base/time_zone.h"

namespace stepwise::scheduling {

namespace {

struct Names {
  std::map<std::string, std::string> tracks, rooms, staff;
};

Result<Names> LoadNames(db::Transaction& tx, const std::string& org_id) {
  Names n;
  SW_ASSIGN(auto tracks, program::ProgramStore::ListTracks(tx, org_id, "", true));
  for (const auto& t : tracks) n.tracks[t.meta.id] = t.name;
  SW_ASSIGN(auto rooms, CalendarStore::ListRooms(tx, org_id));
  for (const auto& r : rooms) n.rooms[r.meta.id] = r.name;
  SW_ASSIGN(n.staff, CalendarStore::StaffNames(tx, org_id));
  return n;
}

void Name(Occurrence& o, const Names& n) {
  if (auto it = n.tracks.find(o.track_id); it != n.tracks.end()) o.track_name = it->second;
  if (auto it = n.rooms.find(o.room_id); it != n.rooms.end()) o.room_name = it->second;
  o.facilitator_names.clear();
  for (const auto& id : o.facilitator_staff_ids) {
    auto it = n.staff.find(id);
    o.facilitator_names.push_back(it == n.staff.end() ? "" : it->second);
  }
}

int CountOn(const Occurrence& o, const std::vector<Enrollment>& enrollments,
            const std::vector<RosterAddition>& additions) {
  std::set<std::string> clients;
  for (const auto& e : enrollments) {
    if (e.track_id == o.track_id && ActiveOn(e, o.date)) clients.insert(e.client_id);
  }
  for (const auto& a : additions) {
    if (a.series_id == o.series_id && a.original_date == o.original_date) clients.insert(a.client_id);
  }
  return static_cast<int>(clients.size());
}

}  // namespace

Result<std::string> TimeZoneIn(db::Transaction& tx, const std::string& org_id) {
  return CalendarStore::OrganizationZone(tx, org_id);
}

Result<std::vector<std::string>> GroupClientsIn(db::Transaction& tx, const std::string& org_id,
                                                const std::string& staff_id, TimePoint now) {
  if (staff_id.empty()) return std::vector<std::string>{};
  SW_ASSIGN(std::string zone, TimeZoneIn(tx, org_id));
  SW_ASSIGN(auto local, tz::ToLocal(zone, now));
  const auto today = std::chrono::sys_days(local.day);
  return CalendarStore::ClientsOfFacilitator(tx, org_id, staff_id, Date{today - std::chrono::days(kGroupReachDays)},
                                             Date{today + std::chrono::days(kGroupReachDays)});
}

Result<std::vector<Occurrence>> OccurrencesIn(db::Transaction& tx, const std::string& org_id, Date from, Date to) {
  if (to < from) return Error::Field("to", "must not be before from");
  if (DaysBetween(from, to) > 400) return Error::Field("to", "the range may span at most 400 days");
  SW_ASSIGN(std::string zone, TimeZoneIn(tx, org_id));
  SW_ASSIGN(auto series, CalendarStore::ListSeries(tx, org_id, "", ""));
  SW_ASSIGN(auto changes, CalendarStore::ListChanges(tx, org_id, from, to));
  SW_ASSIGN(auto closures, CalendarStore::ListClosures(tx, org_id, from, to));
  SW_ASSIGN(auto names, LoadNames(tx, org_id));
  SW_ASSIGN(auto enrollments, CalendarStore::EnrollmentsDuring(tx, org_id, from, to));
  // Additions are keyed by original date, which a moved occurrence may have outside the range.
  SW_ASSIGN(auto additions, CalendarStore::AdditionsDuring(tx, org_id, AddDays(from, -62), AddDays(to, 62)));
  std::vector<Occurrence> out;
  for (const auto& s : series) {
    SW_ASSIGN(auto occurrences, Expand(s, changes, closures, zone, from, to));
    for (auto& o : occurrences) {
      Name(o, names);
      o.enrolled_count = CountOn(o, enrollments, additions);
      out.push_back(std::move(o));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Occurrence& a, const Occurrence& b) { return a.start_at < b.start_at; });
  return out;
}

Result<std::optional<Occurrence>> OccurrenceIn(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  std::string series_id;
  Date original{};
  if (!ParseOccurrenceId(id, &series_id, &original)) return std::optional<Occurrence>();
  SW_ASSIGN(auto series, CalendarStore::GetSeries(tx, org_id, series_id));
  if (!series || series->meta.voided || !OccursOn(series->rule, original)) return std::optional<Occurrence>();
  SW_ASSIGN(auto changes, CalendarStore::ChangesOfSeries(tx, org_id, series_id));
  Date day = original;
  for (const auto& c : changes) {
    if (c.original_date == original && c.date) day = *c.date;
  }
  SW_ASSIGN(std::string zone, TimeZoneIn(tx, org_id));
  SW_ASSIGN(auto closures, CalendarStore::ListClosures(tx, org_id, day, day));
  SW_ASSIGN(auto occurrences, Expand(*series, changes, closures, zone, day, day));
  for (auto& o : occurrences) {
    if (o.id != id) continue;
    SW_ASSIGN(auto names, LoadNames(tx, org_id));
    Name(o, names);
    SW_ASSIGN(auto roster, RosterIn(tx, org_id, o));
    o.enrolled_count = static_cast<int>(roster.size());
    return std::optional<Occurrence>(std::move(o));
  }
  return std::optional<Occurrence>();
}

Result<std::vector<RosterEntry>> RosterIn(db::Transaction& tx, const std::string& org_id, const Occurrence& o) {
  SW_ASSIGN(auto enrollments, CalendarStore::EnrollmentsOfTrack(tx, org_id, o.track_id));
  SW_ASSIGN(auto additions, CalendarStore::AdditionsOf(tx, org_id, o.series_id, o.original_date));
  std::vector<RosterEntry> out;
  std::set<std::string> seen;
  for (const auto& e : enrollments) {
    if (ActiveOn(e, o.date) && seen.insert(e.client_id).second) out.push_back({e.client_id, "", "enrolled"});
  }
  for (const auto& a : additions) {
    if (seen.insert(a.client_id).second) out.push_back({a.client_id, "", a.kind});
  }
  std::vector<std::string> ids;
  for (const auto& r : out) ids.push_back(r.client_id);
  SW_ASSIGN(auto names, CalendarStore::ClientNames(tx, org_id, ids));
  for (auto& r : out) r.client_name = names[r.client_id];
  std::stable_sort(out.begin(), out.end(), [](const RosterEntry& a, const RosterEntry& b) {
    return a.client_name != b.client_name ? a.client_name < b.client_name : a.client_id < b.client_id;
  });
  return out;
}

Result<RosterPeak> RosterPeakIn(db::Transaction& tx, const std::string& org_id, const GroupSeries& s, Date from) {
  RosterPeak peak;
  SW_ASSIGN(auto enrollments, CalendarStore::EnrollmentsOfTrack(tx, org_id, s.track_id));
  peak.enrolled = PeakActiveBetween(enrollments, from, s.rule.ends_on);
  if (s.meta.id.empty()) return peak;  // a new series has no drop-ins or make-ups yet
  SW_ASSIGN(auto changes, CalendarStore::ChangesOfSeries(tx, org_id, s.meta.id));
  // Additions are keyed by original date, which a moved occurrence may have before `from` (as OccurrencesIn).
  const Date last = s.rule.ends_on.value_or(Date{std::chrono::year(9999) / 12 / 31});
  SW_ASSIGN(auto additions, CalendarStore::AdditionsDuring(tx, org_id, AddDays(from, -62), last));
  std::set<Date> originals;
  for (const auto& a : additions) {
    if (a.series_id == s.meta.id) originals.insert(a.original_date);
  }
  for (Date original : originals) {
    if (!OccursOn(s.rule, original)) continue;
    Occurrence o;
    o.series_id = s.meta.id;
    o.track_id = s.track_id;
    o.original_date = original;
    o.date = original;
    bool cancelled = false;
    for (const auto& c : changes) {
      if (c.original_date != original) continue;
      if (c.date) o.date = *c.date;
      cancelled = c.cancelled;
    }
    if (cancelled || o.date < from) continue;
    SW_ASSIGN(auto roster, RosterIn(tx, org_id, o));
    if (static_cast<int>(roster.size()) > peak.roster) {
      peak.roster = static_cast<int>(roster.size());
      peak.roster_date = o.date;
    }
  }
  return peak;
}

Status CheckMoveFitsIn(db::Transaction& tx, const std::string& org_id, const Occurrence& occurrence, Date date,
                       const std::string& room_id, FieldErrors& errors) {
  if (date == occurrence.date) return Ok();
  Occurrence moved = occurrence;
  moved.date = date;
  SW_ASSIGN(auto now, RosterIn(tx, org_id, occurrence));
  SW_ASSIGN(auto then, RosterIn(tx, org_id, moved));
  std::optional<Room> room;
  if (!room_id.empty()) {
    SW_ASSIGN(room, CalendarStore::GetRoom(tx, org_id, room_id));
    if (room && room->meta.voided) room.reset();
  }
  CheckMovedRosterFits(now, then, date, occurrence.size_limit, room, errors);
  return Ok();
}

Status CheckRoomCapacityIn(db::Transaction& tx, const std::string& org_id, const std::string& room_id, int capacity,
                           Date today, FieldErrors& errors) {
  const Date last{std::chrono::year(9999) / 12 / 31};
  SW_ASSIGN(auto series, CalendarStore::ListSeries(tx, org_id, "", ""));
  SW_ASSIGN(auto changes, CalendarStore::ListChanges(tx, org_id, today, last));
  SW_ASSIGN(auto closures, CalendarStore::ListClosures(tx, org_id, today, last));
  SW_ASSIGN(auto names, LoadNames(tx, org_id));
  CheckRoomCapacityHolds(room_id, capacity, today, series, changes, closures, names.tracks, errors);
  return Ok();
}

Result<std::vector<Enrollment>> EnrollmentsOfClientIn(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& client_id) {
  return CalendarStore::EnrollmentsOfClient(tx, org_id, client_id);
}

Result<OpeningHours> OpeningHoursIn(db::Transaction& tx, const std::string& org_id, const std::string& program_id) {
  SW_ASSIGN(auto stored, CalendarStore::GetHours(tx, org_id, program_id));
  if (stored) return *stored;
  OpeningHours h;
  h.program_id = program_id;
  return h;
}

}  // namespace stepwise::scheduling
