// Client registration, search and episodes of care on both engines.
#include "care/admissions/client_service.h"

#include <gtest/gtest.h>

#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "store/store_fixture.h"

namespace stepwise::admissions {
namespace {

class ClientServiceTest : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    program::ProgramService programs(database(), clock_);
    auto org = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Northstar", "America/Chicago"});
    actor_ = stepwise::testing::TestActor(org->meta.id);
    auto site = programs.CreateSite(actor_, {{}, "Lakeside", "", {}});
    program_id_ = programs.CreateProgram(actor_, {{}, site->meta.id, "Adult IOP", "2.1"})->meta.id;
  }
  Client Person(const std::string& given, const std::string& family, const std::string& dob) {
    Client c;
    c.legal_name = {given, "", family};
    c.birth_date = *ParseDate(dob);
    return c;
  }
  ClientService svc() { return ClientService(database(), clock_); }
  Actor actor_;
  std::string program_id_;
};

TEST_P(ClientServiceTest, RegistersWithAnAssignedMrnAndRefusesDuplicates) {
  auto s = svc();
  auto maria = s.Create(actor_, Person("Maria", "Lopez", "1988-04-17"));
  ASSERT_TRUE(maria.ok()) << maria.error().message;
  EXPECT_EQ(maria->summary.client.mrn, "SW-000001");
  auto james = s.Create(actor_, Person("James", "Carter", "1980-01-02"));
  EXPECT_EQ(james->summary.client.mrn, "SW-000002");
  Client dup = Person("Other", "Person", "1990-01-01");
  dup.mrn = "sw-000001";
  auto refused = s.Create(actor_, dup);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().fields.at(0).field, "mrn");
}

TEST_P(ClientServiceTest, RefusesImpossibleBirthDates) {
  auto s = svc();
  auto future = s.Create(actor_, Person("Tomorrow", "Child", "2027-01-01"));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().fields.at(0).field, "birth_date");
  auto count = s.Search(actor_, {});
  EXPECT_TRUE(count->items.empty());
}

TEST_P(ClientServiceTest, FindsClientsByNamePrefixMrnAndBirthDate) {
  auto s = svc();
  Client maria = Person("Maria", "Lopez", "1988-04-17");
  maria.preferred_name = "Mari";
  ASSERT_TRUE(s.Create(actor_, maria).ok());
  ASSERT_TRUE(s.Create(actor_, Person("Mark", "Garcia-Ruiz", "1975-09-09")).ok());
  ASSERT_TRUE(s.Create(actor_, Person("Lopa", "Mudra", "1990-01-01")).ok());

  auto names = [&](ClientSearch q) {
    std::vector<std::string> out;
    auto page = s.Search(actor_, q);
    EXPECT_TRUE(page.ok());
    for (const auto& i : page->items) out.push_back(i.client.legal_name.family);
    return out;
  };
  EXPECT_EQ(names({.q = "mar"}), (std::vector<std::string>{"Garcia-Ruiz", "Lopez"}));
  EXPECT_EQ(names({.q = "lop"}), (std::vector<std::string>{"Lopez", "Mudra"}));
  EXPECT_EQ(names({.q = "mari lop"}), (std::vector<std::string>{"Lopez"}));
  EXPECT_EQ(names({.q = "ruiz"}), (std::vector<std::string>{"Garcia-Ruiz"}));
  EXPECT_EQ(names({.q = "SW-000003"}), (std::vector<std::string>{"Mudra"}));
  EXPECT_EQ(names({.q = "04/17/1988"}), (std::vector<std::string>{"Lopez"}));
  EXPECT_EQ(names({.birth_date = ParseDate("1975-09-09")}), (std::vector<std::string>{"Garcia-Ruiz"}));
  EXPECT_TRUE(names({.q = "zzz"}).empty());
  // A name word that could also be an MRN still finds names when no MRN matches it.
  ASSERT_TRUE(s.Create(actor_, Person("Given7", "Family7", "1980-01-01")).ok());
  EXPECT_EQ(names({.q = "family7"}), (std::vector<std::string>{"Family7"}));
  EXPECT_EQ(names({.q = "sw-000004"}), (std::vector<std::string>{"Family7"}));
  // Searches of one and two letters and of long words page through the same name order.
  EXPECT_EQ(names({.q = "m"}), (std::vector<std::string>{"Garcia-Ruiz", "Lopez", "Mudra"}));
  EXPECT_EQ(names({.q = "garcia-r"}), (std::vector<std::string>{"Garcia-Ruiz"}));
}

TEST_P(ClientServiceTest, PagesWithAStableCursor) {
  auto s = svc();
  for (const char* family : {"Adams", "Baker", "Clark", "Davis", "Evans"}) {
    ASSERT_TRUE(s.Create(actor_, Person("Pat", family, "1980-01-01")).ok());
  }
  auto first = s.Search(actor_, {.limit = 2});
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_FALSE(first->next_cursor.empty());
  ASSERT_TRUE(s.Create(actor_, Person("Pat", "Aaron", "1980-01-01")).ok());  // sorts before the cursor
  auto second = s.Search(actor_, {.cursor = first->next_cursor, .limit = 2});
  EXPECT_EQ(second->items.at(0).client.legal_name.family, "Clark");
  auto third = s.Search(actor_, {.cursor = second->next_cursor, .limit = 2});
  ASSERT_EQ(third->items.size(), 1u);
  EXPECT_EQ(third->items[0].client.legal_name.family, "Evans");
  EXPECT_TRUE(third->next_cursor.empty());
}

TEST_P(ClientServiceTest, UpdatesNeedTheCurrentVersionAndVoidingHidesTheClient) {
  auto s = svc();
  auto created = s.Create(actor_, Person("Maria", "Lopez", "1988-04-17"));
  Client c = created->summary.client;
  c.pronouns = "she/her";
  auto v2 = s.Update(actor_, c, 1);
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  EXPECT_EQ(v2->summary.client.meta.version, 2);
  c.pronouns = "they/them";
  auto stale = s.Update(actor_, c, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(s.Get(actor_, c.meta.id)->summary.client.pronouns, "she/her");
  ASSERT_TRUE(s.Void(actor_, c.meta.id, 2, "duplicate registration").ok());
  EXPECT_TRUE(s.Search(actor_, {.q = "maria"})->items.empty());
  EXPECT_EQ(s.Search(actor_, {.q = "maria", .include_voided = true})->items.size(), 1u);
  auto after = s.Update(actor_, c, 3);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kConflict);
}

TEST_P(ClientServiceTest, OneOpenEpisodeAtATimeWithCoherentDates) {
  auto s = svc();
  auto client = s.Create(actor_, Person("Maria", "Lopez", "1988-04-17"));
  Episode e;
  e.client_id = client->summary.client.meta.id;
  e.program_id = program_id_;
  e.stage = "treatment";
  e.level_of_care = "2.1";
  auto missing_date = s.OpenEpisode(actor_, e);
  ASSERT_FALSE(missing_date.ok());
  EXPECT_EQ(missing_date.error().fields.at(0).field, "admission_date");
  e.admission_date = ParseDate("2026-10-01");
  auto opened = s.OpenEpisode(actor_, e);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto second = s.OpenEpisode(actor_, e);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  auto record = s.Get(actor_, e.client_id);
  EXPECT_EQ(record->summary.stage, "treatment");
  Episode discharge = *opened;
  discharge.stage = "discharged";
  discharge.discharge_date = ParseDate("2026-09-01");
  auto backwards = s.UpdateEpisode(actor_, discharge, 1);
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().fields.at(0).field, "discharge_date");
  discharge.discharge_date = ParseDate("2026-11-01");
  ASSERT_TRUE(s.UpdateEpisode(actor_, discharge, 1).ok());
  EXPECT_EQ(s.Search(actor_, {.stage = "discharged"})->items.size(), 1u);
}

TEST_P(ClientServiceTest, AnotherOrganizationCannotReachTheClient) {
  auto s = svc();
  auto client = s.Create(actor_, Person("Maria", "Lopez", "1988-04-17"));
  program::ProgramService programs(database(), clock_);
  auto other = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Other", "America/Chicago"});
  Actor outsider = stepwise::testing::TestActor(other->meta.id);
  EXPECT_EQ(s.Get(outsider, client->summary.client.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(s.Search(outsider, {.q = "maria"})->items.empty());
  EXPECT_EQ(s.Update(outsider, client->summary.client, 1).error().code, ErrorCode::kNotFound);
  Episode e;
  e.client_id = client->summary.client.meta.id;
  e.program_id = program_id_;
  e.stage = "intake";
  e.level_of_care = "2.1";
  EXPECT_EQ(s.OpenEpisode(outsider, e).error().code, ErrorCode::kNotFound);
}

TEST_P(ClientServiceTest, ACounselorSeesTheirCaseloadAndEmergencyGrantsOnly) {
  program::StaffService staff(database(), clock_);
  program::Staff a, b;
  a.given_name = "Priya", a.family_name = "Shah", a.roles = {"counselor"};
  b.given_name = "Tom", b.family_name = "Becker", b.roles = {"counselor"};
  const std::string priya = staff.Create(actor_, a)->meta.id, tom = staff.Create(actor_, b)->meta.id;
  auto s = svc();
  auto open = [&](const std::string& given, const std::string& counselor) {
    auto c = s.Create(actor_, Person(given, "Client", "1980-01-01"));
    Episode e;
    e.client_id = c->summary.client.meta.id;
    e.program_id = program_id_;
    e.stage = "assessment";
    e.level_of_care = "2.1";
    e.counselor_id = counselor;
    EXPECT_TRUE(s.OpenEpisode(actor_, e).ok());
    return c->summary.client;
  };
  Client mine = open("Mine", priya), theirs = open("Theirs", tom), unassigned = open("Nobody", "");

  Actor counselor = stepwise::testing::TestActor(actor_.org_id, "priya");
  counselor.client_scope = ClientScope::kCaseload;
  counselor.staff_id = priya;
  auto names = [&](ClientSearch q) {
    std::vector<std::string> out;
    auto page = s.Search(counselor, q);
    EXPECT_TRUE(page.ok());
    for (const auto& i : page->items) out.push_back(i.client.legal_name.given);
    return out;
  };
  EXPECT_EQ(names({}), (std::vector<std::string>{"Mine"}));
  EXPECT_EQ(names({.q = "theirs"}), (std::vector<std::string>{}));
  EXPECT_TRUE(s.Get(counselor, mine.meta.id).ok());
  // Swapping in another counselor's client id is "not found", for reads and writes alike.
  EXPECT_EQ(s.Get(counselor, theirs.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(s.Update(counselor, theirs, 1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(s.ListEpisodes(counselor, theirs.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(s.Void(counselor, unassigned.meta.id, 1, "mistake").error().code, ErrorCode::kNotFound);
  auto their_episode = s.ListEpisodes(actor_, theirs.meta.id)->front();
  EXPECT_EQ(s.GetEpisode(counselor, their_episode.meta.id).error().code, ErrorCode::kNotFound);

  // An emergency grant opens exactly that client.
  ClientService with_grant(database(), clock_);
  with_grant.SetEmergencyClients([&](db::Transaction&, const Actor&) -> Result<std::vector<std::string>> {
    return std::vector<std::string>{theirs.meta.id};
  });
  EXPECT_TRUE(with_grant.Get(counselor, theirs.meta.id).ok());
  EXPECT_EQ(with_grant.Search(counselor, {})->items.size(), 2u);
  EXPECT_EQ(with_grant.Get(counselor, unassigned.meta.id).error().code, ErrorCode::kNotFound);

  Actor no_scope = counselor;
  no_scope.client_scope = ClientScope::kNone;
  EXPECT_EQ(s.Get(no_scope, mine.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(s.Search(no_scope, {}).error().code, ErrorCode::kPermissionDenied);
}

STORE_TEST_P(ClientServiceTest);

}  // namespace
}  // namespace stepwise::admissions
