#include "app/demo_sessions.h"

#include <algorithm>
#include <map>

namespace stepwise::app {

namespace {

const char* const kParticipation[] = {
    "Shared a recent high-risk situation and how it was handled.",
    "Listened closely; offered support to peers when invited.",
    "Practiced the skill in a role play and reflected on it.",
    "Quiet at first, then described a trigger from the weekend.",
};
const char* const kMood[] = {"Euthymic, full range", "Anxious, constricted", "Bright, reactive", "Tired, flat"};

Actor AsStaff(const Actor& system, const program::Staff& s) {
  Actor a = system;
  a.user_id = "demo:" + AsciiLower(s.given_name);
  a.username = AsciiLower(s.given_name);
  a.display_name = s.given_name + " " + s.family_name;
  a.staff_id = s.meta.id;
  a.role = s.roles.empty() ? "counselor" : s.roles.front();
  a.client_scope = ClientScope::kProgram;
  return a;
}

}  // namespace

Status SeedSessions(Services& svc, const Actor& system, Date today, const std::vector<program::Staff>& staff) {
  std::map<std::string, const program::Staff*> by_id;
  for (const auto& s : staff) by_id[s.meta.id] = &s;
  scheduling::OccurrenceQuery q;
  q.from = Date(std::chrono::sys_days(today) - std::chrono::days(8));
  q.to = Date(std::chrono::sys_days(today) - std::chrono::days(1));
  SW_ASSIGN(auto occurrences, svc.calendar.ListOccurrences(system, q));
  std::erase_if(occurrences, [](const scheduling::Occurrence& o) {
    return o.status != "scheduled" || o.facilitator_staff_ids.empty();
  });
  std::sort(occurrences.begin(), occurrences.end(),
            [](const auto& a, const auto& b) { return a.start_at < b.start_at; });
  const Actor director = AsStaff(system, staff.front());  // Karen: licensed, co-signs
  // The newest groups first keep the demo's lists short: the last one stays unsigned past the deadline when
  // it is more than two days old, and one unlicensed facilitator's group waits for Karen's co-signature.
  int index = 0;
  bool left_unsigned = false, left_awaiting = false;
  std::map<std::string, int> absences;  // client → absences so far (the first absentee misses twice)
  std::string absentee;
  for (const auto& o : occurrences) {
    auto found = by_id.find(o.facilitator_staff_ids.front());
    if (found == by_id.end()) continue;
    SW_ASSIGN(auto view, svc.calendar.GetOccurrence(system, o.id));
    if (view.roster.empty()) continue;
    const Actor author = AsStaff(system, *found->second);
    FakeClock clock(o.end_at + std::chrono::minutes(40));
    sessions::SessionService as_of(svc.sessions, clock);
    as_of.SetPasswordCheck([](const Actor&, const std::string&) -> Status { return Ok(); });
    sessions::GroupSessionInput in;
    in.shared.summary = o.topic.empty() ? "Skills practice and check-in." : "Worked on " + o.topic + ": check-in, "
                                                                            "teaching, practice in pairs, wrap-up.";
    if (absentee.empty()) absentee = view.roster.front().client_id;
    const int length = static_cast<int>((o.end_at - o.start_at) / std::chrono::minutes(1));
    for (std::size_t i = 0; i < view.roster.size(); ++i) {
      const auto& r = view.roster[i];
      sessions::Attendance a;
      a.client_id = r.client_id;
      a.status = "present";
      if (r.client_id == absentee && absences[r.client_id] < 2) {
        a.status = "absent_unexcused";
        ++absences[r.client_id];
      } else if ((i + static_cast<std::size_t>(index)) % 7 == 3) {
        a.status = "late";
        a.late_minutes = 10;
      } else if ((i + static_cast<std::size_t>(index)) % 9 == 5 && length > 60) {
        a.status = "left_early";
        a.left_early_minutes = 30;
      } else if (o.modality == "telehealth") {
        a.status = "telehealth";
      }
      in.attendance.push_back(a);
      if (sessions::IsAbsent(a.status)) continue;
      sessions::AttendeeNote n;
      n.client_id = r.client_id;
      const std::size_t k = (i + static_cast<std::size_t>(index)) % 4;
      n.content.participation = kParticipation[k];
      n.content.mood_affect = kMood[k];
      n.content.risk = {k == 3 ? "low" : "none", k == 3 ? "Reports poor sleep; denies thoughts of self-harm." : ""};
      n.content.text = "Engaged with the group's topic and named one step to practice before the next group.";
      in.notes.push_back(std::move(n));
    }
    SW_TRY(as_of.SaveGroupSession(author, o.id, std::nullopt, std::move(in)));
    ++index;
    const bool old_enough = std::chrono::sys_days(o.date) < std::chrono::sys_days(today) - std::chrono::days(2);
    if (!left_unsigned && old_enough && index % 3 == 0) {
      left_unsigned = true;  // shows on the author's and the director's unsigned lists
      continue;
    }
    SW_ASSIGN(auto signed_view, as_of.SignGroupSession(author, o.id, "demo"));
    if (signed_view.record && signed_view.record->signing.status == "awaiting_cosign") {
      if (!left_awaiting) {
        left_awaiting = true;  // waits in Karen's co-sign queue
        continue;
      }
      SW_TRY(as_of.CosignGroupSession(director, o.id, "demo"));
    }
  }
  return Ok();
}

}  // namespace stepwise::app
