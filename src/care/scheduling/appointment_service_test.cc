// Appointments on both engines with a fake clock: conflicts against groups and other appointments (client,
// staff, room, licensing, availability, time off, closures), the check that saves nothing, moves and
// cancellations, availability errors naming the entry, scheduled hours, proposals accepted all-or-nothing,
// proposals booking the plan interventions the program's catalog marks as sessions, and calendar feeds
// that reveal nothing.
#include "care/scheduling/appointment_service.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

#include "care/admissions/client_store.h"
#include "care/plans/plan_catalog.h"
#include "care/plans/plan_service.h"
#include "care/plans/plan_store.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "care/scheduling/calendar_service.h"
#include "care/scheduling/calendar_store.h"
#include "platform/base/time_zone.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::scheduling {
namespace {

Date D(const char* text) { return *ParseDate(text); }
// Monday 2026-11-09, after New York's November change: 13:00 local = 18:00Z.
const char* kMonday = "2026-11-09";

class AppointmentServiceTest : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    program::ProgramService programs(database(), clock_);
    auto org = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Northstar", "America/New_York"});
    ASSERT_TRUE(org.ok());
    admin_ = stepwise::testing::TestActor(org->meta.id);
    admin_.permissions = {"schedule.read", "schedule.write"};
    auto site = programs.CreateSite(admin_, {{}, "Lakeside", "", {}});
    program_id_ = programs.CreateProgram(admin_, {{}, site->meta.id, "Adult IOP", "2.1"})->meta.id;
    program::Track t;
    t.program_id = program_id_;
    t.name = "Morning track";
    t.days = {"mon", "wed", "thu"};
    t.start_minute = 540;
    t.end_minute = 720;
    t.capacity = 10;
    morning_ = programs.CreateTrack(admin_, t)->meta.id;
    program::StaffService staff(database(), clock_);
    program::Staff s;
    s.given_name = "Dana";
    s.family_name = "Reyes";
    s.roles = {"counselor"};
    s.credentials = {{"LCSW", "L-1", "MN", ParseDate("2030-01-01")}};
    dana_ = staff.Create(admin_, s)->meta.id;
    s.given_name = "Lee";
    s.family_name = "Park";
    s.credentials = {};
    lee_ = staff.Create(admin_, s)->meta.id;
    clients_ = std::make_unique<admissions::ClientService>(database(), clock_);
    calendar_ = std::make_unique<CalendarService>(database(), clock_, *clients_);
    service_ = std::make_unique<AppointmentService>(database(), clock_, *clients_, plans::BuiltinSettings());
    room_a_ = calendar_->CreateRoom(admin_, {{}, site->meta.id, "Room A", 12, true})->meta.id;
    office_ = calendar_->CreateRoom(admin_, {{}, site->meta.id, "Office 3", 3, true})->meta.id;
    for (auto [given, family] : {std::pair{"Ana", "Silva"}, std::pair{"Ben", "Cole"}}) {
      admissions::Client c;
      c.legal_name = {given, "", family};
      c.birth_date = D("1990-05-05");
      auto created = clients_->Create(admin_, c);
      ASSERT_TRUE(created.ok()) << created.error().message;
      admissions::Episode e;
      e.client_id = created->summary.client.meta.id;
      e.program_id = program_id_;
      e.counselor_id = dana_;
      e.stage = "treatment";
      e.level_of_care = "2.1";
      e.admission_date = D("2026-10-01");
      auto episode = clients_->OpenEpisode(admin_, e);
      ASSERT_TRUE(episode.ok()) << episode.error().message;
      client_ids_.push_back(e.client_id);
    }
    ana_ = client_ids_[0];
    ben_ = client_ids_[1];
    GroupSeries g;
    g.track_id = morning_;
    g.title = "Process group";
    g.group_type = "process";
    g.rule.days = {"mon", "wed", "thu"};
    g.rule.start_minute = 540;
    g.rule.end_minute = 720;
    g.rule.starts_on = D("2026-10-05");
    g.room_id = room_a_;
    g.facilitator_staff_ids = {dana_};
    auto series = calendar_->CreateSeries(admin_, g);
    ASSERT_TRUE(series.ok()) << series.error().message;
    Enrollment en;
    en.client_id = ana_;
    en.track_id = morning_;
    en.starts_on = D("2026-10-05");
    auto enrolled = calendar_->Enroll(admin_, en);
    ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
  }

  Appointment Individual(const std::string& client, int start, int end, const std::string& room) {
    Appointment a;
    a.kind = "individual";
    a.client_id = client;
    a.staff_id = dana_;
    a.room_id = room;
    a.date = D(kMonday);
    a.start_minute = start;
    a.end_minute = end;
    return a;
  }

  // One intervention of a plan, 50 minutes once a week.
  static plans::Intervention Planned(const char* id, const char* code, const std::string& staff_id) {
    plans::Intervention i;
    i.id = id;
    i.code = code;
    i.minutes = 50;
    i.frequency = {1, "week"};
    i.staff_id = staff_id;
    return i;
  }

  // An active plan of `client` (version 1) with these interventions, stored directly.
  void ActivePlan(const std::string& client, std::vector<plans::Intervention> interventions) {
    auto saved = db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) -> Status {
      SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, admin_.org_id, client));
      plans::Plan plan;
      plan.meta = {"plan-" + client, admin_.org_id, 1, false, "", "2026-11-02T15:00:00Z", "2026-11-02T15:00:00Z"};
      plan.client_id = client;
      plan.episode_id = episode->meta.id;
      plan.active_version_no = 1;
      plan.activated_on = D("2026-11-02");
      SW_TRY(plans::PlanStore::Insert(tx, plan));
      plans::PlanVersion v;
      v.id = plan.meta.id + "-v1";
      v.org_id = admin_.org_id;
      v.plan_id = plan.meta.id;
      v.no = 1;
      v.status = "active";
      v.created_by = "tester";
      v.created_at = v.updated_at = v.activated_at = plan.meta.created_at;
      v.content.interventions = std::move(interventions);
      return plans::PlanStore::InsertVersion(tx, v);
    });
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  }

  // The program's own catalog from JSON (NormalizeProgramCatalog, then PutCatalog as the first version).
  void ProgramCatalog(const char* json) {
    boost::system::error_code ec;
    const boost::json::value own = boost::json::parse(json, ec);
    ASSERT_FALSE(ec) << json;
    auto catalog = plans::NormalizeProgramCatalog(own.as_object());
    ASSERT_TRUE(catalog.ok()) << catalog.error().message;
    plans::PlanService plan_service(database(), clock_, *clients_, plans::BuiltinSettings());
    auto put = plan_service.PutCatalog(admin_, program_id_, 0, *catalog);
    ASSERT_TRUE(put.ok()) << put.error().message;
  }

  static std::vector<std::string> Fields(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
  }
  static std::vector<std::string> Codes(const std::vector<Conflict>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.code);
    return out;
  }

  Actor admin_;
  std::string program_id_, morning_, dana_, lee_, room_a_, office_, ana_, ben_;
  std::vector<std::string> client_ids_;
  std::unique_ptr<admissions::ClientService> clients_;
  std::unique_ptr<CalendarService> calendar_;
  std::unique_ptr<AppointmentService> service_;
};

TEST_P(AppointmentServiceTest, CreatesInLocalTimeAndRefusesDoubleBooking) {
  auto a = service_->Create(admin_, Individual(ben_, 13 * 60, 13 * 60 + 50, office_));
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(tz::FormatInstant(a->start_at), "2026-11-09T18:00:00Z");
  EXPECT_EQ(a->client_name, "Ben Cole");
  EXPECT_EQ(a->staff_name, "Dana Reyes");
  EXPECT_EQ(a->program_id, program_id_);

  // Ana is in the process group 09:00-12:00, which Dana facilitates in Room A.
  auto clash = service_->Create(admin_, Individual(ana_, 10 * 60, 11 * 60, room_a_));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(clash.error()), (std::vector<std::string>{"start", "start", "start"}));
  EXPECT_EQ(clash.error().fields[0].message, "Ana Silva is booked 09:00\u201312:00 (Process group)");
  EXPECT_EQ(clash.error().fields[2].message, "Room A is booked 09:00\u201312:00 (Process group)");

  // Another session of Dana's overlapping Ben's, and Lee (unlicensed) for individual therapy.
  auto overlap = service_->Create(admin_, Individual(ana_, 13 * 60 + 30, 14 * 60 + 30, room_a_));
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().fields[0].message, "Dana Reyes is booked 13:00\u201313:50 (Individual session)");
  auto lee = Individual(ana_, 15 * 60, 16 * 60, room_a_);
  lee.staff_id = lee_;
  auto unlicensed = service_->Create(admin_, lee);
  ASSERT_FALSE(unlicensed.ok());
  EXPECT_EQ(Fields(unlicensed.error()), std::vector<std::string>{"staff_id"});
  lee.kind = "drug_test_slot";
  lee.client_id.clear();
  EXPECT_TRUE(service_->Create(admin_, lee).ok());

  auto list = service_->List(admin_, {.from = D(kMonday), .to = D(kMonday)});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
}

TEST_P(AppointmentServiceTest, CheckSavesNothingAndNamesEveryConflict) {
  CheckRequest r;
  r.appointment = Individual(ana_, 6 * 60 + 30, 9 * 60 + 30, room_a_);
  r.appointment.family_members = {};
  auto conflicts = service_->Check(admin_, r);
  ASSERT_TRUE(conflicts.ok()) << conflicts.error().message;
  EXPECT_EQ(Codes(*conflicts), (std::vector<std::string>{"outside_hours", "client_busy", "staff_busy", "room_busy"}));
  CheckRequest fine;
  fine.appointment = Individual(ben_, 13 * 60, 14 * 60, office_);
  EXPECT_TRUE(service_->Check(admin_, fine)->empty());
  EXPECT_TRUE(service_->List(admin_, {.from = D(kMonday), .to = D(kMonday)})->empty());
  // A group occurrence moved onto an afternoon is checked too.
  CheckRequest group;
  group.occurrence_id = "x";
  auto unknown = service_->Check(admin_, group);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(Fields(unknown.error()), std::vector<std::string>{"occurrence_id"});
}

TEST_P(AppointmentServiceTest, AvailabilityAndTimeOffAreRespected) {
  ClientAvailability bad;
  bad.client_id = ben_;
  bad.weekly = {{"mon", 8 * 60, 17 * 60, "work", ""}, {"mon", 16 * 60, 18 * 60, "childcare", ""}};
  auto refused = service_->PutClientAvailability(admin_, bad, 0);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()), std::vector<std::string>{"weekly[1].start"});

  ClientAvailability av;
  av.client_id = ben_;
  av.weekly = {{"mon", 8 * 60, 17 * 60, "work", "warehouse"}};
  av.absences = {{D("2026-11-11"), D("2026-11-12"), "court date"}};
  auto saved = service_->PutClientAvailability(admin_, av, 0);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(service_->PutClientAvailability(admin_, av, 0).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_->PutClientAvailability(admin_, av, 1)->version, 2);

  auto at_work = service_->Create(admin_, Individual(ben_, 13 * 60, 14 * 60, office_));
  ASSERT_FALSE(at_work.ok());
  EXPECT_NE(at_work.error().fields[0].message.find("has work mon 08:00"), std::string::npos);
  auto evening = service_->Create(admin_, Individual(ben_, 17 * 60, 18 * 60, office_));
  EXPECT_TRUE(evening.ok()) << evening.error().message;
  auto away = Individual(ben_, 17 * 60, 18 * 60, office_);
  away.date = D("2026-11-11");
  EXPECT_EQ(Fields(service_->Create(admin_, away).error()), std::vector<std::string>{"date"});

  StaffAvailability off;
  off.staff_id = dana_;
  off.working = {{"mon", 8 * 60, 16 * 60, "working", ""}, {"tue", 8 * 60, 20 * 60, "working", ""}};
  off.time_off = {{D("2026-11-10"), D("2026-11-10"), "training"}};
  ASSERT_TRUE(service_->PutStaffAvailability(admin_, off, 0).ok());
  auto tuesday = Individual(ben_, 18 * 60, 19 * 60, office_);
  tuesday.date = D("2026-11-10");
  auto refused_staff = service_->Create(admin_, tuesday);
  ASSERT_FALSE(refused_staff.ok());
  EXPECT_NE(refused_staff.error().fields.back().message.find("Dana Reyes is off"), std::string::npos);
}

TEST_P(AppointmentServiceTest, MoveAndCancelFreeTheOldTime) {
  auto a = service_->Create(admin_, Individual(ben_, 13 * 60, 14 * 60, office_));
  ASSERT_TRUE(a.ok());
  auto moved_draft = Individual(ben_, 13 * 60 + 30, 14 * 60 + 30, office_);
  moved_draft.meta.id = a->meta.id;
  EXPECT_EQ(service_->Update(admin_, moved_draft, 5).error().code, ErrorCode::kFailedPrecondition);
  auto moved = service_->Update(admin_, moved_draft, 1);  // overlaps its own old time: not a conflict
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->start_minute, 13 * 60 + 30);
  EXPECT_FALSE(service_->Cancel(admin_, a->meta.id, 2, "").ok());
  auto cancelled = service_->Cancel(admin_, a->meta.id, 2, "client asked to reschedule");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, "cancelled");
  auto again = Individual(ana_, 13 * 60 + 30, 14 * 60 + 30, office_);
  EXPECT_TRUE(service_->Create(admin_, again).ok());
}

TEST_P(AppointmentServiceTest, ClosedDaysRefuseSessions) {
  Closure c;
  c.date = D(kMonday);
  c.name = "Staff training";
  ASSERT_TRUE(calendar_->CreateClosure(admin_, c).ok());
  auto closed = service_->Create(admin_, Individual(ben_, 13 * 60, 14 * 60, office_));
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(Fields(closed.error()), std::vector<std::string>{"date"});
}

TEST_P(AppointmentServiceTest, ScheduledHoursFromGroupsAndSessions) {
  ASSERT_TRUE(service_->Create(admin_, Individual(ana_, 13 * 60, 14 * 60, office_)).ok());
  auto hours = service_->ScheduledHours(admin_, ana_, D(kMonday));
  ASSERT_TRUE(hours.ok()) << hours.error().message;
  EXPECT_DOUBLE_EQ(hours->per_week, 10.0);
  EXPECT_DOUBLE_EQ(hours->per_day.at("mon"), 4.0);
  EXPECT_DOUBLE_EQ(hours->per_day.at("tue"), 0.0);
  bool asam_ok = false, h0015_ok = false;
  for (const auto& c : hours->checks) {
    if (c.code == "asam_21_adult") asam_ok = c.applies && c.ok;
    if (c.code == "h0015") h0015_ok = c.applies && c.ok;
  }
  EXPECT_TRUE(asam_ok);
  EXPECT_TRUE(h0015_ok);
  // Ben has no groups: below every check, so he is on the director's list and Ana is not.
  auto warnings = service_->HoursWarnings(admin_, D(kMonday));
  ASSERT_TRUE(warnings.ok()) << warnings.error().message;
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_EQ((*warnings)[0].client_id, ben_);
  EXPECT_FALSE(service_->ScheduledHours(admin_, ana_, D("2026-11-10")).ok());
}

TEST_P(AppointmentServiceTest, ProposalAssignsATrackAndPlacesSessionsAcceptedAtOnce) {
  SessionRequirement r;
  r.client_id = ben_;
  r.kind = "individual";
  r.minutes = 50;
  r.staff_id = dana_;
  ASSERT_TRUE(service_->AddRequirement(admin_, r).ok());
  auto p = service_->Propose(admin_, {program_id_, D(kMonday), 1});
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->items.size(), 2u);
  EXPECT_EQ(p->items[0].action, "assign_track");
  EXPECT_EQ(p->items[0].track_id, morning_);
  EXPECT_EQ(p->items[1].action, "create");
  EXPECT_EQ(p->items[1].staff_id, dana_);
  EXPECT_EQ(p->requested, 1);
  EXPECT_EQ(p->placed, 1);
  // The session is outside Ben's new group times and Dana's group.
  EXPECT_TRUE(p->items[1].start_minute >= 12 * 60 || WeekdayCode(p->items[1].date) == "tue" ||
              WeekdayCode(p->items[1].date) == "fri" || p->items[1].end_minute <= 9 * 60);

  auto bad = service_->Accept(admin_, p->meta.id, std::vector<std::string>{"nope"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), std::vector<std::string>{"item_ids[0]"});

  // Someone books Dana at the proposed time: accepting everything fails on that item and saves nothing.
  auto blocker = Individual(ana_, p->items[1].start_minute, p->items[1].end_minute,
                            p->items[1].room_id == room_a_ ? office_ : room_a_);
  blocker.kind = "drug_test_slot";
  blocker.client_id.clear();
  blocker.date = p->items[1].date;
  auto booked = service_->Create(admin_, blocker);
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  auto refused = service_->Accept(admin_, p->meta.id, std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()), std::vector<std::string>{"item_ids[1].start"});
  auto none = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return CalendarStore::EnrollmentsOfClient(tx, admin_.org_id, ben_);
  });
  EXPECT_TRUE(none->empty());

  ASSERT_TRUE(service_->Cancel(admin_, booked->meta.id, 1, "freed for the proposal").ok());
  auto accepted = service_->Accept(admin_, p->meta.id, std::nullopt);
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->status, "accepted");
  auto enrollments = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return CalendarStore::EnrollmentsOfClient(tx, admin_.org_id, ben_);
  });
  ASSERT_EQ(enrollments->size(), 1u);
  auto week = service_->List(admin_, {.from = D(kMonday), .to = D("2026-11-15"), .client_id = ben_});
  ASSERT_EQ(week->size(), 1u);
  EXPECT_EQ((*week)[0].source, "optimizer");
  EXPECT_EQ((*week)[0].proposal_id, p->meta.id);
  EXPECT_EQ(service_->Accept(admin_, p->meta.id, std::nullopt).error().code, ErrorCode::kConflict);
  // The next proposal counts the accepted session: nothing more to place for Ben.
  auto next = service_->Propose(admin_, {program_id_, D(kMonday), 1});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->requested, 0);
}

TEST_P(AppointmentServiceTest, ProposalBooksThePlanInterventionsTheProgramCatalogMarksAsSessions) {
  // The program's own catalog: a new code marked individual, one marked family, and two without the mark
  // (individual_therapy among them: a code alone no longer makes a session).
  ProgramCatalog(R"({"interventions": [
    {"code": "trauma_focused_therapy", "label": "Trauma-focused therapy", "staff": "licensed", "session": "individual"},
    {"code": "couples_session", "label": "Couples session", "session": "family", "staff": "licensed"},
    {"code": "individual_therapy", "label": "Individual therapy"},
    {"code": "walking_group", "label": "Walking group"}]})");

  // Ana's active plan uses all four, once a week each; one trauma-focused session is Lee's, who is unlicensed.
  ActivePlan(ana_, {Planned("i1", "trauma_focused_therapy", dana_), Planned("i2", "couples_session", dana_),
                    Planned("i3", "individual_therapy", dana_), Planned("i4", "walking_group", dana_),
                    Planned("i5", "trauma_focused_therapy", lee_), Planned("i6", "retired_code", dana_)});

  auto p = service_->Propose(admin_, {program_id_, D(kMonday), 1});
  ASSERT_TRUE(p.ok()) << p.error().message;
  std::map<std::string, std::string> booked;  // plan intervention -> kind
  for (const auto& i : p->items) {
    if (i.action != "create") continue;
    EXPECT_EQ(i.client_id, ana_);
    EXPECT_EQ(i.staff_id, dana_) << "individual and family sessions need a licensed clinician";
    booked[i.plan_intervention_id] = i.kind;
  }
  EXPECT_EQ(booked, (std::map<std::string, std::string>{{"i1", "individual"}, {"i2", "family"}}));
  EXPECT_EQ(p->requested, 3);  // i1, i2 and Lee's i5; never i3 or i4
  EXPECT_EQ(p->placed, 2);
  // i6's code is no longer in the catalog: listed, not dropped silently; Lee's i5 found no licensed clinician.
  ASSERT_EQ(p->unplaced.size(), 2u);
  EXPECT_EQ(p->unplaced[0].client_id, ana_);
  EXPECT_EQ(p->unplaced[0].kind, "plan_intervention");
  EXPECT_EQ(p->unplaced[0].reason, "the treatment plan's \"retired_code\" is not in the program's catalog; update the plan");
  EXPECT_EQ(p->unplaced[1].client_id, ana_);
  EXPECT_EQ(p->unplaced[1].kind, "individual");
  auto stored = service_->GetProposal(admin_, p->meta.id);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  ASSERT_EQ(stored->unplaced.size(), 2u);
  EXPECT_EQ(stored->unplaced[0].kind, "plan_intervention");
  EXPECT_EQ(stored->unplaced[0].reason, p->unplaced[0].reason);
}

// The hours are judged by the intensity checks of the client's program when it has its own catalog.
TEST_P(AppointmentServiceTest, ScheduledHoursUseTheProgramsOwnIntensityChecks) {
  ProgramCatalog(R"({"intensity_checks": [
    {"code": "state_12h", "label": "State rule: 12 h a week", "kind": "payer", "min_hours_week": 12}]})");

  ASSERT_TRUE(service_->Create(admin_, Individual(ana_, 13 * 60, 14 * 60, office_)).ok());
  auto hours = service_->ScheduledHours(admin_, ana_, D(kMonday));
  ASSERT_TRUE(hours.ok()) << hours.error().message;
  EXPECT_DOUBLE_EQ(hours->per_week, 10.0);
  ASSERT_EQ(hours->checks.size(), 1u);  // the installation's four are replaced
  EXPECT_EQ(hours->checks[0].code, "state_12h");
  EXPECT_TRUE(hours->checks[0].applies);
  EXPECT_FALSE(hours->checks[0].ok);  // 10 h of 12
  // So Ana, fine by the installation's checks, is on the director's list now.
  auto warnings = service_->HoursWarnings(admin_, D(kMonday));
  ASSERT_TRUE(warnings.ok()) << warnings.error().message;
  EXPECT_EQ(warnings->size(), 2u);
}

// Individual counseling that the catalog lets a credentialed counselor deliver: Sam (a CADC, not licensed)
// gets it proposed, accepted and booked; Lee (no credential) is listed as not placed and refused; a session
// without the plan link, or a licensed-only intervention, still needs a licensed clinician.
TEST_P(AppointmentServiceTest, TheCatalogsStaffRuleDecidesWhoMayTakeAPlannedSession) {
  program::StaffService staff(database(), clock_);
  program::Staff s;
  s.given_name = "Sam";
  s.family_name = "Ortiz";
  s.roles = {"counselor"};
  s.credentials = {{"CADC", "C-7", "MN", ParseDate("2030-01-01")}};
  const std::string sam = staff.Create(admin_, s)->meta.id;
  ProgramCatalog(R"({"interventions": [
    {"code": "counseling", "label": "Individual counseling", "staff": "credentialed", "session": "individual"},
    {"code": "therapy", "label": "Individual therapy", "staff": "licensed", "session": "individual"}]})");
  ActivePlan(ben_, {Planned("c1", "counseling", sam), Planned("t1", "therapy", sam), Planned("c2", "counseling", lee_)});

  auto p = service_->Propose(admin_, {program_id_, D(kMonday), 1});
  ASSERT_TRUE(p.ok()) << p.error().message;
  std::map<std::string, std::string> booked;  // plan intervention -> clinician
  for (const auto& i : p->items) {
    if (i.action == "create") booked[i.plan_intervention_id] = i.staff_id;
  }
  EXPECT_EQ(booked, (std::map<std::string, std::string>{{"c1", sam}}));
  ASSERT_EQ(p->unplaced.size(), 2u);
  EXPECT_EQ(p->unplaced[0].reason, "Lee Park holds no current credential for this session");
  EXPECT_EQ(p->unplaced[1].reason, "no allowed clinician is licensed for this session");
  auto accepted = service_->Accept(admin_, p->meta.id, std::nullopt);
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;

  // By hand, on next Tuesday afternoon: Sam for the counseling, not for the therapy or without the plan link;
  // Lee not for the counseling either.
  auto at = [&](const std::string& staff_id, const std::string& intervention, int start) {
    Appointment a = Individual(ben_, start, start + 50, office_);
    a.date = AddDays(D(kMonday), 8);
    a.staff_id = staff_id;
    a.plan_intervention_id = intervention;
    return service_->Create(admin_, a);
  };
  auto counseling = at(sam, "c1", 13 * 60);
  ASSERT_TRUE(counseling.ok()) << counseling.error().message;
  for (const auto& [who, intervention] : std::vector<std::pair<std::string, std::string>>{
           {sam, "t1"}, {sam, ""}, {lee_, "c2"}}) {
    auto refused = at(who, intervention, 15 * 60);
    ASSERT_FALSE(refused.ok()) << who << " " << intervention;
    EXPECT_EQ(Fields(refused.error()), std::vector<std::string>{"staff_id"}) << intervention;
  }
  auto lee = at(lee_, "c2", 15 * 60);
  EXPECT_EQ(lee.error().fields[0].message,
            "Lee Park holds no current credential; this session needs a credentialed clinician");
}

TEST_P(AppointmentServiceTest, FeedsRevealOnlyTimeAndPlaceAndCanBeRevoked) {
  ASSERT_TRUE(service_->Create(admin_, Individual(ana_, 13 * 60, 13 * 60 + 50, office_)).ok());
  auto feed = service_->CreateFeed(admin_, "client", ana_);
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  ASSERT_TRUE(feed->url.starts_with("/ical/"));
  const std::string token = feed->url.substr(6, feed->url.size() - 6 - 4);
  auto text = service_->FeedText(token);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_NE(text->find("SUMMARY:Appointment\r\n"), std::string::npos);
  EXPECT_NE(text->find("LOCATION:Office 3\r\n"), std::string::npos);
  EXPECT_NE(text->find("LOCATION:Room A\r\n"), std::string::npos);  // Ana's groups
  EXPECT_NE(text->find("DTSTART:20261109T180000Z\r\n"), std::string::npos);
  for (const char* word : {"Process", "Individual", "group", "Ana", "Silva", "Reyes", "IOP", "therapy"})
    EXPECT_EQ(text->find(word), std::string::npos) << word;
  EXPECT_EQ(service_->FeedText(token + "x").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(service_->RevokeFeed(admin_, feed->feed.meta.id).ok());
  EXPECT_EQ(service_->FeedText(token).error().code, ErrorCode::kNotFound);
  auto feeds = service_->ListFeeds(admin_, "client", ana_);
  ASSERT_EQ(feeds->size(), 1u);
  EXPECT_FALSE((*feeds)[0].revoked_at.empty());
  Actor counselor = admin_;
  counselor.permissions = {"schedule.read"};
  counselor.staff_id = lee_;
  EXPECT_EQ(service_->CreateFeed(counselor, "client", ana_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_->CreateFeed(counselor, "staff", lee_).ok());
}

STORE_TEST_P(AppointmentServiceTest);

}  // namespace
}  // namespace stepwise::scheduling
