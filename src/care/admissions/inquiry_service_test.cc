// The admissions pipeline on both engines: recording a call, stage moves, booking, follow-ups, the
// waitlist, the duplicate check, linking a client and the assessment stage's outcome hook.
#include "care/admissions/inquiry_service.h"

#include <gtest/gtest.h>

#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::admissions {
namespace {

class InquiryServiceTest : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    services_ = std::make_unique<Services>(database(), clock_);
    read_log_ = std::make_unique<audit::ReadLog>(database(), clock_);
    svc().SetReadLog(read_log_.get());
    clients().SetReadLog(read_log_.get());
    auto org = programs().AddOrganization(stepwise::testing::TestActor(""), {{}, "Northstar", "America/Chicago"});
    actor_ = stepwise::testing::TestActor(org->meta.id);
    actor_.permissions = {"admissions.read", "admissions.write", "clients.read", "clients.write"};
    auto site = programs().CreateSite(actor_, {{}, "Lakeside", "", {}});
    program_id_ = programs().CreateProgram(actor_, {{}, site->meta.id, "Adult IOP", "2.1"})->meta.id;
    program::Track evening;
    evening.program_id = program_id_;
    evening.name = "Evening";
    evening.days = {"mon", "tue", "thu"};
    evening.start_minute = 18 * 60;
    evening.end_minute = 21 * 60;
    evening.capacity = 2;
    track_id_ = programs().CreateTrack(actor_, evening)->meta.id;
    program::StaffService staff(database(), clock_);
    program::Staff priya;
    priya.given_name = "Priya", priya.family_name = "Shah", priya.roles = {"counselor"};
    assessor_id_ = staff.Create(actor_, priya)->meta.id;
  }

  void TearDown() override {
    read_log_.reset();  // drains before the database closes
    services_.reset();
    StoreTest::TearDown();
  }

  Inquiry Call(const std::string& given, const std::string& family = "Reyes") {
    Inquiry q;
    q.caller_type = "self";
    q.given_name = given;
    q.family_name = family;
    q.phone = "612-555-0101";
    q.substances = {"2", "10"};
    q.referral_source = "1";
    return q;
  }
  InquiryRecord Record(Inquiry q) {
    auto r = svc().Create(actor_, std::move(q));
    EXPECT_TRUE(r.ok()) << r.error().message;
    return *r;
  }
  std::string Tomorrow() { return FormatTimestamp(clock_.Now() + std::chrono::hours(24)); }
  Result<InquiryRecord> Book(const InquiryRecord& r) {
    return svc().BookAssessment(actor_, r.inquiry.meta.id, r.inquiry.meta.version, Tomorrow(), assessor_id_);
  }
  std::int64_t Count(const std::string& sql) {
    auto tx = database().Begin(db::Access::kRead);
    return (*tx)->Query(sql)->rows.at(0).Int(0);
  }

  // The services hold the database by reference, so they are made once SetUp has opened it.
  struct Services {
    Services(db::Database& db, const Clock& clock)
        : programs(db, clock), clients(db, clock), inquiries(db, clock, clients, programs) {}
    program::ProgramService programs;
    ClientService clients;
    InquiryService inquiries;
  };
  std::unique_ptr<Services> services_;
  std::unique_ptr<audit::ReadLog> read_log_;
  program::ProgramService& programs() { return services_->programs; }
  ClientService& clients() { return services_->clients; }
  InquiryService& svc() { return services_->inquiries; }
  Actor actor_;
  std::string program_id_, track_id_, assessor_id_;
};

TEST_P(InquiryServiceTest, RecordsACallWithFewFieldsAndCountsItOnTheBoard) {
  Inquiry q;
  q.caller_type = "family";
  q.given_name = "Dana";
  q.caller_phone = "612-555-0199";
  auto r = svc().Create(actor_, q);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->inquiry.stage, "inquiry");
  EXPECT_EQ(r->inquiry.received_at, FormatTimestamp(clock_.Now()));
  EXPECT_EQ(r->inquiry.meta.version, 1);
  auto board = svc().List(actor_, {});
  ASSERT_TRUE(board.ok());
  ASSERT_EQ(board->items.size(), 1u);
  EXPECT_EQ(board->counts.at("inquiry"), 1);
  EXPECT_EQ(board->counts.at("admitted"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'inquiry' AND action = 'create' AND "
                  "data_category = 'admissions'"),
            1);
}

TEST_P(InquiryServiceTest, ACallWithNoWayBackIsRefusedAndNothingIsWritten) {
  Inquiry q;
  q.caller_type = "self";
  q.given_name = "Dana";
  auto r = svc().Create(actor_, q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.at(0).field, "phone");
  q.phone = "612-555-0101";
  q.program_id = "01890000-0000-7000-8000-000000000000";
  EXPECT_EQ(svc().Create(actor_, q).error().fields.at(0).field, "program_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inquiries"), 0);
}

TEST_P(InquiryServiceTest, FindsInquiriesByNameWordsAndStage) {
  Record(Call("Dana", "Reyes"));
  auto other = Record(Call("Marcus", "Bell"));
  ASSERT_TRUE(svc().MoveStage(actor_, other.inquiry.meta.id, 1, {.stage = "screening"}).ok());
  auto names = [&](InquiryListQuery q) {
    std::vector<std::string> out;
    auto board = svc().List(actor_, q);
    EXPECT_TRUE(board.ok());
    for (const auto& r : board->items) out.push_back(r.inquiry.given_name);
    return out;
  };
  EXPECT_EQ(names({.q = "rey"}), (std::vector<std::string>{"Dana"}));
  EXPECT_EQ(names({.q = "mar bel"}), (std::vector<std::string>{"Marcus"}));
  EXPECT_TRUE(names({.q = "ana"}).empty());  // words match from their start only
  EXPECT_EQ(names({.stage = "screening"}), (std::vector<std::string>{"Marcus"}));
}

TEST_P(InquiryServiceTest, StageMovesFollowTheRulesAndTheVersion) {
  auto r = Record(Call("Dana"));
  const std::string id = r.inquiry.meta.id;
  auto closed = svc().MoveStage(actor_, id, 1, {.stage = "closed"});
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().fields.at(0).field, "reason");
  auto admitted = svc().MoveStage(actor_, id, 1, {.stage = "admitted"});
  EXPECT_EQ(admitted.error().fields.at(0).field, "stage");
  auto screening = svc().MoveStage(actor_, id, 1, {.stage = "screening"});
  ASSERT_TRUE(screening.ok());
  EXPECT_EQ(screening->inquiry.meta.version, 2);
  auto stale = svc().MoveStage(actor_, id, 1, {.stage = "closed", .reason = "no answer"});
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto ok = svc().MoveStage(actor_, id, 2, {.stage = "closed", .reason = "no answer after three calls"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->inquiry.stage_reason, "no answer after three calls");
  EXPECT_EQ(svc().List(actor_, {})->counts.at("closed"), 1);
}

TEST_P(InquiryServiceTest, BookingNeedsLiveStaffAndNamesTheAssessor) {
  auto r = Record(Call("Dana"));
  auto unknown = svc().BookAssessment(actor_, r.inquiry.meta.id, 1, Tomorrow(), "01890000-0000-7000-8000-000000000000");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).field, "assessor_id");
  auto bad_time = svc().BookAssessment(actor_, r.inquiry.meta.id, 1, "tomorrow at 3", assessor_id_);
  EXPECT_EQ(bad_time.error().fields.at(0).field, "at");
  auto booked = Book(r);
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  EXPECT_EQ(booked->inquiry.stage, "assessment_booked");
  EXPECT_EQ(booked->assessor_name, "Priya Shah");
  EXPECT_EQ(booked->inquiry.assessment_at, Tomorrow());
}

TEST_P(InquiryServiceTest, FollowUpsAreOverdueWhenOpenAndDueBeforeToday) {
  auto r = Record(Call("Dana"));
  auto later = Record(Call("Marcus", "Bell"));
  InquiryTask late;
  late.inquiry_id = r.inquiry.meta.id;
  late.title = "Call back about insurance";
  late.due_on = *ParseDate("2026-11-01");  // the fixture's clock says 2026-11-02
  auto added = svc().AddTask(actor_, late);
  ASSERT_TRUE(added.ok()) << added.error().message;
  InquiryTask upcoming = late;
  upcoming.inquiry_id = later.inquiry.meta.id;
  upcoming.due_on = *ParseDate("2026-11-05");
  upcoming.assigned_to = assessor_id_;
  ASSERT_TRUE(svc().AddTask(actor_, upcoming).ok());

  auto overdue = svc().List(actor_, {.overdue_only = true});
  ASSERT_EQ(overdue->items.size(), 1u);
  EXPECT_EQ(overdue->items[0].inquiry.given_name, "Dana");
  EXPECT_TRUE(overdue->items[0].overdue);
  EXPECT_EQ(overdue->items[0].open_tasks, 1);
  auto due = svc().Tasks(actor_, {.due_before = ParseDate("2026-11-02")});
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->at(0).inquiry_name, "Dana Reyes");
  auto mine = svc().Tasks(actor_, {.assigned_to = assessor_id_});
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).assigned_to_name, "Priya Shah");

  EXPECT_EQ(svc().CompleteTask(actor_, added->meta.id, 7).error().code, ErrorCode::kFailedPrecondition);
  auto done = svc().CompleteTask(actor_, added->meta.id, 1);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->done_by, "tester");
  EXPECT_EQ(svc().CompleteTask(actor_, added->meta.id, 2).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(svc().List(actor_, {.overdue_only = true})->items.empty());
  EXPECT_EQ(svc().ListTasks(actor_, r.inquiry.meta.id)->size(), 1u);  // done ones stay listed
}

TEST_P(InquiryServiceTest, TheWaitlistPutsUrgentFirstAndCountsOpenPlaces) {
  // One client already in the evening track.
  Client c;
  c.legal_name = {"Sam", "", "Okafor"};
  c.birth_date = *ParseDate("1979-03-03");
  auto client = clients().Create(actor_, c);
  Episode e;
  e.client_id = client->summary.client.meta.id;
  e.program_id = program_id_;
  e.track_id = track_id_;
  e.stage = "treatment";
  e.level_of_care = "2.1";
  e.admission_date = ParseDate("2026-10-01");
  ASSERT_TRUE(clients().OpenEpisode(actor_, e).ok());

  auto first = Record(Call("Ann", "Early"));
  ASSERT_TRUE(svc().MoveStage(actor_, first.inquiry.meta.id, 1, {.stage = "waitlisted"}).error().fields.at(0).field ==
              "track_id");
  ASSERT_TRUE(svc().MoveStage(actor_, first.inquiry.meta.id, 1, {.stage = "waitlisted", .track_id = track_id_}).ok());
  clock_.Advance(std::chrono::hours(2));
  Inquiry urgent = Call("Ben", "Later");
  urgent.urgency = "urgent";
  auto second = Record(urgent);
  ASSERT_TRUE(svc().MoveStage(actor_, second.inquiry.meta.id, 1, {.stage = "waitlisted", .track_id = track_id_}).ok());

  auto w = svc().Waitlist(actor_, "");
  ASSERT_TRUE(w.ok()) << w.error().message;
  ASSERT_EQ(w->size(), 1u);
  const auto& t = w->at(0);
  EXPECT_EQ(t.capacity, 2);
  EXPECT_EQ(t.enrolled, 1);
  EXPECT_EQ(t.open_places, 1);
  ASSERT_EQ(t.entries.size(), 2u);
  EXPECT_EQ(t.entries[0].name, "Ben Later");
  EXPECT_EQ(t.entries[0].position, 1);
  EXPECT_EQ(t.entries[1].name, "Ann Early");
  EXPECT_EQ(svc().Waitlist(actor_, "01890000-0000-7000-8000-000000000000").error().fields.at(0).field, "track_id");
}

TEST_P(InquiryServiceTest, TheDuplicateCheckFindsLikelyClientsAndSaysWhy) {
  auto add = [&](const std::string& given, const std::string& family, const std::string& dob,
                 const std::string& phone) {
    Client c;
    c.legal_name = {given, "", family};
    c.birth_date = *ParseDate(dob);
    c.phone = phone;
    return clients().Create(actor_, c)->summary.client.meta.id;
  };
  const std::string same_family = add("Daniela", "Reyes", "1990-05-06", "");
  const std::string similar = add("Danny", "Rivers", "1990-05-06", "");
  const std::string by_phone = add("Other", "Person", "1970-01-01", "+1 (612) 555-0101");
  add("Unrelated", "Someone", "1990-05-06", "");  // same birth date, nothing else

  Inquiry q = Call("Dana", "Reyes");
  q.birth_date = ParseDate("1990-05-06");
  auto r = Record(q);
  auto found = svc().PossibleDuplicates(actor_, r.inquiry.meta.id);
  ASSERT_TRUE(found.ok()) << found.error().message;
  std::map<std::string, std::vector<std::string>> why;
  for (const auto& d : *found) why[d.summary.client.meta.id] = d.why;
  ASSERT_EQ(why.size(), 3u);
  EXPECT_EQ(why[same_family], (std::vector<std::string>{"same family name and birth date"}));
  EXPECT_EQ(why[similar], (std::vector<std::string>{"similar name and same birth date"}));
  EXPECT_EQ(why[by_phone], (std::vector<std::string>{"same phone number"}));

  Actor front_desk = actor_;
  front_desk.permissions = {"admissions.read", "admissions.write"};
  EXPECT_EQ(svc().PossibleDuplicates(front_desk, r.inquiry.meta.id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'inquiry' AND action = 'read' AND "
                  "reason LIKE 'duplicate check%'"),
            1);
}

TEST_P(InquiryServiceTest, LinkingRegistersTheClientAndOpensAnAssessmentEpisodeForTheAssessor) {
  auto r = Record(Call("Dana"));
  Client draft;
  draft.legal_name = {"Dana", "", "Reyes"};
  draft.birth_date = *ParseDate("1990-05-06");
  auto too_early = svc().LinkClient(actor_, r.inquiry.meta.id, 1, {.draft = draft});
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.error().code, ErrorCode::kConflict);
  auto booked = Book(r);
  ASSERT_TRUE(booked.ok());

  Client bad = draft;
  bad.birth_date = *ParseDate("2030-01-01");
  auto refused = svc().LinkClient(actor_, r.inquiry.meta.id, 2, {.draft = bad});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "client.birth_date");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clients"), 0);

  EXPECT_EQ(svc().LinkClient(actor_, r.inquiry.meta.id, 1, {.draft = draft}).error().code,
            ErrorCode::kFailedPrecondition);
  auto linked = svc().LinkClient(actor_, r.inquiry.meta.id, 2, {.draft = draft});
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  EXPECT_EQ(linked->episode.stage, "assessment");
  EXPECT_EQ(linked->episode.counselor_id, assessor_id_);
  EXPECT_EQ(linked->episode.program_id, program_id_);
  EXPECT_EQ(linked->inquiry.inquiry.client_id, linked->client_id);
  EXPECT_EQ(linked->inquiry.inquiry.program_id, program_id_);
  auto chart = clients().Get(actor_, linked->client_id);
  ASSERT_TRUE(chart.ok());
  EXPECT_EQ(chart->current_episode->stage, "assessment");
  auto again = svc().LinkClient(actor_, r.inquiry.meta.id, linked->inquiry.inquiry.meta.version,
                               {.client_id = linked->client_id});
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);

  // The assessment stage finds the inquiry of the linked client, and refuses another client's.
  auto of_client = [&](const std::string& client_id, const std::string& inquiry_id) {
    return db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
      return svc().InquiryOfClientIn(tx, actor_, client_id, inquiry_id);
    });
  };
  EXPECT_EQ(*of_client(linked->client_id, ""), r.inquiry.meta.id);
  EXPECT_EQ(*of_client(linked->client_id, r.inquiry.meta.id), r.inquiry.meta.id);
  EXPECT_EQ(*of_client("01a20000-0000-7000-8000-0000000000ff", ""), "");
  EXPECT_EQ(of_client("01a20000-0000-7000-8000-0000000000ff", r.inquiry.meta.id).error().fields.at(0).field,
            "inquiry_id");
  EXPECT_EQ(of_client(linked->client_id, "01a20000-0000-7000-8000-0000000000aa").error().fields.at(0).field,
            "inquiry_id");
  ASSERT_TRUE(db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) {
                return svc().RecordOutcomeIn(tx, actor_, r.inquiry.meta.id, "admitted", "");
              }).ok());
  EXPECT_EQ(*of_client(linked->client_id, ""), "") << "a settled inquiry is not picked up again";
}

TEST_P(InquiryServiceTest, LinkingAnExistingClientWithAnOpenEpisodeIsRefusedWhole) {
  Client c;
  c.legal_name = {"Dana", "", "Reyes"};
  c.birth_date = *ParseDate("1990-05-06");
  auto existing = clients().Create(actor_, c);
  Episode e;
  e.client_id = existing->summary.client.meta.id;
  e.program_id = program_id_;
  e.stage = "intake";
  e.level_of_care = "2.1";
  ASSERT_TRUE(clients().OpenEpisode(actor_, e).ok());
  auto booked = Book(Record(Call("Dana")));
  auto refused = svc().LinkClient(actor_, booked->inquiry.meta.id, 2, {.client_id = e.client_id});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(svc().Get(actor_, booked->inquiry.meta.id)->inquiry.client_id, "");
}

TEST_P(InquiryServiceTest, TheAssessmentStageRecordsOutcomesInItsOwnTransaction) {
  auto booked = Book(Record(Call("Dana")));
  const std::string id = booked->inquiry.meta.id;
  auto outcome = [&](const std::string& stage, const std::string& detail) {
    return db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) {
      return svc().RecordOutcomeIn(tx, actor_, id, stage, detail);
    });
  };
  EXPECT_EQ(outcome("closed", "").error().fields.at(0).field, "stage");
  ASSERT_TRUE(outcome("assessed", "").ok());
  EXPECT_EQ(svc().Get(actor_, id)->inquiry.stage, "assessed");
  EXPECT_EQ(outcome("waitlisted", "not-a-track").error().fields.at(0).field, "track_id");
  ASSERT_TRUE(outcome("admitted", "").ok());
  EXPECT_EQ(svc().Get(actor_, id)->inquiry.stage, "admitted");
  EXPECT_EQ(outcome("referred", "Riverside").error().code, ErrorCode::kFailedPrecondition);

  // A referral records where to.
  auto other = Book(Record(Call("Marcus", "Bell")));
  const std::string id2 = other->inquiry.meta.id;
  ASSERT_TRUE(db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) {
                return svc().RecordOutcomeIn(tx, actor_, id2, "referred", "Riverside residential");
              }).ok());
  auto referred = svc().Get(actor_, id2);
  EXPECT_EQ(referred->inquiry.stage, "referred");
  EXPECT_EQ(referred->inquiry.referred_to, "Riverside residential");
}

TEST_P(InquiryServiceTest, UpdatesKeepThePipelineAndVoidingHidesFromTheBoard) {
  auto booked = Book(Record(Call("Dana")));
  Inquiry changes = booked->inquiry;
  changes.notes = "Prefers texts";
  changes.urgency = "soon";
  auto updated = svc().Update(actor_, changes, 2);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->inquiry.notes, "Prefers texts");
  EXPECT_EQ(updated->inquiry.stage, "assessment_booked");
  EXPECT_EQ(svc().Update(actor_, changes, 2).error().code, ErrorCode::kFailedPrecondition);
  auto voided = svc().Void(actor_, booked->inquiry.meta.id, 3, "entered twice");
  ASSERT_TRUE(voided.ok());
  EXPECT_TRUE(voided->inquiry.meta.voided);
  EXPECT_TRUE(svc().List(actor_, {})->items.empty());
  EXPECT_EQ(svc().List(actor_, {})->counts.at("assessment_booked"), 0);
}

STORE_TEST_P(InquiryServiceTest);

}  // namespace
}  // namespace stepwise::admissions
