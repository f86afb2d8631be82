#include "care/scheduling/calendar_json.h"

#include "platform/base/time_zone.h"

namespace stepwise::scheduling {

namespace json = boost::json;
using http::Need;

namespace {

json::array Strings(const std::vector<std::string>& v) {
  json::array out;
  for (const auto& s : v) out.emplace_back(s);
  return out;
}

std::string ClockOrEndOfDay(int minute) { return minute >= 1440 ? "24:00" : FormatClockTime(minute); }

}  // namespace

json::object RoomJson(const Room& r) {
  json::object j;
  http::PutMeta(j, r.meta);
  j["site_id"] = r.site_id;
  j["name"] = r.name;
  j["capacity"] = r.capacity;
  j["active"] = r.active;
  return j;
}

json::object ClosureJson(const Closure& c) {
  json::object j;
  http::PutMeta(j, c.meta);
  j["program_id"] = http::TextOrNull(c.program_id);
  j["date"] = FormatDate(c.date);
  j["name"] = c.name;
  return j;
}

json::object SeriesJson(const GroupSeries& s) {
  json::object j;
  http::PutMeta(j, s.meta);
  j["program_id"] = s.program_id;
  j["track_id"] = s.track_id;
  j["title"] = s.title;
  j["group_type"] = s.group_type;
  j["topic"] = s.topic;
  j["curriculum_module"] = s.curriculum_module;
  j["days"] = Strings(s.rule.days);
  j["start"] = FormatClockTime(s.rule.start_minute);
  j["end"] = ClockOrEndOfDay(s.rule.end_minute);
  j["interval_weeks"] = s.rule.interval_weeks;
  j["starts_on"] = FormatDate(s.rule.starts_on);
  j["ends_on"] = http::DateOrNull(s.rule.ends_on);
  j["room_id"] = http::TextOrNull(s.room_id);
  j["modality"] = s.modality;
  j["meeting_link"] = http::TextOrNull(s.meeting_link);
  j["facilitator_staff_ids"] = Strings(s.facilitator_staff_ids);
  j["required_credentials"] = Strings(s.required_credentials);
  j["size_limit"] = s.size_limit;
  return j;
}

json::object OpeningHoursJson(const OpeningHours& h) {
  return json::object{{"program_id", h.program_id},
                      {"open", FormatClockTime(h.open_minute)},
                      {"close", ClockOrEndOfDay(h.close_minute)},
                      {"version", h.version},
                      {"default", h.version == 0}};
}

json::object OccurrenceJson(const Occurrence& o) {
  json::object j;
  j["id"] = o.id;
  j["series_id"] = o.series_id;
  j["program_id"] = o.program_id;
  j["track_id"] = o.track_id;
  j["track_name"] = o.track_name;
  j["title"] = o.title;
  j["group_type"] = o.group_type;
  j["topic"] = o.topic;
  j["curriculum_module"] = o.curriculum_module;
  j["date"] = FormatDate(o.date);
  j["start_at"] = tz::FormatInstant(o.start_at);
  j["end_at"] = tz::FormatInstant(o.end_at);
  j["start"] = FormatClockTime(o.start_minute);
  j["end"] = ClockOrEndOfDay(o.end_minute);
  j["room_id"] = http::TextOrNull(o.room_id);
  j["room_name"] = http::TextOrNull(o.room_name);
  j["modality"] = o.modality;
  j["meeting_link"] = http::TextOrNull(o.meeting_link);
  j["facilitator_staff_ids"] = Strings(o.facilitator_staff_ids);
  j["facilitator_names"] = Strings(o.facilitator_names);
  j["size_limit"] = o.size_limit;
  j["status"] = o.status;
  j["cancel_reason"] = http::TextOrNull(o.cancel_reason);
  j["moved"] = o.moved;
  j["original_date"] = FormatDate(o.original_date);
  j["enrolled_count"] = o.enrolled_count;
  return j;
}

json::array RosterJson(const std::vector<RosterEntry>& roster) {
  json::array out;
  for (const auto& r : roster) {
    out.emplace_back(
        json::object{{"client_id", r.client_id}, {"client_name", http::TextOrNull(r.client_name)}, {"kind", r.kind}});
  }
  return out;
}

json::object EnrollmentJson(const Enrollment& e) {
  json::object j;
  http::PutMeta(j, e.meta);
  j["client_id"] = e.client_id;
  j["track_id"] = e.track_id;
  j["track_name"] = e.track_name;
  j["starts_on"] = FormatDate(e.starts_on);
  j["planned_end_on"] = http::DateOrNull(e.planned_end_on);
  j["ended_on"] = http::DateOrNull(e.ended_on);
  j["end_reason"] = http::TextOrNull(e.end_reason);
  j["part2"] = true;
  return j;
}

bool ReadClockTime(http::ObjectReader& r, std::string_view key, Need need, int& out) {
  auto s = r.String(key, need, 5);
  if (!s) return false;
  if (*s == "24:00") {
    out = 1440;
    return true;
  }
  if (auto m = ParseClockTime(*s)) {
    out = *m;
    return true;
  }
  r.errors().Add(r.PathOf(key), "must be a time as HH:MM (24-hour)");
  return false;
}

void ReadSeriesFields(http::ObjectReader& r, GroupSeries& s) {
  s.program_id = r.Id("program_id", Need::kOptional).value_or("");
  s.track_id = r.Id("track_id", Need::kRequired).value_or("");
  s.title = r.String("title", Need::kRequired, 120).value_or("");
  s.group_type = r.Code("group_type", Need::kRequired, program::Codes(GroupTypes())).value_or("");
  s.topic = r.String("topic", Need::kOptional, 200).value_or("");
  s.curriculum_module = r.String("curriculum_module", Need::kOptional, 200).value_or("");
  if (const auto* days = r.Value("days", Need::kRequired)) {
    if (!days->is_array()) {
      r.errors().Add(r.PathOf("days"), "must be a list of weekday codes");
    } else {
      for (const auto& d : days->as_array()) {
        s.rule.days.push_back(d.is_string() ? std::string(d.as_string()) : std::string("?"));
      }
    }
  }
  ReadClockTime(r, "start", Need::kRequired, s.rule.start_minute);
  ReadClockTime(r, "end", Need::kRequired, s.rule.end_minute);
  s.rule.interval_weeks = static_cast<int>(r.Int("interval_weeks", Need::kOptional, -1000, 1000).value_or(1));
  s.rule.starts_on = r.DateValue("starts_on", Need::kRequired).value_or(Date{});
  s.rule.ends_on = r.DateValue("ends_on", Need::kOptional);
  s.room_id = r.Id("room_id", Need::kOptional).value_or("");
  s.modality = r.Code("modality", Need::kOptional, program::Codes(Modalities())).value_or("in_person");
  s.meeting_link = r.String("meeting_link", Need::kOptional, 500).value_or("");
  if (const auto* ids = r.Value("facilitator_staff_ids", Need::kRequired)) {
    if (!ids->is_array()) {
      r.errors().Add(r.PathOf("facilitator_staff_ids"), "must be a list of staff ids");
    } else {
      for (const auto& id : ids->as_array()) {
        s.facilitator_staff_ids.push_back(id.is_string() ? std::string(id.as_string()) : "");
      }
    }
  }
  s.required_credentials = r.Codes("required_credentials", Need::kOptional, program::Codes(program::CredentialTypes()));
  s.size_limit = static_cast<int>(r.Int("size_limit", Need::kOptional, 1, 100).value_or(12));
}

}  // namespace stepwise::scheduling
