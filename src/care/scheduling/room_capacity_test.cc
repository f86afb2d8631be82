// Issue 7 on both engines: a room keeps holding the groups that meet in it (its capacity may not drop below
// their size limits; a size limit may not rise above the room a meeting was moved to), and a meeting moved into a room smaller than its size limit takes drop-ins and make-ups
// only while the room holds them. The clock reads Monday 2026-11-02.
#include <gtest/gtest.h>

#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "care/scheduling/calendar_service.h"
#include "care/scheduling/calendar_store.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::scheduling {
namespace {

Date D(const char* text) { return *ParseDate(text); }

class RoomCapacityTest : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    program::ProgramService programs(database(), clock_);
    auto org = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Northstar", "America/New_York"});
    ASSERT_TRUE(org.ok());
    admin_ = stepwise::testing::TestActor(org->meta.id);
    auto site = programs.CreateSite(admin_, {{}, "Lakeside", "", {}});
    auto program = programs.CreateProgram(admin_, {{}, site->meta.id, "Adult IOP", "2.1"});
    site_id_ = site->meta.id;
    program::Track t;
    t.program_id = program->meta.id;
    t.name = "Evening track";
    t.days = {"mon", "thu"};
    t.start_minute = 1080;
    t.end_minute = 1260;
    t.capacity = 12;
    evening_ = programs.CreateTrack(admin_, t)->meta.id;
    program::StaffService staff(database(), clock_);
    program::Staff s;
    s.given_name = "Dana";
    s.family_name = "Reyes";
    s.roles = {"counselor"};
    dana_ = staff.Create(admin_, s)->meta.id;
    s.given_name = "Lee";
    s.family_name = "Park";
    lee_ = staff.Create(admin_, s)->meta.id;
    clients_ = std::make_unique<admissions::ClientService>(database(), clock_);
    calendar_ = std::make_unique<CalendarService>(database(), clock_, *clients_);
    room_2_ = calendar_->CreateRoom(admin_, {{}, site_id_, "Room 2", 12, true})->meta.id;
    hall_ = calendar_->CreateRoom(admin_, {{}, site_id_, "Hall", 20, true})->meta.id;
    nook_ = calendar_->CreateRoom(admin_, {{}, site_id_, "Nook", 8, true})->meta.id;
  }

  // A weekly group of the evening track, 18:00–21:00 on `day`, from 2026-10-05.
  GroupSeries Series(const std::string& title, const char* day, const std::string& room_id, int size_limit,
                     const std::string& facilitator) {
    GroupSeries s;
    s.track_id = evening_;
    s.title = title;
    s.group_type = "process";
    s.rule.days = {day};
    s.rule.start_minute = 1080;
    s.rule.end_minute = 1260;
    s.rule.starts_on = D("2026-10-05");
    s.room_id = room_id;
    s.facilitator_staff_ids = {facilitator};
    s.size_limit = size_limit;
    return s;
  }

  Result<Room> Resize(const std::string& id, const std::string& name, int capacity, std::int64_t version) {
    Room r{{}, site_id_, name, capacity, true};
    r.meta.id = id;
    return calendar_->UpdateRoom(admin_, r, version);
  }

  std::string NewClient(const std::string& given) {
    admissions::Client c;
    c.legal_name = {given, "", "Client"};
    c.birth_date = D("1990-05-05");
    auto created = clients_->Create(admin_, c);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->summary.client.meta.id : "";
  }

  Actor admin_;
  std::string site_id_, evening_, dana_, lee_, room_2_, hall_, nook_;
  std::unique_ptr<admissions::ClientService> clients_;
  std::unique_ptr<CalendarService> calendar_;
};

TEST_P(RoomCapacityTest, ARoomKeepsHoldingTheSeriesThatMeetInIt) {
  auto process = calendar_->CreateSeries(admin_, Series("Process group", "mon", room_2_, 12, dana_));
  ASSERT_TRUE(process.ok()) << process.error().message;
  // An ended series with a larger limit no longer counts.
  auto art = Series("Art group", "thu", room_2_, 12, lee_);
  art.rule.ends_on = D("2026-10-29");
  ASSERT_TRUE(calendar_->CreateSeries(admin_, art).ok());

  auto refused = Resize(room_2_, "Room 2", 8, 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "capacity");
  EXPECT_EQ(refused.error().fields[0].message,
            "Process group (Evening track) meets here with a size limit of 12; the room would hold 8");
  auto rooms = calendar_->ListRooms(admin_);
  ASSERT_TRUE(rooms.ok());
  for (const auto& r : *rooms) {
    if (r.meta.id != room_2_) continue;
    EXPECT_EQ(r.capacity, 12);  // nothing saved
    EXPECT_EQ(r.meta.version, 1);
  }
  // A stale version is still a 412, before any capacity check.
  auto stale = Resize(room_2_, "Room 2", 8, 7);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);

  // Raising the capacity, or keeping it, is never checked; down to the size limit is fine.
  ASSERT_TRUE(Resize(room_2_, "Room 2", 14, 1).ok());
  ASSERT_TRUE(Resize(room_2_, "Room Two", 14, 2).ok());
  auto to_limit = Resize(room_2_, "Room Two", 12, 3);
  ASSERT_TRUE(to_limit.ok()) << to_limit.error().message;
  EXPECT_EQ(to_limit->capacity, 12);

  // Once the Process group has ended, the room may shrink.
  ASSERT_TRUE(calendar_->EndSeries(admin_, process->meta.id, process->meta.version, D("2026-10-26")).ok());
  auto shrunk = Resize(room_2_, "Room Two", 8, 4);
  ASSERT_TRUE(shrunk.ok()) << shrunk.error().message;
}

TEST_P(RoomCapacityTest, ARoomKeepsHoldingTheMeetingsMovedIntoIt) {
  auto series = calendar_->CreateSeries(admin_, Series("Process group", "thu", hall_, 8, dana_));
  ASSERT_TRUE(series.ok()) << series.error().message;
  // This Thursday's meeting moves into the Nook; one that met there last week is past.
  for (const char* day : {"2026-11-05", "2026-10-29"}) {
    ChangeRequest room{.action = "room", .reason = "Hall booked", .room_id = nook_};
    auto changed = calendar_->ChangeOccurrence(admin_, series->meta.id + ":" + day, room);
    ASSERT_TRUE(changed.ok()) << changed.error().message;
  }
  auto refused = Resize(nook_, "Nook", 6, 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "capacity");
  EXPECT_EQ(refused.error().fields[0].message,
            "Process group (Evening track) meets here on 2026-11-05 with a size limit of 8; the room would hold 6");

  // Cancelled, that meeting no longer needs the Nook; the past one never did.
  ChangeRequest cancel{.action = "cancel", .reason = "Facilitator ill"};
  ASSERT_TRUE(calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-11-05", cancel).ok());
  auto shrunk = Resize(nook_, "Nook", 6, 1);
  ASSERT_TRUE(shrunk.ok()) << shrunk.error().message;
  EXPECT_EQ(shrunk->capacity, 6);
}

// A size limit raised above the room a single meeting was moved to is refused, naming size_limit and the
// meeting; nothing is saved. Up to the room's capacity, or once the meeting is past, it is fine.
TEST_P(RoomCapacityTest, ARaisedSizeLimitMustFitTheRoomsMeetingsWereMovedTo) {
  auto series = calendar_->CreateSeries(admin_, Series("Process group", "thu", hall_, 6, dana_));
  ASSERT_TRUE(series.ok()) << series.error().message;
  for (const char* day : {"2026-10-29", "2026-11-12", "2026-11-19"}) {  // one past, two ahead
    ChangeRequest room{.action = "room", .reason = "Hall booked", .room_id = nook_};
    auto changed = calendar_->ChangeOccurrence(admin_, series->meta.id + ":" + day, room);
    ASSERT_TRUE(changed.ok()) << changed.error().message;
  }
  auto raised = *series;
  raised.size_limit = 10;
  auto refused = calendar_->UpdateSeries(admin_, raised, series->meta.version);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "size_limit");
  EXPECT_EQ(refused.error().fields[0].message, "the meeting of 2026-11-12 was moved to Nook, which holds 8");
  auto kept = calendar_->GetSeries(admin_, series->meta.id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->size_limit, 6);
  EXPECT_EQ(kept->meta.version, series->meta.version);

  // Up to the Nook's 8 is fine; with both future meetings cancelled, the Hall's 20 is too.
  raised.size_limit = 8;
  auto to_room = calendar_->UpdateSeries(admin_, raised, series->meta.version);
  ASSERT_TRUE(to_room.ok()) << to_room.error().message;
  for (const char* day : {"2026-11-12", "2026-11-19"}) {
    ChangeRequest cancel{.action = "cancel", .reason = "Holiday week"};
    ASSERT_TRUE(calendar_->ChangeOccurrence(admin_, series->meta.id + ":" + day, cancel).ok());
  }
  raised.size_limit = 20;
  auto to_hall = calendar_->UpdateSeries(admin_, raised, to_room->meta.version);
  ASSERT_TRUE(to_hall.ok()) << to_hall.error().message;
  EXPECT_EQ(to_hall->size_limit, 20);
}

// A meeting in a room that holds fewer than its size limit (data from before the rules above: the room shrunk
// in the store directly) takes drop-ins and make-ups while the room holds them, naming the room; the Hall's
// meetings take up to the limit.
TEST_P(RoomCapacityTest, ADropInMustFitTheMeetingsRoom) {
  auto series = calendar_->CreateSeries(admin_, Series("Process group", "thu", hall_, 4, dana_));
  ASSERT_TRUE(series.ok()) << series.error().message;
  const std::string thursday = series->meta.id + ":2026-11-05";
  ChangeRequest room{.action = "room", .reason = "Hall booked", .room_id = nook_};
  ASSERT_TRUE(calendar_->ChangeOccurrence(admin_, thursday, room).ok());
  Room tiny{{}, site_id_, "Nook", 2, true};
  tiny.meta.id = nook_;
  tiny.meta.org_id = admin_.org_id;
  auto shrunk = db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) {
    return CalendarStore::UpdateRoom(tx, tiny, 1, "2026-11-02T12:00:00Z");
  });
  ASSERT_TRUE(shrunk.ok()) << shrunk.error().message;

  const std::vector<std::string> clients = {NewClient("Ana"), NewClient("Ben"), NewClient("Cy")};
  ASSERT_TRUE(calendar_->AddToRoster(admin_, thursday, clients[0], "drop_in").ok());
  ASSERT_TRUE(calendar_->AddToRoster(admin_, thursday, clients[1], "make_up").ok());
  auto refused = calendar_->AddToRoster(admin_, thursday, clients[2], "drop_in");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "client_id");
  EXPECT_EQ(refused.error().fields[0].message, "the group is full: Nook holds 2 (2 on the roster)");
  auto kept = calendar_->GetOccurrence(admin_, thursday);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->roster.size(), 2u);  // nothing saved

  // Next Thursday meets in the Hall: three fit under the size limit of 4.
  const std::string next = series->meta.id + ":2026-11-12";
  for (const auto& c : clients) ASSERT_TRUE(calendar_->AddToRoster(admin_, next, c, "drop_in").ok());
}

STORE_TEST_P(RoomCapacityTest);

}  // namespace
}  // namespace stepwise::scheduling
