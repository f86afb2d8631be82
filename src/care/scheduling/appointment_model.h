// Appointments (individual and family sessions, drug-test collection slots) and availability (clients'
// weekly windows and absences, staff working hours, time off and limits) as values, with their pure
// checks (ADR 0012). No I/O: the service loads what the rules need; conflicts.h judges a placement.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/scheduling/calendar_model.h"
#include "platform/base/clock.h"
#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::scheduling {

// Code sets. Stored as text; never rename.
const std::vector<std::string_view>& AppointmentKinds();     // individual, family, drug_test_slot
const std::vector<std::string_view>& AvailabilityKinds();    // available, work, school, childcare, other

struct Appointment {
  RecordMeta meta;
  std::string program_id;
  std::string kind;       // individual | family | drug_test_slot
  std::string client_id;  // "" for a drug-test slot
  std::string client_name;  // read only
  std::string staff_id;
  std::string staff_name;   // read only
  std::string room_id;      // "" for telehealth
  std::string room_name;    // read only
  std::string modality = "in_person";
  std::string meeting_link;
  TimePoint start_at{}, end_at{};
  Date date{};  // local
  int start_minute = 0, end_minute = 0;  // local wall clock
  std::string status = "scheduled";     // scheduled | cancelled
  std::string cancel_reason;
  bool pinned = false;
  std::string source = "manual";  // manual | optimizer
  std::string proposal_id;
  std::string plan_intervention_id;
  std::vector<std::string> family_members;
};

// Shape checks that need no other record: kind, client for individual/family (none for a drug-test slot),
// staff, times (end after start, same local day, whole minutes), telehealth needs an https:// link, in
// person needs a room. Field names are the JSON keys.
void CheckAppointmentShape(const Appointment& a, FieldErrors& errors);

// True when `link` is an https:// URL with a host.
bool IsMeetingLink(std::string_view link);

// ---- Availability ----------------------------------------------------------------------------------

struct WeeklyWindow {
  std::string day;  // mon..sun
  int start = 0, end = 0;  // minutes after local midnight
  std::string kind = "available";  // clients: available | work | school | childcare | other; staff: "working"
  std::string note;
};

struct DateRange {
  Date from{}, to{};  // inclusive
  std::string reason;
  bool Contains(Date d) const;
};

struct ClientAvailability {
  std::string client_id;
  std::int64_t version = 0;  // 0 = never saved
  std::vector<WeeklyWindow> weekly;
  std::vector<DateRange> absences;
  std::string updated_at;
};

struct StaffAvailability {
  std::string staff_id;
  std::int64_t version = 0;
  std::vector<WeeklyWindow> working;
  std::vector<DateRange> time_off;
  std::optional<int> caseload_limit;
  std::optional<int> max_sessions_per_week;
  std::string updated_at;
};

// Field errors: known day and kind, start before end within the day, no two windows overlapping on one
// day ("weekly[2].start" names the later entry and the one it overlaps), absences from ≤ to.
void CheckClientAvailability(const ClientAvailability& a, FieldErrors& errors);
// The same for working hours ("working[1].start") and time off ("time_off[0].to_date"); limits ≥ 0.
void CheckStaffAvailability(const StaffAvailability& a, FieldErrors& errors);

// Weekday code (mon..sun) of a date (WeekdayIndex, the reverse, is in recurrence.h).
std::string WeekdayCode(Date d);
// The Monday of the week holding `d`.
Date MondayOf(Date d);
Date PlusDays(Date d, int days);

}  // namespace stepwise::scheduling
