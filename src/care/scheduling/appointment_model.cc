#include "care/scheduling/appointment_model.h"

#include <algorithm>
#include <array>

namespace stepwise::scheduling {

namespace {

constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

bool Has(const std::vector<std::string_view>& set, std::string_view code) {
  return std::find(set.begin(), set.end(), code) != set.end();
}

std::string At(const std::string& list, std::size_t i, std::string_view key) {
  return list + "[" + std::to_string(i) + "]." + std::string(key);
}

// Day, bounds and overlaps of weekly windows under `list` ("weekly", "working").
void CheckWindows(const std::vector<WeeklyWindow>& windows, const std::string& list, bool check_kind,
                  FieldErrors& errors) {
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const auto& w = windows[i];
    if (WeekdayIndex(w.day) < 0) errors.Add(At(list, i, "day"), "must be one of mon, tue, wed, thu, fri, sat, sun");
    if (check_kind && !Has(AvailabilityKinds(), w.kind)) {
      errors.Add(At(list, i, "kind"), "must be one of available, work, school, childcare, other");
    }
    if (w.start < 0 || w.start >= 24 * 60) errors.Add(At(list, i, "start"), "must be a time of day (HH:MM)");
    if (w.end <= w.start || w.end > 24 * 60) errors.Add(At(list, i, "end"), "must be after the start, within the day");
  }
  for (std::size_t i = 0; i < windows.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto& a = windows[j];
      const auto& b = windows[i];
      if (a.day != b.day || !(b.start < a.end && a.start < b.end)) continue;
      errors.Add(At(list, i, "start"), "overlaps " + list + "[" + std::to_string(j) + "] (" + a.day + " " +
                                           FormatClockTime(a.start) + "–" + FormatClockTime(a.end) + ")");
      break;
    }
  }
}

void CheckRanges(const std::vector<DateRange>& ranges, const std::string& list, FieldErrors& errors) {
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (!ranges[i].from.ok()) errors.Add(At(list, i, "from_date"), "must be a date (YYYY-MM-DD)");
    if (!ranges[i].to.ok()) errors.Add(At(list, i, "to_date"), "must be a date (YYYY-MM-DD)");
    else if (std::chrono::sys_days(ranges[i].to) < std::chrono::sys_days(ranges[i].from))
      errors.Add(At(list, i, "to_date"), "must not be before from_date");
  }
}

}  // namespace

const std::vector<std::string_view>& AppointmentKinds() {
  static const std::vector<std::string_view> k = {"individual", "family", "drug_test_slot"};
  return k;
}
const std::vector<std::string_view>& AvailabilityKinds() {
  static const std::vector<std::string_view> k = {"available", "work", "school", "childcare", "other"};
  return k;
}

bool IsMeetingLink(std::string_view link) {
  constexpr std::string_view kScheme = "https://";
  if (!link.starts_with(kScheme) || link.size() <= kScheme.size()) return false;
  if (link.find_first_of(" \t\r\n\"<>") != std::string_view::npos) return false;
  return link[kScheme.size()] != '/';
}

void CheckAppointmentShape(const Appointment& a, FieldErrors& errors) {
  if (!Has(AppointmentKinds(), a.kind)) errors.Add("kind", "must be one of individual, family, drug_test_slot");
  if (a.kind == "drug_test_slot" && !a.client_id.empty())
    errors.Add("client_id", "a drug-test collection slot is not booked for one client");
  if ((a.kind == "individual" || a.kind == "family") && a.client_id.empty()) errors.Add("client_id", "is required");
  if (a.kind != "family" && !a.family_members.empty())
    errors.Add("family_members", "only a family session names family members");
  if (a.staff_id.empty()) errors.Add("staff_id", "is required");
  if (a.modality != "in_person" && a.modality != "telehealth") errors.Add("modality", "must be in_person or telehealth");
  if (a.modality == "telehealth" && !IsMeetingLink(a.meeting_link))
    errors.Add("meeting_link", "a telehealth session needs an https:// meeting link");
  if (a.modality == "in_person" && a.room_id.empty()) errors.Add("room_id", "an in-person session needs a room");
  if (a.end_at <= a.start_at) errors.Add("end", "must be after the start");
  else if (a.end_at - a.start_at > std::chrono::hours(12)) errors.Add("end", "a session lasts at most 12 hours");
  if (a.end_minute <= a.start_minute && a.end_at > a.start_at)
    errors.Add("end", "must end on the day it starts (local time)");
  for (std::size_t i = 0; i < a.family_members.size(); ++i) {
    if (a.family_members[i].empty()) errors.Add("family_members[" + std::to_string(i) + "]", "must not be empty");
  }
}

bool DateRange::Contains(Date d) const {
  const auto day = std::chrono::sys_days(d);
  return day >= std::chrono::sys_days(from) && day <= std::chrono::sys_days(to);
}

void CheckClientAvailability(const ClientAvailability& a, FieldErrors& errors) {
  CheckWindows(a.weekly, "weekly", true, errors);
  CheckRanges(a.absences, "absences", errors);
}

void CheckStaffAvailability(const StaffAvailability& a, FieldErrors& errors) {
  CheckWindows(a.working, "working", false, errors);
  CheckRanges(a.time_off, "time_off", errors);
  if (a.caseload_limit && *a.caseload_limit < 0) errors.Add("caseload_limit", "must be 0 or more");
  if (a.max_sessions_per_week && *a.max_sessions_per_week < 0) errors.Add("max_sessions_per_week", "must be 0 or more");
}

std::string WeekdayCode(Date d) {
  const std::chrono::weekday wd{std::chrono::sys_days(d)};
  return std::string(kDays[(wd.c_encoding() + 6) % 7]);
}

Date MondayOf(Date d) {
  const auto days = std::chrono::sys_days(d);
  const std::chrono::weekday wd{days};
  const int back = static_cast<int>((wd.c_encoding() + 6) % 7);
  return Date{days - std::chrono::days(back)};
}

Date PlusDays(Date d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days(days)}; }

}  // namespace stepwise::scheduling
