// The caseload rule's group part on both engines: a counselor sees the clients of the groups they
// facilitate (enrolled, drop-ins and make-ups, and the roster of an occurrence they stand in for) through
// ClientService exactly as the composition root wires it, loses them a week after the enrollment ends or
// at once when they stop facilitating, and never sees another organization's clients.
#include <gtest/gtest.h>

#include <algorithm>

#include "care/admissions/client_service.h"
#include "care/plans/plan_service.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "care/scheduling/calendar_service.h"
#include "care/scheduling/occurrences.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::scheduling {
namespace {

Date D(const char* text) { return *ParseDate(text); }

// One organization with a track, a weekly group series (Mon/Wed 09:00–10:30 from 5 October 2026), two
// counselors and three clients. The fixture's clock stands at Monday 2 November 2026, 10:00 in New York.
struct Org {
  Actor admin;
  std::string program_id, track_id, room_id, dana, lee, series_id;
  std::vector<std::string> clients;  // Ana Silva, Ben Cole, Cy Diaz
};

class GroupAccessTest : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clients_ = std::make_unique<admissions::ClientService>(database(), clock_);
    // As the composition root wires it.
    clients_->SetGroupClients([this](db::Transaction& tx, const Actor& actor) {
      return GroupClientsIn(tx, actor.org_id, actor.staff_id, clock_.Now());
    });
    calendar_ = std::make_unique<CalendarService>(database(), clock_, *clients_);
    a_ = MakeOrg("Northstar");
    b_ = MakeOrg("Southpoint");
  }

  Org MakeOrg(const std::string& name) {
    Org o;
    program::ProgramService programs(database(), clock_);
    auto org = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, name, "America/New_York"});
    EXPECT_TRUE(org.ok());
    o.admin = stepwise::testing::TestActor(org->meta.id);
    auto site = programs.CreateSite(o.admin, {{}, "Lakeside", "", {}});
    o.program_id = programs.CreateProgram(o.admin, {{}, site->meta.id, "Adult IOP", "2.1"})->meta.id;
    program::Track t;
    t.program_id = o.program_id;
    t.name = "Morning track";
    t.days = {"mon", "wed"};
    t.start_minute = 540;
    t.end_minute = 720;
    t.capacity = 12;
    o.track_id = programs.CreateTrack(o.admin, t)->meta.id;
    program::StaffService staff(database(), clock_);
    program::Staff s;
    s.roles = {"counselor"};
    s.given_name = "Dana";
    s.family_name = "Reyes";
    o.dana = staff.Create(o.admin, s)->meta.id;
    s.given_name = "Lee";
    s.family_name = "Park";
    o.lee = staff.Create(o.admin, s)->meta.id;
    o.room_id = calendar_->CreateRoom(o.admin, {{}, site->meta.id, "Room A", 12, true})->meta.id;
    GroupSeries g;
    g.track_id = o.track_id;
    g.title = "Relapse prevention";
    g.group_type = "relapse_prevention";
    g.rule.days = {"mon", "wed"};
    g.rule.start_minute = 540;
    g.rule.end_minute = 630;
    g.rule.starts_on = D("2026-10-05");
    g.room_id = o.room_id;
    g.facilitator_staff_ids = {o.dana};
    auto series = calendar_->CreateSeries(o.admin, g);
    EXPECT_TRUE(series.ok()) << series.error().message;
    o.series_id = series->meta.id;
    for (auto [given, family] : {std::pair{"Ana", "Silva"}, std::pair{"Ben", "Cole"}, std::pair{"Cy", "Diaz"}}) {
      admissions::Client c;
      c.legal_name = {given, "", family};
      c.birth_date = D("1990-05-05");
      auto created = clients_->Create(o.admin, c);
      EXPECT_TRUE(created.ok()) << created.error().message;
      o.clients.push_back(created->summary.client.meta.id);
    }
    return o;
  }

  Result<Enrollment> Enroll(const Org& o, int client, const char* from) {
    Enrollment e;
    e.client_id = o.clients[client];
    e.track_id = o.track_id;
    e.starts_on = D(from);
    return calendar_->Enroll(o.admin, e);
  }

  static Actor Counselor(const Org& o, const std::string& staff_id) {
    Actor a = o.admin;
    a.user_id = "counselor-" + staff_id;
    a.role = "counselor";
    a.client_scope = ClientScope::kCaseload;
    a.staff_id = staff_id;
    return a;
  }

  bool Sees(const Actor& actor, const std::string& client_id) {
    auto check = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) -> Result<bool> {
      auto access = clients_->CheckAccessIn(tx, actor, client_id);
      if (!access.ok() && access.error().code != ErrorCode::kNotFound) return access.error();
      return access.ok();
    });
    EXPECT_TRUE(check.ok()) << check.error().message;
    const bool get = clients_->Get(actor, client_id).ok();
    EXPECT_EQ(get, *check) << "Get and CheckAccessIn disagree";
    return *check;
  }

  // The client list as the actor sees it (ids, sorted).
  std::vector<std::string> Listed(const Actor& actor) {
    admissions::ClientSearch s;
    s.limit = 50;
    auto page = clients_->Search(actor, s);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::vector<std::string> ids;
    if (page.ok()) {
      for (const auto& c : page->items) ids.push_back(c.client.meta.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static std::vector<std::string> Sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::unique_ptr<admissions::ClientService> clients_;
  std::unique_ptr<CalendarService> calendar_;
  Org a_, b_;
};

TEST_P(GroupAccessTest, AFacilitatorSeesEnrolledClientsAndTheirGroupsDropIns) {
  ASSERT_TRUE(Enroll(a_, 0, "2026-10-05").ok());
  const Actor dana = Counselor(a_, a_.dana);
  const Actor lee = Counselor(a_, a_.lee);
  EXPECT_TRUE(Sees(dana, a_.clients[0]));
  EXPECT_FALSE(Sees(dana, a_.clients[1]));
  EXPECT_FALSE(Sees(lee, a_.clients[0]));  // a counselor who does not facilitate the group
  EXPECT_EQ(Listed(dana), std::vector<std::string>{a_.clients[0]});
  EXPECT_TRUE(Listed(lee).empty());

  // An enrollment starting within the week is an upcoming roster.
  ASSERT_TRUE(Enroll(a_, 2, "2026-11-09").ok());
  EXPECT_TRUE(Sees(dana, a_.clients[2]));

  // A make-up on Wednesday's meeting puts Ben on a roster Dana facilitates.
  ASSERT_TRUE(calendar_->AddToRoster(a_.admin, a_.series_id + ":2026-11-04", a_.clients[1], "make_up").ok());
  EXPECT_TRUE(Sees(dana, a_.clients[1]));
  EXPECT_EQ(Listed(dana), Sorted(a_.clients));
}

TEST_P(GroupAccessTest, AFacilitatorLosesTheClientAWeekAfterTheEnrollmentEnds) {
  auto ana = Enroll(a_, 0, "2026-10-05");
  ASSERT_TRUE(ana.ok());
  const Actor dana = Counselor(a_, a_.dana);
  // Her last day is Sunday 1 November (ended_on is exclusive).
  ASSERT_TRUE(calendar_->EndEnrollment(a_.admin, ana->meta.id, 1, D("2026-11-02"), "Completed the track").ok());
  EXPECT_TRUE(Sees(dana, a_.clients[0]));  // the notes of the last meetings are still to write
  clock_.Advance(std::chrono::days(7));    // Monday 9 November: the week back starts on 2 November
  EXPECT_FALSE(Sees(dana, a_.clients[0]));
  EXPECT_TRUE(Listed(dana).empty());
}

TEST_P(GroupAccessTest, AFacilitatorWhoStopsFacilitatingLosesTheGroupsClients) {
  ASSERT_TRUE(Enroll(a_, 0, "2026-10-05").ok());
  const Actor dana = Counselor(a_, a_.dana);
  const Actor lee = Counselor(a_, a_.lee);
  ASSERT_TRUE(Sees(dana, a_.clients[0]));
  auto series = calendar_->GetSeries(a_.admin, a_.series_id);
  ASSERT_TRUE(series.ok());
  GroupSeries changed = *series;
  changed.facilitator_staff_ids = {a_.lee};
  auto updated = calendar_->UpdateSeries(a_.admin, changed, series->meta.version);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_FALSE(Sees(dana, a_.clients[0]));
  EXPECT_TRUE(Sees(lee, a_.clients[0]));

  // A series that ended more than a week ago reaches nobody.
  auto ended = calendar_->EndSeries(a_.admin, a_.series_id, updated->meta.version, D("2026-10-21"));
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_FALSE(Sees(lee, a_.clients[0]));
}

TEST_P(GroupAccessTest, AStandInSeesThatOccurrencesRosterOnly) {
  ASSERT_TRUE(Enroll(a_, 0, "2026-10-05").ok());
  const Actor lee = Counselor(a_, a_.lee);
  ChangeRequest substitute;
  substitute.action = "substitute";
  substitute.reason = "Dana is away";
  substitute.facilitator_staff_ids = {a_.lee};
  auto changed = calendar_->ChangeOccurrence(a_.admin, a_.series_id + ":2026-11-04", substitute);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_TRUE(Sees(lee, a_.clients[0]));
  EXPECT_FALSE(Sees(lee, a_.clients[1]));
  clock_.Advance(std::chrono::days(12));  // 14 November: the meeting is more than a week back
  EXPECT_FALSE(Sees(lee, a_.clients[0]));
}

TEST_P(GroupAccessTest, NobodyReachesAnotherOrganizationsGroups) {
  ASSERT_TRUE(Enroll(a_, 0, "2026-10-05").ok());
  ASSERT_TRUE(Enroll(b_, 0, "2026-10-05").ok());
  const Actor dana_a = Counselor(a_, a_.dana);
  EXPECT_FALSE(Sees(dana_a, b_.clients[0]));
  EXPECT_EQ(Listed(dana_a), std::vector<std::string>{a_.clients[0]});
  // Even an actor of organization A carrying B's facilitator as staff record reaches nothing of B.
  Actor crossed = Counselor(a_, b_.dana);
  EXPECT_FALSE(Sees(crossed, b_.clients[0]));
  EXPECT_FALSE(Sees(crossed, a_.clients[0]));
  EXPECT_TRUE(Listed(crossed).empty());
  auto reached = db::InTransaction(database(), db::Access::kRead,
                                   [&](db::Transaction& tx) { return clients_->ReachedIn(tx, crossed); });
  ASSERT_TRUE(reached.ok());
  EXPECT_TRUE(reached->empty());
}

TEST_P(GroupAccessTest, PlansDueFollowTheSameCaseload) {
  ASSERT_TRUE(Enroll(a_, 0, "2026-10-05").ok());
  // Ana and Ben are admitted with Lee as their counselor; only Ana is in Dana's group.
  for (int i : {0, 1}) {
    admissions::Episode e;
    e.client_id = a_.clients[i];
    e.program_id = a_.program_id;
    e.track_id = a_.track_id;
    e.stage = "orientation";
    e.admission_date = D("2026-10-30");
    e.counselor_id = a_.lee;
    auto opened = clients_->OpenEpisode(a_.admin, e);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
  }
  static const plans::PlanSettings settings;
  plans::PlanService plans(database(), clock_, *clients_, settings);
  auto ids = [](const std::vector<plans::DueItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.client_id);
    std::sort(out.begin(), out.end());
    return out;
  };
  auto dana = plans.Due(Counselor(a_, a_.dana), 30);
  ASSERT_TRUE(dana.ok()) << dana.error().message;
  EXPECT_EQ(ids(*dana), std::vector<std::string>{a_.clients[0]});
  auto lee = plans.Due(Counselor(a_, a_.lee), 30);
  ASSERT_TRUE(lee.ok());
  EXPECT_EQ(ids(*lee), Sorted({a_.clients[0], a_.clients[1]}));
}

STORE_TEST_P(GroupAccessTest);

}  // namespace
}  // namespace stepwise::scheduling
