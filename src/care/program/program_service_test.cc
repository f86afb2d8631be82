// Program set-up scenarios on both engines.
#include "care/program/program_service.h"

#include <gtest/gtest.h>

#include "care/program/staff_service.h"
#include "store/store_fixture.h"

namespace stepwise::program {
namespace {

class ProgramServiceTest : public stepwise::testing::StoreTest {
 protected:
  Actor NewOrg(const std::string& name) {
    ProgramService svc(database(), clock_);
    auto org = svc.AddOrganization(stepwise::testing::TestActor(""), {{}, name, "America/Chicago"});
    EXPECT_TRUE(org.ok());
    return stepwise::testing::TestActor(org->meta.id);
  }
  Track MorningTrack(const std::string& program_id) {
    Track t;
    t.program_id = program_id;
    t.name = "Morning";
    t.days = {"fri", "mon", "wed"};
    t.start_minute = 9 * 60;
    t.end_minute = 12 * 60;
    t.capacity = 12;
    return t;
  }
};

TEST_P(ProgramServiceTest, FirstRunCreatesTheOrganizationOnce) {
  ProgramService svc(database(), clock_);
  Actor nobody{"", "tester", "administrator", ""};
  auto org = svc.CreateOrganization(nobody, {{}, "Northstar", "America/Chicago"});
  ASSERT_TRUE(org.ok()) << org.error().message;
  auto again = svc.CreateOrganization(nobody, {{}, "Second", "America/Chicago"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto bad = svc.AddOrganization(nobody, {{}, "Bad", "not a zone"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "time_zone");
}

TEST_P(ProgramServiceTest, SetsUpASiteProgramAndTracks) {
  ProgramService svc(database(), clock_);
  Actor a = NewOrg("Northstar");
  auto site = svc.CreateSite(a, {{}, "Lakeside", "", {}});
  ASSERT_TRUE(site.ok());
  auto program = svc.CreateProgram(a, {{}, site->meta.id, "Adult IOP", "2.1"});
  ASSERT_TRUE(program.ok()) << program.error().message;
  auto track = svc.CreateTrack(a, MorningTrack(program->meta.id));
  ASSERT_TRUE(track.ok()) << track.error().message;
  EXPECT_EQ(track->days, (std::vector<std::string>{"mon", "wed", "fri"}));
  EXPECT_DOUBLE_EQ(HoursPerWeek(*track), 9.0);
  auto tracks = svc.ListTracks(a, program->meta.id, false);
  ASSERT_TRUE(tracks.ok());
  ASSERT_EQ(tracks->size(), 1u);
  EXPECT_EQ(tracks->front().start_minute, 9 * 60);
}

TEST_P(ProgramServiceTest, StaleVersionIsRefusedAndNothingChanges) {
  ProgramService svc(database(), clock_);
  Actor a = NewOrg("Northstar");
  auto site = svc.CreateSite(a, {{}, "Lakeside", "", {}});
  ASSERT_TRUE(site.ok());
  Site first = *site;
  first.name = "Lakeside North";
  auto updated = svc.UpdateSite(a, first, 1);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->meta.version, 2);
  Site second = *site;
  second.name = "Overwritten";
  auto stale = svc.UpdateSite(a, second, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(svc.GetSite(a, site->meta.id)->name, "Lakeside North");
}

TEST_P(ProgramServiceTest, VoidingNeedsDependentsVoidedFirst) {
  ProgramService svc(database(), clock_);
  Actor a = NewOrg("Northstar");
  auto site = svc.CreateSite(a, {{}, "Lakeside", "", {}});
  auto program = svc.CreateProgram(a, {{}, site->meta.id, "Adult IOP", "2.1"});
  auto blocked = svc.VoidSite(a, site->meta.id, 1, "closing");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(svc.VoidProgram(a, program->meta.id, 1, "replaced").ok());
  auto voided = svc.VoidSite(a, site->meta.id, 1, "closing");
  ASSERT_TRUE(voided.ok());
  EXPECT_TRUE(voided->meta.voided);
  EXPECT_EQ(voided->meta.void_reason, "closing");
}

TEST_P(ProgramServiceTest, AnotherOrganizationSeesNothing) {
  ProgramService svc(database(), clock_);
  Actor a = NewOrg("Northstar");
  Actor b = NewOrg("Elsewhere");
  auto site = svc.CreateSite(a, {{}, "Lakeside", "", {}});
  auto peek = svc.GetSite(b, site->meta.id);
  ASSERT_FALSE(peek.ok());
  EXPECT_EQ(peek.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(svc.ListSites(b, true)->empty());
  auto steal = svc.CreateProgram(b, {{}, site->meta.id, "Theirs", "2.1"});
  ASSERT_FALSE(steal.ok());
  EXPECT_EQ(steal.error().fields.at(0).field, "site_id");
}

TEST_P(ProgramServiceTest, StaffWithRolesAndCredentials) {
  StaffService staff(database(), clock_);
  Actor a = NewOrg("Northstar");
  Staff s;
  s.given_name = "Priya";
  s.family_name = "Shah";
  s.roles = {"counselor"};
  s.credentials = {{"LADC", "LADC-1", "MN", ParseDate("2027-06-30")}};
  auto created = staff.Create(a, s);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto found = staff.List(a, {"sh", "counselor", false, "", 10});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().credentials.at(0).license_number, "LADC-1");
  s.credentials[0].issuing_state = "ZZ";
  auto bad = staff.Update(a, s, 1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "credentials[0].issuing_state");
}

STORE_TEST_P(ProgramServiceTest);

}  // namespace
}  // namespace stepwise::program
