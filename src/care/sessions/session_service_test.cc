// Session records on both engines with a fake clock and a fake calendar: a group's roll call and notes saved
// in one transaction (bad input changes nothing), no other attendee's name in a client's chart, timeline or
// release sections, signing locks and needs the password, only the author signs, addenda keep the hash, the
// co-sign flow, outreach tasks after consecutive absences, late entries and overdue drafts, hours and billing.
#include "care/sessions/session_service.h"

#include <gtest/gtest.h>

#include <map>

#include "care/assessment/assessment_test_support.h"
#include "care/plans/plan_catalog.h"
#include "care/program/staff_service.h"
#include "care/tasks/task_service.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"

namespace stepwise::sessions {
namespace {

constexpr const char* kSeries = "0190a000-0000-7000-8000-000000000001";
constexpr const char* kPassword = "correct horse battery";

class SessionServiceTest : public assessment::AssessmentTestBase {
 protected:
  void SetUp() override {
    AssessmentTestBase::SetUp();
    plans_ = std::make_unique<plans::PlanService>(database(), clock_, *clients_, plans::BuiltinSettings());
    sessions_ = std::make_unique<SessionService>(database(), clock_, *clients_, *plans_);
    program::StaffService staff(database(), clock_);
    program::Staff s;
    s.given_name = "Lena";
    s.family_name = "Ortiz";
    s.roles = {"therapist"};
    s.credentials = {{"LCSW", "LCSW-1", "MN", ParseDate("2030-01-01")}};
    lena_ = staff.Create(admin_, s)->meta.id;
    supervisor_ = Staffed("lena", lena_, ClientScope::kProgram);
    supervisor_.permissions = {"notes.cosign", "notes.read", "notes.write"};
    ana_ = NewClient("Ana", "Silva", "female", "treatment", "2.1");
    ben_ = NewClient("Ben", "Cole", "male", "treatment", "2.1");
    // client_id_ is Maria Lopez.
    AddOccurrence("2026-11-02", {ana_, ben_, client_id_});
    AddOccurrence("2026-11-04", {ana_, ben_, client_id_});
    CalendarSource cal;
    cal.occurrence = [this](db::Transaction&, const std::string&, const std::string& id)
        -> Result<std::optional<scheduling::Occurrence>> {
      auto it = occurrences_.find(id);
      if (it == occurrences_.end()) return std::optional<scheduling::Occurrence>();
      return std::optional<scheduling::Occurrence>(it->second);
    };
    cal.roster = [this](db::Transaction&, const std::string&, const scheduling::Occurrence& o)
        -> Result<std::vector<scheduling::RosterEntry>> { return rosters_[o.id]; };
    cal.occurrences = [this](db::Transaction&, const std::string&, Date from, Date to)
        -> Result<std::vector<scheduling::Occurrence>> {
      std::vector<scheduling::Occurrence> out;
      for (const auto& [id, o] : occurrences_) {
        if (std::chrono::sys_days(o.date) >= std::chrono::sys_days(from) &&
            std::chrono::sys_days(o.date) <= std::chrono::sys_days(to)) {
          out.push_back(o);
        }
      }
      return out;
    };
    sessions_->SetCalendar(cal);
    sessions_->SetPasswordCheck([](const Actor&, const std::string& password) -> Status {
      if (password != kPassword) return Error::Field("password", "is not your password");
      return Ok();
    });
    // Karen (the clinician, unlicensed) facilitates; she sees the whole group through it.
  }

  // A 90-minute group 09:00–10:30 America/Chicago (15:00–16:30 UTC in November) facilitated by Karen.
  void AddOccurrence(const char* date, std::vector<std::string> roster) {
    scheduling::Occurrence o;
    o.id = std::string(kSeries) + ":" + date;
    o.series_id = kSeries;
    o.program_id = program_id_;
    o.track_id = track_id_;
    o.title = "Relapse prevention group";
    o.group_type = "relapse_prevention";
    o.topic = "Coping with cravings";
    o.date = o.original_date = *ParseDate(date);
    o.start_minute = 9 * 60;
    o.end_minute = 10 * 60 + 30;
    o.start_at = *ParseTimestamp(std::string(date) + "T15:00:00Z");
    o.end_at = *ParseTimestamp(std::string(date) + "T16:30:00Z");
    o.modality = "in_person";
    o.facilitator_staff_ids = {karen_};
    o.status = "scheduled";
    occurrences_[o.id] = o;
    auto& r = rosters_[o.id];
    for (const auto& id : roster) r.push_back({id, Name(id), "enrolled"});
  }

  std::string Name(const std::string& id) {
    if (id == ana_) return "Ana Silva";
    if (id == ben_) return "Ben Cole";
    return "Maria Lopez";
  }

  static std::string Occ(const char* date) { return std::string(kSeries) + ":" + date; }

  GroupSessionInput Group(const char* ben_status = "present", const char* maria_status = "late") {
    GroupSessionInput in;
    in.shared.summary = "Urge surfing and a relapse-prevention worksheet.";
    Attendance a{ana_, "", "present"};
    Attendance b{ben_, "", ben_status};
    if (std::string(ben_status) == "absent_excused") b.absence_reason = "Court date";
    Attendance m{client_id_, "", maria_status};
    if (std::string(maria_status) == "late") m.late_minutes = 15;
    in.attendance = {a, b, m};
    in.notes = {{ana_, {"Shared a recent trigger.", {}, "Euthymic", {"none", ""}, "One day at a time", "Engaged."}},
                {client_id_, {"Arrived late, then engaged.", {}, "Anxious", {"low", "Reports poor sleep"}, "", ""}}};
    return in;
  }

  std::vector<std::string> Fields(const Error& e) { return AssessmentTestBase::Fields(e); }

  std::unique_ptr<plans::PlanService> plans_;
  std::unique_ptr<SessionService> sessions_;
  std::map<std::string, scheduling::Occurrence> occurrences_;
  std::map<std::string, std::vector<scheduling::RosterEntry>> rosters_;
  std::string lena_, ana_, ben_;
  Actor supervisor_;
};

TEST_P(SessionServiceTest, SavesTheRollCallSharedNoteAndEveryAttendeeNoteTogether) {
  auto saved = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group());
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  ASSERT_TRUE(saved->record);
  EXPECT_EQ(saved->record->meta.version, 1);
  EXPECT_EQ(saved->record->signing.status, "draft");
  EXPECT_EQ(saved->record->shared.topic, "Coping with cravings");  // from the occurrence
  ASSERT_EQ(saved->attendance.size(), 3u);
  std::map<std::string, int> minutes;
  for (const auto& a : saved->attendance) minutes[a.client_id] = a.attended_minutes;
  EXPECT_EQ(minutes[ana_], 90);
  EXPECT_EQ(minutes[client_id_], 75);
  EXPECT_EQ(saved->notes.size(), 2u);
  // A second save needs the version it is based on.
  auto again = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kPreconditionRequired);
  auto stale = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), 7, Group());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto second = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), 1, Group("absent_unexcused"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->record->meta.version, 2);
}

TEST_P(SessionServiceTest, BadInputNamesTheFieldAndChangesNothing) {
  auto off_roster = Group();
  off_roster.attendance[1].client_id = tom_;  // a staff id, not on the roster
  auto r1 = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, off_roster);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(Fields(r1.error()), (std::vector<std::string>{"attendance[1].client_id"}));

  auto too_late = Group();
  too_late.attendance[2].late_minutes = 90;
  auto r2 = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, too_late);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(Fields(r2.error()), (std::vector<std::string>{"attendance[2].late_minutes"}));

  auto naming = Group();
  naming.notes[1].content.text = "Sat next to ben and argued with him.";
  auto r3 = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, naming);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(Fields(r3.error()), (std::vector<std::string>{"notes[1].text"}));

  auto shared = Group();
  shared.shared.summary = "Maria led the check-in.";
  auto r4 = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, shared);
  ASSERT_FALSE(r4.ok());
  EXPECT_EQ(Fields(r4.error()), (std::vector<std::string>{"shared_note.summary"}));

  auto objective = Group();
  objective.notes[0].content.objective_progress = {{"no-such-objective", "some", ""}};
  auto r5 = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, objective);
  ASSERT_FALSE(r5.ok());
  EXPECT_EQ(Fields(r5.error()), (std::vector<std::string>{"notes[0].objective_progress[0].objective_id"}));

  auto view = sessions_->GetGroupSession(clinician_, Occ("2026-11-02"));
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(view->record);  // nothing half-written
  auto notes = sessions_->NotesOfClient(admin_, ana_);
  ASSERT_TRUE(notes.ok());
  EXPECT_TRUE(notes->empty());

  // And an existing record is left as it was.
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group()).ok());
  auto r6 = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), 1, too_late);
  ASSERT_FALSE(r6.ok());
  view = sessions_->GetGroupSession(clinician_, Occ("2026-11-02"));
  EXPECT_EQ(view->record->meta.version, 1);
  for (const auto& a : view->attendance) {
    if (a.client_id == client_id_) {
      EXPECT_EQ(a.late_minutes, 15);
    }
  }
}

TEST_P(SessionServiceTest, NoOtherAttendeesNameReachesAClientsChartTimelineOrRelease) {
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group()).ok());
  clock_.Advance(std::chrono::hours(2));
  auto signed_view = sessions_->SignGroupSession(clinician_, Occ("2026-11-02"), kPassword);
  ASSERT_TRUE(signed_view.ok()) << signed_view.error().message;
  std::string chart;
  auto notes = sessions_->NotesOfClient(admin_, ana_);
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 1u);
  const auto& n = notes->front();
  EXPECT_NE(n.note.signing.signed_text.find("Ana Silva"), std::string::npos);
  ASSERT_TRUE(n.shared);
  chart += n.note.signing.signed_text + n.shared->summary + n.shared->topic;
  for (const auto& f : n.shared->facilitator_names) chart += f;
  auto timeline = sessions_->Timeline(admin_, ana_, *ParseDate("2026-10-01"), *ParseDate("2026-11-30"));
  ASSERT_TRUE(timeline.ok());
  EXPECT_EQ(timeline->size(), 2u);  // attendance and the group note
  for (const auto& t : *timeline) chart += t.title + t.detail;
  auto release = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) -> Result<std::string> {
    std::string text;
    for (auto section : {sessions_->AttendanceSectionIn(tx, admin_, ana_), sessions_->ProgressSectionIn(tx, admin_, ana_)}) {
      if (!section.ok()) return std::move(section).error();
      for (const auto& row : section->rows) for (const auto& cell : row) text += cell + "\n";
    }
    return text;
  });
  ASSERT_TRUE(release.ok()) << release.error().message;
  EXPECT_NE(release->find("Urge surfing"), std::string::npos);
  chart += *release;
  for (const char* other : {"Maria", "Lopez", "Ben", "Cole"}) {
    EXPECT_EQ(chart.find(other), std::string::npos) << other << " appears in Ana's chart:\n" << chart;
  }
}

TEST_P(SessionServiceTest, SigningNeedsThePasswordLocksTheNoteAndAddendaKeepTheHash) {
  NoteInput in;
  in.kind = "individual";
  in.start_at = *ParseTimestamp("2026-11-02T14:00:00Z");
  in.end_at = *ParseTimestamp("2026-11-02T14:50:00Z");
  in.content.sections = {{"data", "Discussed cravings at work."}, {"assessment", "Motivated."}};
  in.content.modality = "cbt";
  auto created = sessions_->CreateNote(supervisor_, ana_, in);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->note.session.format, "DAP");  // the program's default
  const std::string id = created->note.meta.id;
  auto incomplete = sessions_->SignNote(supervisor_, id, kPassword);
  ASSERT_FALSE(incomplete.ok());
  EXPECT_EQ(Fields(incomplete.error()), (std::vector<std::string>{"sections.plan"}));
  in.content.sections.push_back({"plan", "Practice urge surfing daily."});
  ASSERT_TRUE(sessions_->UpdateNote(supervisor_, id, 1, in).ok());
  auto wrong = sessions_->SignNote(supervisor_, id, "guess");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(Fields(wrong.error()), (std::vector<std::string>{"password"}));
  auto other = sessions_->SignNote(nurse_, id, kPassword);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Fields(other.error()), (std::vector<std::string>{"author"}));
  auto signed_note = sessions_->SignNote(supervisor_, id, kPassword);
  ASSERT_TRUE(signed_note.ok()) << signed_note.error().message;
  const auto& s = signed_note->note.signing;
  EXPECT_EQ(s.status, "signed");  // licensed author: no co-sign
  EXPECT_FALSE(s.late_entry);
  EXPECT_EQ(s.signed_sha256, security::Sha256Hex(s.signed_text));
  EXPECT_NE(s.signed_text.find("Plan: Practice urge surfing daily."), std::string::npos);
  const std::string hash = s.signed_sha256;

  auto edit = sessions_->UpdateNote(supervisor_, id, signed_note->note.meta.version, in);
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().code, ErrorCode::kConflict);
  auto amended = sessions_->AddAddendum(supervisor_, id, "Wrong workplace", "The cravings were at home.");
  ASSERT_TRUE(amended.ok()) << amended.error().message;
  ASSERT_EQ(amended->note.addenda.size(), 1u);
  EXPECT_EQ(amended->note.signing.signed_sha256, hash);
  EXPECT_EQ(amended->note.signing.signed_text, s.signed_text);
  EXPECT_FALSE(sessions_->AddAddendum(supervisor_, id, "", "x").ok());

  // Not even SQL can change the signed text.
  auto tampered = db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) -> Status {
    SW_TRY(tx.Execute("UPDATE session_notes SET signed_text = 'changed' WHERE id = ?", {id}));
    return Ok();
  });
  EXPECT_FALSE(tampered.ok());
  EXPECT_EQ(sessions_->GetNote(supervisor_, id)->note.signing.signed_sha256, hash);
}

TEST_P(SessionServiceTest, UnlicensedAuthorsNotesWaitForALicensedSupervisorsCosign) {
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group()).ok());
  clock_.Advance(std::chrono::hours(2));
  auto signed_view = sessions_->SignGroupSession(clinician_, Occ("2026-11-02"), kPassword);
  ASSERT_TRUE(signed_view.ok()) << signed_view.error().message;
  EXPECT_EQ(signed_view->record->signing.status, "awaiting_cosign");
  for (const auto& n : signed_view->notes) EXPECT_EQ(n.signing.status, "awaiting_cosign");
  // Signing again finds nothing of hers.
  EXPECT_EQ(sessions_->SignGroupSession(clinician_, Occ("2026-11-02"), kPassword).error().code, ErrorCode::kConflict);

  auto queue = sessions_->CosignQueue(supervisor_);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 3u);  // the shared note and two attendee notes
  auto own = sessions_->CosignQueue(clinician_);
  EXPECT_TRUE(own->empty());  // nobody co-signs their own notes
  auto by_author = sessions_->CosignGroupSession(clinician_, Occ("2026-11-02"), kPassword);
  ASSERT_FALSE(by_author.ok());
  EXPECT_EQ(by_author.error().code, ErrorCode::kPermissionDenied);
  auto unlicensed = sessions_->CosignGroupSession(nurse_, Occ("2026-11-02"), kPassword);
  ASSERT_FALSE(unlicensed.ok());
  EXPECT_EQ(Fields(unlicensed.error()), (std::vector<std::string>{"credential"}));
  auto cosigned = sessions_->CosignGroupSession(supervisor_, Occ("2026-11-02"), kPassword);
  ASSERT_TRUE(cosigned.ok()) << cosigned.error().message;
  EXPECT_EQ(cosigned->record->signing.status, "signed");
  EXPECT_EQ(cosigned->record->signing.cosigner_name, "lena");
  EXPECT_TRUE(sessions_->CosignQueue(supervisor_)->empty());
  // A signed record takes no more roll call.
  auto locked = sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), cosigned->record->meta.version, Group());
  EXPECT_EQ(locked.error().code, ErrorCode::kConflict);
}

TEST_P(SessionServiceTest, TwoAbsencesInARowCreateOneOutreachTaskForTheCounselor) {
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group("absent_unexcused")).ok());
  auto open = [&] {
    return db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
      return tasks::OpenOfClientIn(tx, admin_.org_id, ben_);
    });
  };
  EXPECT_TRUE(open()->empty());  // one absence is not a streak
  clock_.Advance(std::chrono::hours(48));
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-04"), std::nullopt, Group("absent_excused")).ok());
  auto tasks = open();
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ(tasks->front().kind, "outreach");
  EXPECT_EQ(tasks->front().assignee_staff_id, karen_);
  EXPECT_EQ(tasks->front().source_id, ben_ + ":2026-11-02");
  EXPECT_EQ(tasks->front().title.find("Ben"), std::string::npos);
  // Saving the roll call again does not pile up copies.
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-04"), 1, Group("absent_excused")).ok());
  EXPECT_EQ(open()->size(), 1u);
  auto hours = sessions_->AttendedHours(admin_, ben_, *ParseDate("2026-11-04"));
  ASSERT_TRUE(hours.ok());
  EXPECT_EQ(hours->consecutive_absences, 2);
  EXPECT_DOUBLE_EQ(hours->hours.per_week, 0);
}

TEST_P(SessionServiceTest, LateEntriesAreMarkedAndOverdueDraftsReachTheDirector) {
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group()).ok());
  auto mine = sessions_->Unsigned(clinician_, false);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 3u);
  EXPECT_TRUE(sessions_->Unsigned(admin_, true)->empty());  // not past the 48 h deadline yet
  EXPECT_EQ(sessions_->Unsigned(clinician_, true).error().code, ErrorCode::kPermissionDenied);
  clock_.Advance(std::chrono::hours(50));
  auto overdue = sessions_->Unsigned(admin_, true);
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 3u);
  EXPECT_TRUE(overdue->front().overdue);
  auto signed_view = sessions_->SignGroupSession(clinician_, Occ("2026-11-02"), kPassword);
  ASSERT_TRUE(signed_view.ok());
  EXPECT_TRUE(signed_view->record->signing.late_entry);
  for (const auto& n : signed_view->notes) EXPECT_TRUE(n.signing.late_entry);
  EXPECT_TRUE(sessions_->Unsigned(clinician_, false)->empty());
}

TEST_P(SessionServiceTest, AttendedHoursAndBillingSuggestionsForADay) {
  ASSERT_TRUE(sessions_->SaveGroupSession(clinician_, Occ("2026-11-02"), std::nullopt, Group()).ok());
  NoteInput in;
  in.kind = "individual";
  in.start_at = *ParseTimestamp("2026-11-02T18:00:00Z");
  in.end_at = *ParseTimestamp("2026-11-02T18:50:00Z");
  in.content.modality = "mi";
  clock_.Advance(std::chrono::hours(4));
  ASSERT_TRUE(sessions_->CreateNote(supervisor_, client_id_, in).ok());
  auto billing = sessions_->Billing(admin_, client_id_, *ParseDate("2026-11-02"), *ParseDate("2026-11-02"));
  ASSERT_TRUE(billing.ok()) << billing.error().message;
  std::vector<std::string> codes;
  for (const auto& s : *billing) codes.push_back(s.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"", "90853", "90834"}));  // 75 + 50 minutes: under the 180 of H0015
  auto hours = sessions_->AttendedHours(admin_, client_id_, *ParseDate("2026-11-06"));
  ASSERT_TRUE(hours.ok());
  EXPECT_NEAR(hours->hours.per_week, 125.0 / 60.0, 1e-9);
  EXPECT_EQ(hours->hours.days_per_week, 1);
  bool asam_fails = false;
  for (const auto& c : hours->checks) {
    if (c.code == "asam_21_adult") asam_fails = !c.ok;
  }
  EXPECT_TRUE(asam_fails);
}

TEST_P(SessionServiceTest, FamilyMembersMustBePeopleTheClientConsentedToInvolve) {
  NoteInput in;
  in.kind = "family";
  in.start_at = *ParseTimestamp("2026-11-02T14:00:00Z");
  in.end_at = *ParseTimestamp("2026-11-02T15:00:00Z");
  in.content.modality = "family_systems";
  in.content.family_members = {{"Rosa Silva", "mother"}};
  auto r = sessions_->CreateNote(supervisor_, ana_, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Fields(r.error()), (std::vector<std::string>{"family_members[0].name"}));
  EXPECT_TRUE(sessions_->NotesOfClient(admin_, ana_)->empty());
}

TEST_P(SessionServiceTest, CaseloadStaffWhoDoNotFacilitateCannotOpenTheGroup) {
  auto r = sessions_->GetGroupSession(outsider_, Occ("2026-11-02"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(sessions_->GetGroupSession(clinician_, Occ("2026-11-02")).ok());
}

STORE_TEST_P(SessionServiceTest);

}  // namespace
}  // namespace stepwise::sessions
