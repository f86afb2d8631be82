#include "app/demo_appointments.h"

#include "care/scheduling/recurrence.h"

namespace stepwise::app {

using scheduling::AddDays;
using scheduling::Appointment;

namespace {

Result<std::string> RoomNamed(Services& svc, const Actor& actor, std::string_view name) {
  SW_ASSIGN(auto rooms, svc.calendar.ListRooms(actor));
  for (const auto& r : rooms) {
    if (r.name == name) return r.meta.id;
  }
  return Error::Internal("the demo calendar has no room " + std::string(name));
}

}  // namespace

Status SeedAppointments(Services& svc, const Actor& actor, Date today, const std::vector<admissions::Episode>& episodes,
                        const std::vector<program::Staff>& staff) {
  const std::vector<std::string> clinicians = {staff[2].meta.id, staff[3].meta.id, staff[5].meta.id};
  for (const auto& id : clinicians) {
    scheduling::StaffAvailability a;
    a.staff_id = id;
    for (const char* day : {"mon", "tue", "wed", "thu", "fri"}) a.working.push_back({day, 8 * 60, 17 * 60 + 30, "working", ""});
    a.caseload_limit = 20;
    a.max_sessions_per_week = 15;
    SW_TRY(svc.appointments.PutStaffAvailability(actor, a, 0));
  }
  SW_ASSIGN(auto counseling1, RoomNamed(svc, actor, "Counseling 1"));
  SW_ASSIGN(auto counseling2, RoomNamed(svc, actor, "Counseling 2"));
  SW_ASSIGN(auto family_room, RoomNamed(svc, actor, "Family Room"));
  SW_ASSIGN(auto tracks, svc.programs.ListTracks(actor, "", false));
  auto morning = [&](const std::string& track_id) {
    for (const auto& t : tracks) {
      if (t.meta.id == track_id) return t.start_minute < 12 * 60;
    }
    return true;
  };

  const Date monday = AddDays(today, -scheduling::WeekdayOf(today));
  int k = 0;
  bool family_done = false;
  for (const auto& e : episodes) {
    if (e.stage != "treatment" || e.track_id.empty() || k >= 8) continue;
    const bool am = morning(e.track_id);
    // Morning clients work afternoons on Mon/Wed/Fri; evening clients work days and have childcare on Tuesdays.
    scheduling::ClientAvailability av;
    av.client_id = e.client_id;
    if (am) {
      for (const char* day : {"mon", "wed", "fri"}) av.weekly.push_back({day, 13 * 60, 18 * 60, "work", "warehouse shift"});
    } else {
      for (const char* day : {"mon", "wed", "thu"}) av.weekly.push_back({day, 8 * 60, 16 * 60 + 30, "work", ""});
      av.weekly.push_back({"tue", 8 * 60, 12 * 60, "childcare", "no sitter"});
    }
    SW_TRY(svc.appointments.PutClientAvailability(actor, av, 0));
    // One individual session each: Tuesday afternoon (morning clients) or Friday morning (evening clients).
    const int slot = k / 2;
    Appointment a;
    a.kind = "individual";
    a.client_id = e.client_id;
    a.staff_id = clinicians[static_cast<std::size_t>(k) % clinicians.size()];
    a.room_id = k % 2 == 0 ? counseling1 : counseling2;
    a.date = AddDays(monday, am ? 1 : 4);
    a.start_minute = (am ? 13 * 60 : 10 * 60) + 60 * slot;
    a.end_minute = a.start_minute + 50;
    SW_TRY(svc.appointments.Create(actor, a));
    if (am && !family_done) {
      Appointment f;
      f.kind = "family";
      f.client_id = e.client_id;
      f.staff_id = staff[0].meta.id;  // Karen, LCSW
      f.room_id = family_room;
      f.family_members = {"Mother", "Partner"};
      f.date = AddDays(monday, 1);
      f.start_minute = 17 * 60;
      f.end_minute = 18 * 60;
      SW_TRY(svc.appointments.Create(actor, f));
      family_done = true;
    }
    ++k;
  }
  Appointment slot;
  slot.kind = "drug_test_slot";
  slot.staff_id = staff[6].meta.id;  // Julia, RN
  slot.room_id = counseling2;
  slot.date = AddDays(monday, 2);
  slot.start_minute = 12 * 60 + 15;
  slot.end_minute = 12 * 60 + 45;
  SW_TRY(svc.appointments.Create(actor, slot));
  return Ok();
}

}  // namespace stepwise::app
