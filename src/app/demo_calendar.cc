#include "app/demo_calendar.h"

#include "care/scheduling/recurrence.h"

namespace stepwise::app {

using scheduling::AddDays;
using scheduling::GroupSeries;

namespace {

struct SeriesSpec {
  bool morning;
  const char* title;
  const char* group_type;
  const char* topic;
  const char* module;
  std::vector<std::string> days;
  const char* start;
  const char* end;
  int room;         // index into the rooms, -1 = telehealth
  int facilitator;  // index into demo.cc's staff
  std::vector<std::string> credentials;
  int size_limit = 12;
};

}  // namespace

Status SeedCalendar(Services& svc, const Actor& actor, Date today, const program::Program& iop,
                    const program::Track& morning, const program::Track& evening,
                    const std::vector<admissions::Episode>& episodes, const std::vector<program::Staff>& staff) {
  std::vector<std::string> rooms;
  for (auto [name, capacity] :
       {std::pair{"Group Room A", 14}, std::pair{"Group Room B", 12}, std::pair{"Family Room", 8},
        std::pair{"Counseling 1", 3}, std::pair{"Counseling 2", 3}}) {
    SW_ASSIGN(auto room, svc.calendar.CreateRoom(actor, {{}, iop.site_id, name, capacity, true}));
    rooms.push_back(room.meta.id);
  }
  const Date monday = AddDays(today, -scheduling::WeekdayOf(today));
  const Date next_monday = AddDays(monday, 7);
  SW_TRY(svc.calendar.CreateClosure(actor, {{}, "", AddDays(next_monday, 10), "Staff training day"}));

  const std::vector<SeriesSpec> specs = {
      {true,
       "Morning process group",
       "process",
       "Check-in and process",
       "",
       {"mon", "wed", "thu"},
       "09:00",
       "10:30",
       0,
       2,
       {"LADC"}},
      {true,
       "Relapse prevention",
       "relapse_prevention",
       "Coping with cravings",
       "RP module 3",
       {"mon"},
       "10:45",
       "12:00",
       0,
       3,
       {"LADC"}},
      {true,
       "Psychoeducation",
       "psychoeducation",
       "How substances change the brain",
       "",
       {"wed"},
       "10:45",
       "12:00",
       0,
       4,
       {}},
      {true, "Mindfulness", "mindfulness", "Urge surfing", "", {"thu"}, "10:45", "12:00", 1, 5, {}},
      {false,
       "Evening process group",
       "process",
       "Check-in and process",
       "",
       {"tue", "thu", "sat"},
       "18:00",
       "19:30",
       1,
       3,
       {"LADC"}},
      {false,
       "Family education",
       "family_education",
       "Boundaries and support",
       "",
       {"tue"},
       "19:45",
       "21:00",
       0,
       4,
       {}},
      {false, "Art therapy", "art_therapy", "Drawing the road ahead", "", {"thu"}, "19:45", "21:00", 0, 5, {}, 14},
      {false, "Yoga", "yoga", "Breath and balance", "", {"sat"}, "19:45", "21:00", -1, 4, {}},
  };
  std::vector<GroupSeries> created;
  for (const auto& spec : specs) {
    GroupSeries s;
    s.program_id = iop.meta.id;
    s.track_id = spec.morning ? morning.meta.id : evening.meta.id;
    s.title = spec.title;
    s.group_type = spec.group_type;
    s.topic = spec.topic;
    s.curriculum_module = spec.module;
    s.rule.days = spec.days;
    s.rule.start_minute = *ParseClockTime(spec.start);
    s.rule.end_minute = *ParseClockTime(spec.end);
    s.rule.starts_on = AddDays(monday, -42);
    if (spec.room >= 0) {
      s.room_id = rooms[static_cast<std::size_t>(spec.room)];
    } else {
      s.modality = "telehealth";
      s.meeting_link = "https://meet.example.org/northstar-yoga";
    }
    s.facilitator_staff_ids = {staff[static_cast<std::size_t>(spec.facilitator)].meta.id};
    s.required_credentials = spec.credentials;
    s.size_limit = spec.size_limit;
    SW_ASSIGN(auto saved, svc.calendar.CreateSeries(actor, s));
    created.push_back(std::move(saved));
  }

  // Admitted clients are enrolled in their episode's track from admission (discharged ones until discharge).
  std::string make_up_client;
  for (const auto& e : episodes) {
    if (e.track_id.empty() || !e.admission_date) continue;
    scheduling::Enrollment enrollment;
    enrollment.client_id = e.client_id;
    enrollment.track_id = e.track_id;
    enrollment.starts_on = *e.admission_date;
    enrollment.planned_end_on = AddDays(*e.admission_date, 56);
    auto enrolled = svc.calendar.Enroll(actor, enrollment);
    if (!enrolled.ok()) {
      if (enrolled.error().code == ErrorCode::kConflict) continue;  // the track is full
      return std::move(enrolled).error();
    }
    if (e.discharge_date) {
      SW_TRY(svc.calendar.EndEnrollment(actor, enrolled->meta.id, 1, *e.discharge_date, "Discharged"));
    } else if (e.track_id == morning.meta.id && make_up_client.empty() && e.stage == "treatment") {
      make_up_client = e.client_id;
    }
  }

  // Next week's one-off changes; the series stay as they are.
  auto occurrence = [&](std::size_t series, int day_of_week) {
    return scheduling::OccurrenceId(created[series].meta.id, AddDays(next_monday, day_of_week));
  };
  SW_TRY(svc.calendar.ChangeOccurrence(actor, occurrence(2, 2),
                                       {.action = "cancel", .reason = "Facilitator at a state training"}));
  scheduling::ChangeRequest move{.action = "move", .reason = "Group Room B is being painted"};
  move.date = AddDays(next_monday, 4);  // Thursday's mindfulness to Friday morning
  move.start_minute = 10 * 60;
  move.end_minute = 11 * 60 + 15;
  SW_TRY(svc.calendar.ChangeOccurrence(actor, occurrence(3, 3), move));
  SW_TRY(svc.calendar.ChangeOccurrence(
      actor, occurrence(1, 0),
      {.action = "substitute", .reason = "Tom on leave", .facilitator_staff_ids = {staff[2].meta.id}}));
  if (!make_up_client.empty()) {
    auto added = svc.calendar.AddToRoster(actor, occurrence(6, 3), make_up_client, "make_up");
    if (!added.ok() && added.error().code != ErrorCode::kConflict) return std::move(added).error();  // full: skip
  }
  return Ok();
}

}  // namespace stepwise::app
