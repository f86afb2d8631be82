// The conflict checker, rule by rule: each test builds one collision and expects exactly its code.
#include "care/scheduling/conflicts.h"

#include <gtest/gtest.h>

namespace stepwise::scheduling {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// Monday 2026-03-09; the checker only compares instants, so local = UTC here.
const Date kMonday = std::chrono::year(2026) / 3 / 9;
TimePoint At(int minute, int day = 0) {
  return std::chrono::sys_days(kMonday) + std::chrono::days(day) + minutes(minute);
}

Placement Individual(int start, int end) {
  Placement p;
  p.id = "new";
  p.kind = "individual";
  p.date = kMonday;
  p.start_minute = start;
  p.end_minute = end;
  p.start = At(start);
  p.end = At(end);
  p.client_ids = {"c1"};
  p.staff_ids = {"s1"};
  p.room_id = "r1";
  p.needs_licensed = true;
  return p;
}

CheckContext Context() {
  CheckContext ctx;
  ctx.clients.push_back({"c1", "Alex R.", {}});
  StaffFacts s;
  s.id = "s1";
  s.name = "Dana K.";
  s.licensed = true;
  s.credential_types = {"LCSW"};
  ctx.staff.push_back(s);
  ctx.room = RoomFacts{"r1", "Room 2", 4};
  return ctx;
}

BusyItem Group(int start, int end) {
  BusyItem b;
  b.type = "group";
  b.id = "series:2026-03-09";
  b.label = "Process group";
  b.start = At(start);
  b.end = At(end);
  b.start_minute = start;
  b.end_minute = end;
  return b;
}

std::vector<std::string> Codes(const std::vector<Conflict>& cs) {
  std::vector<std::string> out;
  for (const auto& c : cs) out.push_back(c.code);
  return out;
}

TEST(Conflicts, CleanPlacementHasNone) {
  EXPECT_TRUE(CheckPlacement(Individual(600, 660), Context()).empty());
}

TEST(Conflicts, ClientInAGroupIsBusy) {
  auto ctx = Context();
  auto g = Group(540, 720);
  g.client_ids = {"c1"};
  ctx.busy.push_back(g);
  auto cs = CheckPlacement(Individual(600, 660), ctx);
  ASSERT_EQ(Codes(cs), std::vector<std::string>{"client_busy"});
  EXPECT_EQ(cs[0].field, "start");
  EXPECT_EQ(cs[0].message, "Alex R. is booked 09:00\u201312:00 (Process group)");
}

TEST(Conflicts, BackToBackIsNotAnOverlap) {
  auto ctx = Context();
  auto g = Group(540, 600);
  g.client_ids = {"c1"};
  g.staff_ids = {"s1"};
  g.room_id = "r1";
  ctx.busy.push_back(g);
  EXPECT_TRUE(CheckPlacement(Individual(600, 660), ctx).empty());
}

TEST(Conflicts, StaffBusyWithAnotherAppointment) {
  auto ctx = Context();
  BusyItem b = Group(630, 690);
  b.type = "appointment";
  b.id = "other";
  b.label = "Individual session";
  b.staff_ids = {"s1"};
  ctx.busy.push_back(b);
  EXPECT_EQ(Codes(CheckPlacement(Individual(600, 660), ctx)), std::vector<std::string>{"staff_busy"});
}

TEST(Conflicts, MovingAnAppointmentIgnoresItself) {
  auto ctx = Context();
  BusyItem b = Group(600, 660);
  b.id = "new";
  b.client_ids = {"c1"};
  b.staff_ids = {"s1"};
  b.room_id = "r1";
  ctx.busy.push_back(b);
  EXPECT_TRUE(CheckPlacement(Individual(630, 690), ctx).empty());
}

TEST(Conflicts, RoomBusyNamesTheRoomAndTheGroup) {
  auto ctx = Context();
  auto g = Group(600, 660);
  g.room_id = "r1";
  ctx.busy.push_back(g);
  auto cs = CheckPlacement(Individual(600, 660), ctx);
  ASSERT_EQ(Codes(cs), std::vector<std::string>{"room_busy"});
  EXPECT_EQ(cs[0].message, "Room 2 is booked 10:00\u201311:00 (Process group)");
}

TEST(Conflicts, RoomCapacity) {
  auto p = Individual(600, 660);
  p.attendees = 5;
  auto cs = CheckPlacement(p, Context());
  ASSERT_EQ(Codes(cs), std::vector<std::string>{"room_capacity"});
  EXPECT_EQ(cs[0].field, "room_id");
}

TEST(Conflicts, GroupFull) {
  auto p = Individual(600, 660);
  p.kind = "group";
  p.needs_licensed = false;
  p.room_id.clear();
  p.client_ids.clear();
  p.enrolled = 13;
  p.size_limit = 12;
  EXPECT_EQ(Codes(CheckPlacement(p, Context())), std::vector<std::string>{"group_full"});
}

TEST(Conflicts, IndividualTherapyNeedsALicensedClinician) {
  auto ctx = Context();
  ctx.staff[0].licensed = false;
  auto cs = CheckPlacement(Individual(600, 660), ctx);
  ASSERT_EQ(Codes(cs), std::vector<std::string>{"not_licensed"});
  EXPECT_EQ(cs[0].field, "staff_id");
  auto slot = Individual(600, 660);
  slot.needs_licensed = false;  // a drug-test slot
  EXPECT_TRUE(CheckPlacement(slot, ctx).empty());
}

TEST(Conflicts, CredentialMissing) {
  auto p = Individual(600, 660);
  p.required_credentials = {"LADC", "LPC"};
  EXPECT_EQ(Codes(CheckPlacement(p, Context())), std::vector<std::string>{"credential_missing"});
  p.required_credentials = {"LCSW"};
  EXPECT_TRUE(CheckPlacement(p, Context()).empty());
}

TEST(Conflicts, OutsideOpeningHours) {
  auto ctx = Context();
  EXPECT_EQ(Codes(CheckPlacement(Individual(6 * 60, 7 * 60), ctx)), std::vector<std::string>{"outside_hours"});
  EXPECT_EQ(Codes(CheckPlacement(Individual(20 * 60 + 30, 21 * 60 + 30), ctx)),
            std::vector<std::string>{"outside_hours"});
  EXPECT_TRUE(CheckPlacement(Individual(7 * 60, 8 * 60), ctx).empty());
  ctx.hours.open_minute = 8 * 60;
  ctx.hours.close_minute = 18 * 60;
  EXPECT_EQ(Codes(CheckPlacement(Individual(7 * 60, 8 * 60), ctx)), std::vector<std::string>{"outside_hours"});
}

TEST(Conflicts, Closure) {
  auto ctx = Context();
  ctx.closures.push_back({kMonday, "Staff training"});
  auto cs = CheckPlacement(Individual(600, 660), ctx);
  ASSERT_EQ(Codes(cs), std::vector<std::string>{"closed"});
  EXPECT_EQ(cs[0].field, "date");
}

TEST(Conflicts, ClientWorkWindow) {
  auto ctx = Context();
  ctx.clients[0].availability.weekly = {{"mon", 8 * 60, 10 * 60 + 30, "work", ""}};
  EXPECT_EQ(Codes(CheckPlacement(Individual(600, 660), ctx)), std::vector<std::string>{"client_unavailable"});
  EXPECT_TRUE(CheckPlacement(Individual(630, 690), ctx).empty());
  ctx.clients[0].availability.weekly = {{"tue", 8 * 60, 12 * 60, "school", ""}};  // another day
  EXPECT_TRUE(CheckPlacement(Individual(600, 660), ctx).empty());
}

TEST(Conflicts, ClientAvailableWindowsMustHoldTheSession) {
  auto ctx = Context();
  ctx.clients[0].availability.weekly = {{"mon", 17 * 60, 20 * 60, "available", ""}};
  EXPECT_EQ(Codes(CheckPlacement(Individual(600, 660), ctx)), std::vector<std::string>{"client_unavailable"});
  EXPECT_TRUE(CheckPlacement(Individual(17 * 60, 18 * 60), ctx).empty());
}

TEST(Conflicts, ClientAbsence) {
  auto ctx = Context();
  ctx.clients[0].availability.absences = {{PlusDays(kMonday, -1), PlusDays(kMonday, 2), "court date"}};
  auto cs = CheckPlacement(Individual(600, 660), ctx);
  ASSERT_EQ(Codes(cs), std::vector<std::string>{"client_unavailable"});
  EXPECT_NE(cs[0].message.find("court date"), std::string::npos);
}

TEST(Conflicts, StaffWorkingHoursAndTimeOff) {
  auto ctx = Context();
  ctx.staff[0].availability.working = {{"mon", 12 * 60, 20 * 60, "working", ""}};
  EXPECT_EQ(Codes(CheckPlacement(Individual(600, 660), ctx)), std::vector<std::string>{"staff_unavailable"});
  EXPECT_TRUE(CheckPlacement(Individual(13 * 60, 14 * 60), ctx).empty());
  ctx.staff[0].availability.time_off = {{kMonday, kMonday, "vacation"}};
  EXPECT_EQ(Codes(CheckPlacement(Individual(13 * 60, 14 * 60), ctx)), std::vector<std::string>{"staff_unavailable"});
}

TEST(Conflicts, CaseloadLimitCountsNewClientsOnly) {
  auto ctx = Context();
  ctx.staff[0].availability.caseload_limit = 2;
  ctx.staff[0].caseload_client_ids = {"a", "b"};
  EXPECT_EQ(Codes(CheckPlacement(Individual(600, 660), ctx)), std::vector<std::string>{"caseload_full"});
  ctx.staff[0].caseload_client_ids = {"a", "c1"};
  EXPECT_TRUE(CheckPlacement(Individual(600, 660), ctx).empty());
}

TEST(Conflicts, SessionsPerWeekLimit) {
  auto ctx = Context();
  ctx.staff[0].availability.max_sessions_per_week = 3;
  ctx.staff[0].sessions_this_week = 3;
  EXPECT_EQ(Codes(CheckPlacement(Individual(600, 660), ctx)), std::vector<std::string>{"caseload_full"});
  ctx.staff[0].sessions_this_week = 2;
  EXPECT_TRUE(CheckPlacement(Individual(600, 660), ctx).empty());
}

TEST(Conflicts, EveryViolationIsNamedAtOnce) {
  auto ctx = Context();
  auto g = Group(600, 660);
  g.client_ids = {"c1"};
  g.staff_ids = {"s1"};
  g.room_id = "r1";
  ctx.busy.push_back(g);
  ctx.staff[0].licensed = false;
  auto cs = CheckPlacement(Individual(600, 660), ctx);
  EXPECT_EQ(Codes(cs), (std::vector<std::string>{"client_busy", "staff_busy", "not_licensed", "room_busy"}));
  auto error = ConflictError(cs, "item_ids[2].");
  ASSERT_EQ(error.fields.size(), 4u);
  EXPECT_EQ(error.fields[0].field, "item_ids[2].start");
}

TEST(Availability, OverlappingWindowsNameTheEntry) {
  ClientAvailability a;
  a.weekly = {{"mon", 540, 720, "work", ""}, {"tue", 540, 600, "school", ""}, {"mon", 700, 800, "childcare", ""}};
  FieldErrors errors;
  CheckClientAvailability(a, errors);
  ASSERT_EQ(errors.fields().size(), 1u);
  EXPECT_EQ(errors.fields()[0].field, "weekly[2].start");
  EXPECT_NE(errors.fields()[0].message.find("weekly[0]"), std::string::npos);
}

TEST(Availability, BadWindowsAndRanges) {
  ClientAvailability a;
  a.weekly = {{"funday", 600, 500, "nap", ""}};
  a.absences = {{kMonday, PlusDays(kMonday, -1), ""}};
  FieldErrors errors;
  CheckClientAvailability(a, errors);
  std::vector<std::string> fields;
  for (const auto& f : errors.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"weekly[0].day", "weekly[0].kind", "weekly[0].end", "absences[0].to_date"}));
  StaffAvailability s;
  s.working = {{"wed", 540, 1020, "working", ""}, {"wed", 1000, 1100, "working", ""}};
  s.caseload_limit = -1;
  FieldErrors staff_errors;
  CheckStaffAvailability(s, staff_errors);
  ASSERT_EQ(staff_errors.fields().size(), 2u);
  EXPECT_EQ(staff_errors.fields()[0].field, "working[1].start");
  EXPECT_EQ(staff_errors.fields()[1].field, "caseload_limit");
}

TEST(Appointments, ShapeChecks) {
  Appointment a;
  a.kind = "individual";
  a.staff_id = "s1";
  a.modality = "telehealth";
  a.meeting_link = "http://insecure.example";
  a.start_at = At(600);
  a.end_at = At(600);
  FieldErrors errors;
  CheckAppointmentShape(a, errors);
  std::vector<std::string> fields;
  for (const auto& f : errors.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"client_id", "meeting_link", "end"}));
  Appointment slot;
  slot.kind = "drug_test_slot";
  slot.staff_id = "s1";
  slot.room_id = "r1";
  slot.start_at = At(600);
  slot.end_at = At(615);
  slot.start_minute = 600;
  slot.end_minute = 615;
  FieldErrors none;
  CheckAppointmentShape(slot, none);
  EXPECT_TRUE(none.empty());
}

TEST(Dates, WeekdaysAndMondays) {
  EXPECT_EQ(WeekdayCode(kMonday), "mon");
  EXPECT_EQ(WeekdayCode(PlusDays(kMonday, 6)), "sun");
  EXPECT_EQ(MondayOf(PlusDays(kMonday, 6)), kMonday);
  EXPECT_EQ(MondayOf(kMonday), kMonday);
  EXPECT_EQ(WeekdayIndex("thu"), 3);
  EXPECT_EQ(WeekdayIndex("x"), -1);
}

}  // namespace
}  // namespace stepwise::scheduling
