#include "care/scheduling/calendar_model.h"

#include <algorithm>

namespace stepwise::scheduling {

const std::vector<CodeLabel>& GroupTypes() {
  static const std::vector<CodeLabel> k = {{"process", "Process group"},
                                           {"relapse_prevention", "Relapse prevention"},
                                           {"psychoeducation", "Psychoeducation"},
                                           {"family_education", "Family education"},
                                           {"mindfulness", "Mindfulness"},
                                           {"yoga", "Yoga"},
                                           {"art_therapy", "Art therapy"},
                                           {"exercise", "Exercise"},
                                           {"other", "Other"}};
  return k;
}

const std::vector<CodeLabel>& Modalities() {
  static const std::vector<CodeLabel> k = {{"in_person", "In person"}, {"telehealth", "Telehealth"}};
  return k;
}

const std::vector<CodeLabel>& ChangeActions() {
  static const std::vector<CodeLabel> k = {
      {"cancel", "Cancel"}, {"move", "Move"}, {"substitute", "Substitute facilitator"}, {"room", "Change room"}};
  return k;
}

const std::vector<CodeLabel>& RosterKinds() {
  static const std::vector<CodeLabel> k = {{"drop_in", "Drop-in"}, {"make_up", "Make-up"}};
  return k;
}

void CheckOpeningHours(const OpeningHours& hours, int start_minute, int end_minute, FieldErrors& errors,
                       const std::string& start_field, const std::string& end_field) {
  const std::string span = FormatClockTime(hours.open_minute) + "–" + FormatClockTime(hours.close_minute);
  if (start_minute < hours.open_minute) errors.Add(start_field, "is before the program opens (open " + span + ")");
  if (end_minute > hours.close_minute) errors.Add(end_field, "is after the program closes (open " + span + ")");
}

void CheckOpeningHoursShape(const OpeningHours& hours, FieldErrors& errors) {
  if (hours.open_minute < 0 || hours.open_minute >= 1440) errors.Add("open", "must be a time as HH:MM");
  if (hours.close_minute <= hours.open_minute || hours.close_minute > 1440) errors.Add("close", "must be after open");
}

namespace {

bool Contains(const std::vector<std::string_view>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

}  // namespace

void NormalizeAndCheck(GroupSeries& s, FieldErrors& errors) {
  NormalizeAndCheck(s.rule, errors);
  if (s.title.empty()) errors.Add("title", "is required");
  if (!Contains(program::Codes(GroupTypes()), s.group_type)) {
    errors.Add("group_type", "must be one of the group types in /api/v1/meta");
  }
  if (s.modality == "telehealth") {
    if (!s.meeting_link.starts_with("https://") || s.meeting_link.size() <= 8 ||
        s.meeting_link.find(' ') != std::string::npos) {
      errors.Add("meeting_link", "telehealth groups need a meeting link starting with https://");
    }
  } else if (s.modality == "in_person") {
    if (s.room_id.empty()) errors.Add("room_id", "in-person groups need a room");
    s.meeting_link.clear();
  } else {
    errors.Add("modality", "must be in_person or telehealth");
  }
  if (s.size_limit < 1 || s.size_limit > 100) errors.Add("size_limit", "must be from 1 to 100");
  if (s.facilitator_staff_ids.empty()) errors.Add("facilitator_staff_ids", "needs at least one facilitator");
  std::sort(s.required_credentials.begin(), s.required_credentials.end());
  s.required_credentials.erase(std::unique(s.required_credentials.begin(), s.required_credentials.end()),
                               s.required_credentials.end());
  for (std::size_t i = 0; i < s.required_credentials.size(); ++i) {
    if (!Contains(program::Codes(program::CredentialTypes()), s.required_credentials[i])) {
      errors.Add("required_credentials[" + std::to_string(i) + "]", "is not a credential type");
    }
  }
}

std::string OccurrenceId(const std::string& series_id, Date original_date) {
  return series_id + ":" + FormatDate(original_date);
}

bool ParseOccurrenceId(std::string_view id, std::string* series_id, Date* original_date) {
  const auto colon = id.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  auto date = ParseDate(id.substr(colon + 1));
  if (!date) return false;
  *series_id = std::string(id.substr(0, colon));
  *original_date = *date;
  return true;
}

Result<std::vector<Occurrence>> Expand(const GroupSeries& s, const std::vector<OccurrenceChange>& changes,
                                       const std::vector<Closure>& closures, std::string_view zone, Date from,
                                       Date to) {
  std::map<Date, const OccurrenceChange*> by_original;
  for (const auto& c : changes) {
    if (c.series_id == s.meta.id) by_original[c.original_date] = &c;
  }
  std::vector<Date> originals = OccurrenceDates(s.rule, from, to);
  // Occurrences moved into the range from outside it.
  for (const auto& [original, c] : by_original) {
    if (c->date && *c->date >= from && *c->date <= to && (original < from || original > to) &&
        OccursOn(s.rule, original)) {
      originals.push_back(original);
    }
  }
  std::vector<Occurrence> out;
  for (Date original : originals) {
    const auto it = by_original.find(original);
    const OccurrenceChange* c = it == by_original.end() ? nullptr : it->second;
    Occurrence o;
    o.id = OccurrenceId(s.meta.id, original);
    o.series_id = s.meta.id;
    o.program_id = s.program_id;
    o.track_id = s.track_id;
    o.title = s.title;
    o.group_type = s.group_type;
    o.topic = s.topic;
    o.curriculum_module = s.curriculum_module;
    o.original_date = original;
    o.date = c && c->date ? *c->date : original;
    o.start_minute = c && c->start_minute ? *c->start_minute : s.rule.start_minute;
    o.end_minute = c && c->end_minute ? *c->end_minute : s.rule.end_minute;
    o.moved = o.date != original || o.start_minute != s.rule.start_minute || o.end_minute != s.rule.end_minute;
    if (o.date < from || o.date > to) continue;  // moved out of the range
    o.room_id = c && c->room_id ? *c->room_id : s.room_id;
    o.modality = s.modality;
    o.meeting_link = s.meeting_link;
    o.facilitator_staff_ids = c && c->facilitator_staff_ids ? *c->facilitator_staff_ids : s.facilitator_staff_ids;
    o.size_limit = s.size_limit;
    o.status = "scheduled";
    if (c && c->cancelled) {
      o.status = "cancelled";
      o.cancel_reason = c->cancel_reason;
    } else {
      for (const auto& closure : closures) {
        if (closure.date == o.date && !closure.meta.voided &&
            (closure.program_id.empty() || closure.program_id == s.program_id)) {
          o.status = "cancelled";
          o.cancel_reason = "Closed: " + closure.name;
          break;
        }
      }
    }
    SW_ASSIGN(auto at, InstantsOf(zone, o.date, o.start_minute, o.end_minute));
    o.start_at = at.start;
    o.end_at = at.end;
    out.push_back(std::move(o));
  }
  std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) { return a.start_at < b.start_at; });
  return out;
}

void CheckCredentials(const std::vector<std::string>& required, const std::vector<program::Staff>& facilitators,
                      Date on, FieldErrors& errors, const std::string& field) {
  for (const auto& type : required) {
    bool held = false;
    for (const auto& f : facilitators) {
      for (const auto& c : f.credentials) {
        held = held || (c.type == type && (!c.expires_on || *c.expires_on >= on));
      }
    }
    if (!held) {
      errors.Add(field, "no facilitator holds an unexpired " + type + " credential on " + FormatDate(on) +
                            " (the group requires it)");
    }
  }
}

namespace {

std::string Describe(const Occurrence& o) {
  std::string what = o.title.empty() ? std::string(program::LabelOf(GroupTypes(), o.group_type)) : o.title;
  if (!o.track_name.empty()) what += " (" + o.track_name + ")";
  return what + " on " + FormatDate(o.date) + " " + FormatClockTime(o.start_minute) + "–" +
         FormatClockTime(o.end_minute);
}

std::string NameOr(const std::map<std::string, std::string>& names, const std::string& id, const char* fallback) {
  auto it = names.find(id);
  return it == names.end() || it->second.empty() ? fallback : it->second;
}

}  // namespace

void CheckDoubleBooking(const std::vector<Occurrence>& candidates, const std::vector<Occurrence>& others,
                        const BookingNames& names, FieldErrors& errors, const std::string& room_field,
                        const std::string& staff_field) {
  bool room_reported = false, staff_reported = false;
  for (const auto& c : candidates) {
    if (c.status != "scheduled") continue;
    for (const auto& o : others) {
      if (o.status != "scheduled" || o.id == c.id) continue;
      if (!(o.start_at < c.end_at && c.start_at < o.end_at)) continue;
      if (!room_reported && !c.room_id.empty() && c.room_id == o.room_id) {
        errors.Add(room_field, NameOr(names.rooms, c.room_id, "The room") + " is booked for " + Describe(o));
        room_reported = true;
      }
      if (!staff_reported) {
        for (const auto& id : c.facilitator_staff_ids) {
          if (std::find(o.facilitator_staff_ids.begin(), o.facilitator_staff_ids.end(), id) ==
              o.facilitator_staff_ids.end())
            continue;
          errors.Add(staff_field, NameOr(names.staff, id, "A facilitator") + " facilitates " + Describe(o));
          staff_reported = true;
          break;
        }
      }
      if (room_reported && staff_reported) return;
    }
  }
}

bool ActiveOn(const Enrollment& e, Date day) {
  if (e.meta.voided || day < e.starts_on) return false;
  return !e.ended_on || day < *e.ended_on;
}

bool Overlaps(const Enrollment& a, const Enrollment& b) {
  if (a.meta.voided || b.meta.voided) return false;
  const bool a_before_b_ends = !b.ended_on || a.starts_on < *b.ended_on;
  const bool b_before_a_ends = !a.ended_on || b.starts_on < *a.ended_on;
  return a_before_b_ends && b_before_a_ends;
}

int PeakActiveDuring(const std::vector<Enrollment>& enrollments, const Enrollment& e) {
  // The count only rises on a start date, so checking e's start and every later start within e suffices.
  std::vector<Date> points = {e.starts_on};
  for (const auto& other : enrollments) {
    if (ActiveOn(e, other.starts_on)) points.push_back(other.starts_on);
  }
  int peak = 0;
  for (Date d : points) {
    int n = 0;
    for (const auto& other : enrollments) n += ActiveOn(other, d) ? 1 : 0;
    peak = std::max(peak, n);
  }
  return peak;
}

int PeakActiveBetween(const std::vector<Enrollment>& enrollments, Date from, std::optional<Date> until) {
  if (until && *until < from) return 0;
  Enrollment days;  // the days as one more enrollment, left out of the count
  days.starts_on = from;
  if (until) days.ended_on = AddDays(*until, 1);
  return PeakActiveDuring(enrollments, days);
}

void CheckSizeLimitHolds(int size_limit, const RosterPeak& peak, FieldErrors& errors) {
  // size_limit >= 1 (NormalizeAndCheck), so a count above it is at least 2: "clients are".
  if (peak.enrolled > size_limit && peak.enrolled >= peak.roster) {
    errors.Add("size_limit", std::to_string(peak.enrolled) + " clients are enrolled; the limit cannot be below that");
  } else if (peak.roster > size_limit) {
    errors.Add("size_limit", std::to_string(peak.roster) + " clients are on the roster of " +
                                 FormatDate(peak.roster_date) +
                                 " (with drop-ins and make-ups); the limit cannot be below that");
  }
}

void CheckMovedRoomsHold(const GroupSeries& s, const std::vector<OccurrenceChange>& own,
                         const std::map<std::string, Room>& rooms, Date today, FieldErrors& errors) {
  const OccurrenceChange* first = nullptr;
  const Room* room = nullptr;
  for (const auto& c : own) {
    if (c.cancelled || !c.room_id || c.room_id->empty() || !OccursOn(s.rule, c.original_date)) continue;
    const Date day = c.date.value_or(c.original_date);
    const auto it = rooms.find(*c.room_id);
    if (day < today || it == rooms.end() || it->second.capacity >= s.size_limit) continue;
    if (!first || day < first->date.value_or(first->original_date)) {
      first = &c;
      room = &it->second;
    }
  }
  if (!first) return;
  errors.Add("size_limit", "the meeting of " + FormatDate(first->date.value_or(first->original_date)) +
                               " was moved to " + room->name + ", which holds " + std::to_string(room->capacity));
}

void CheckTrackCapacityHolds(int capacity, int enrolled, FieldErrors& errors) {
  if (enrolled <= capacity) return;
  errors.Add("capacity", std::to_string(enrolled) + (enrolled == 1 ? " client is" : " clients are") +
                             " enrolled; the capacity cannot be below that");
}

void CheckMovedRosterFits(const std::vector<RosterEntry>& current, const std::vector<RosterEntry>& moved, Date date,
                          int size_limit, const std::optional<Room>& room, FieldErrors& errors,
                          const std::string& field) {
  const bool room_smaller = room && room->capacity < size_limit;
  const int limit = room_smaller ? room->capacity : size_limit;
  const int count = static_cast<int>(moved.size());
  if (count <= limit) return;
  const bool newcomer = std::any_of(moved.begin(), moved.end(), [&](const RosterEntry& m) {
    return std::none_of(current.begin(), current.end(),
                        [&](const RosterEntry& c) { return c.client_id == m.client_id; });
  });
  if (!newcomer) return;  // the same clients (or fewer) as where it meets now
  const int added = static_cast<int>(
      std::count_if(moved.begin(), moved.end(), [](const RosterEntry& m) { return m.kind != "enrolled"; }));
  std::string message;
  if (added == 0) {
    message = std::to_string(count) + " clients are enrolled on " + FormatDate(date);
  } else {
    message = std::to_string(count) + " clients would be on the roster of " + FormatDate(date) + " (" +
              std::to_string(count - added) + " enrolled then, " + std::to_string(added) +
              (added == 1 ? " drop-in or make-up)" : " drop-ins and make-ups)");
  }
  if (room_smaller) {
    message += "; " + room->name + " holds " + std::to_string(room->capacity);
  } else {
    message += "; the group's size limit is " + std::to_string(size_limit);
  }
  errors.Add(field, message);
}

void CheckRosterHasPlace(int roster, int size_limit, const std::optional<Room>& room, FieldErrors& errors,
                         const std::string& field) {
  if (roster >= size_limit) {
    errors.Add(field, "the group is full (" + std::to_string(roster) + " of " + std::to_string(size_limit) + ")");
  } else if (room && roster >= room->capacity) {
    errors.Add(field, "the group is full: " + room->name + " holds " + std::to_string(room->capacity) + " (" +
                          std::to_string(roster) + " on the roster)");
  }
}

void CheckRoomCapacityHolds(const std::string& room_id, int capacity, Date today,
                            const std::vector<GroupSeries>& series, const std::vector<OccurrenceChange>& changes,
                            const std::vector<Closure>& closures, const std::map<std::string, std::string>& track_names,
                            FieldErrors& errors) {
  auto name = [&](const GroupSeries& s) {
    std::string what = s.title.empty() ? std::string(program::LabelOf(GroupTypes(), s.group_type)) : s.title;
    if (auto it = track_names.find(s.track_id); it != track_names.end() && !it->second.empty()) {
      what += " (" + it->second + ")";
    }
    return what;
  };
  auto refuse = [&](const GroupSeries& s, const std::string& when) {
    errors.Add("capacity", name(s) + " meets here" + when + " with a size limit of " + std::to_string(s.size_limit) +
                               "; the room would hold " + std::to_string(capacity));
  };
  for (const auto& s : series) {
    if (s.meta.voided || s.room_id != room_id || s.size_limit <= capacity) continue;
    if (s.rule.ends_on && *s.rule.ends_on < today) continue;  // ended
    refuse(s, "");
    return;
  }
  std::vector<std::pair<Date, const GroupSeries*>> moved_in;
  for (const auto& c : changes) {
    if (c.cancelled || !c.room_id || *c.room_id != room_id) continue;
    const Date day = c.date.value_or(c.original_date);
    if (day < today) continue;
    const auto s = std::find_if(series.begin(), series.end(),
                                [&](const GroupSeries& g) { return g.meta.id == c.series_id && !g.meta.voided; });
    if (s == series.end() || s->size_limit <= capacity || !OccursOn(s->rule, c.original_date)) continue;
    const bool closed = std::any_of(closures.begin(), closures.end(), [&](const Closure& closure) {
      return closure.date == day && !closure.meta.voided &&
             (closure.program_id.empty() || closure.program_id == s->program_id);
    });
    if (!closed) moved_in.emplace_back(day, &*s);
  }
  if (moved_in.empty()) return;
  const auto first = std::min_element(moved_in.begin(), moved_in.end(),
                                      [](const auto& a, const auto& b) { return a.first < b.first; });
  refuse(*first->second, " on " + FormatDate(first->first));
}

void CheckEnrollmentDates(const Enrollment& e, FieldErrors& errors) {
  if (e.planned_end_on && *e.planned_end_on <= e.starts_on) errors.Add("planned_end_on", "must be after starts_on");
  if (e.ended_on && *e.ended_on < e.starts_on) errors.Add("ended_on", "must not be before starts_on");
}

}  // namespace stepwise::scheduling
