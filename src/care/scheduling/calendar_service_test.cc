// The calendar core on both engines: series and their checks (credentials, room capacity, opening hours,
// double-booking naming the other group), occurrences across New York's March change, one-occurrence
// changes that leave the series alone, closures, enrollments with capacity, rosters with drop-ins and the
// caseload view of a roster.
#include "care/scheduling/calendar_service.h"

#include <gtest/gtest.h>

#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "care/scheduling/calendar_store.h"
#include "care/scheduling/occurrences.h"
#include "platform/base/time_zone.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::scheduling {
namespace {

Date D(const char* text) { return *ParseDate(text); }

class CalendarServiceTest : public stepwise::testing::StoreTest {
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
    program_id_ = program->meta.id;
    program::Track t;
    t.program_id = program_id_;
    t.name = "Morning track";
    t.days = {"mon", "wed", "thu"};
    t.start_minute = 540;
    t.end_minute = 720;
    t.capacity = 2;
    morning_ = programs.CreateTrack(admin_, t)->meta.id;
    t.name = "Evening track";
    t.capacity = 12;
    evening_ = programs.CreateTrack(admin_, t)->meta.id;
    program::StaffService staff(database(), clock_);
    program::Staff s;
    s.given_name = "Dana";
    s.family_name = "Reyes";
    s.roles = {"counselor"};
    s.credentials = {{"LADC", "L-1", "MN", ParseDate("2030-01-01")}};
    dana_ = staff.Create(admin_, s)->meta.id;
    s.given_name = "Lee";
    s.family_name = "Park";
    s.credentials = {};
    lee_ = staff.Create(admin_, s)->meta.id;
    clients_ = std::make_unique<admissions::ClientService>(database(), clock_);
    calendar_ = std::make_unique<CalendarService>(database(), clock_, *clients_);
    room_a_ = calendar_->CreateRoom(admin_, {{}, site_id_, "Room A", 12, true})->meta.id;
    small_room_ = calendar_->CreateRoom(admin_, {{}, site_id_, "Small room", 6, true})->meta.id;
    for (auto [given, family] : {std::pair{"Ana", "Silva"}, std::pair{"Ben", "Cole"}, std::pair{"Cy", "Diaz"}}) {
      admissions::Client c;
      c.legal_name = {given, "", family};
      c.birth_date = D("1990-05-05");
      auto created = clients_->Create(admin_, c);
      ASSERT_TRUE(created.ok()) << created.error().message;
      client_ids_.push_back(created->summary.client.meta.id);
    }
  }

  GroupSeries Series(const std::string& track_id, const std::string& title) {
    GroupSeries s;
    s.track_id = track_id;
    s.title = title;
    s.group_type = "relapse_prevention";
    s.rule.days = {"mon", "wed", "thu"};
    s.rule.start_minute = 540;
    s.rule.end_minute = 720;
    s.rule.starts_on = D("2026-03-02");
    s.room_id = room_a_;
    s.facilitator_staff_ids = {dana_};
    s.required_credentials = {"LADC"};
    return s;
  }

  std::string FieldOf(const Error& e) { return e.fields.empty() ? "" : e.fields.front().field; }

  // Every client enrolled in `track_id` from 2026-03-02; a failed enrollment is a test failure (and missing).
  std::vector<Enrollment> EnrollAll(const std::string& track_id) {
    std::vector<Enrollment> enrolled;
    for (const auto& client_id : client_ids_) {
      Enrollment e;
      e.client_id = client_id;
      e.track_id = track_id;
      e.starts_on = D("2026-03-02");
      auto saved = calendar_->Enroll(admin_, e);
      EXPECT_TRUE(saved.ok()) << saved.error().message;
      if (saved.ok()) enrolled.push_back(*saved);
    }
    return enrolled;
  }

  Actor admin_;
  std::string site_id_, program_id_, morning_, evening_, dana_, lee_, room_a_, small_room_;
  std::vector<std::string> client_ids_;
  std::unique_ptr<admissions::ClientService> clients_;
  std::unique_ptr<CalendarService> calendar_;
};

TEST_P(CalendarServiceTest, OccurrencesKeepLocalTimeAcrossTheMarchChange) {
  auto series = calendar_->CreateSeries(admin_, Series(morning_, "Relapse prevention"));
  ASSERT_TRUE(series.ok()) << series.error().message;
  EXPECT_EQ(series->program_id, program_id_);
  auto week = calendar_->ListOccurrences(admin_, {.from = D("2026-03-05"), .to = D("2026-03-11")});
  ASSERT_TRUE(week.ok()) << week.error().message;
  ASSERT_EQ(week->size(), 3u);
  EXPECT_EQ(tz::FormatInstant((*week)[0].start_at), "2026-03-05T14:00:00Z");
  EXPECT_EQ(tz::FormatInstant((*week)[1].start_at), "2026-03-09T13:00:00Z");
  EXPECT_EQ((*week)[1].track_name, "Morning track");
  EXPECT_EQ((*week)[1].room_name, "Room A");
  EXPECT_EQ((*week)[1].facilitator_names, (std::vector<std::string>{"Dana Reyes"}));
  auto too_long = calendar_->ListOccurrences(admin_, {.from = D("2026-03-01"), .to = D("2026-05-15")});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(FieldOf(too_long.error()), "to");
}

TEST_P(CalendarServiceTest, SeriesChecksNameTheirFields) {
  auto s = Series(morning_, "Relapse prevention");
  s.facilitator_staff_ids = {lee_};
  auto uncredentialed = calendar_->CreateSeries(admin_, s);
  ASSERT_FALSE(uncredentialed.ok());
  EXPECT_EQ(FieldOf(uncredentialed.error()), "facilitator_staff_ids");

  s = Series(morning_, "Relapse prevention");
  s.room_id = small_room_;
  auto small = calendar_->CreateSeries(admin_, s);
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(FieldOf(small.error()), "room_id");

  s = Series(morning_, "Relapse prevention");
  s.rule.start_minute = 6 * 60;
  auto early = calendar_->CreateSeries(admin_, s);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(FieldOf(early.error()), "start");

  s = Series(morning_, "Relapse prevention");
  s.rule.days = {};
  s.rule.interval_weeks = 0;
  auto impossible = calendar_->CreateSeries(admin_, s);
  ASSERT_FALSE(impossible.ok());
  EXPECT_EQ(impossible.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(impossible.error().fields.size(), 2u);

  // Opening hours are the program's: widen them and the early group fits.
  auto hours = calendar_->SetOpeningHours(admin_, {.program_id = program_id_, .open_minute = 360}, 0);
  ASSERT_TRUE(hours.ok()) << hours.error().message;
  s = Series(morning_, "Early group");
  s.rule.start_minute = 6 * 60;
  s.rule.end_minute = 8 * 60;
  EXPECT_TRUE(calendar_->CreateSeries(admin_, s).ok());
  auto stale = calendar_->SetOpeningHours(admin_, {.program_id = program_id_, .open_minute = 420}, 0);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);

  auto listed = calendar_->ListSeries(admin_, "", morning_);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);  // nothing half-written by the refused ones
}

TEST_P(CalendarServiceTest, DoubleBookingNamesTheOtherGroupAndDate) {
  ASSERT_TRUE(calendar_->CreateSeries(admin_, Series(morning_, "Relapse prevention")).ok());
  auto s = Series(evening_, "Process group");
  s.rule.days = {"thu"};
  s.rule.starts_on = D("2026-03-04");
  s.rule.start_minute = 11 * 60;
  s.rule.end_minute = 13 * 60;
  auto clash = calendar_->CreateSeries(admin_, s);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  ASSERT_EQ(clash.error().fields.size(), 2u);
  EXPECT_EQ(clash.error().fields[0].field, "room_id");
  EXPECT_EQ(clash.error().fields[0].message,
            "Room A is booked for Relapse prevention (Morning track) on 2026-03-05 09:00–12:00");
  EXPECT_EQ(clash.error().fields[1].field, "facilitator_staff_ids");
  // Another hour is fine.
  s.rule.start_minute = 13 * 60;
  s.rule.end_minute = 14 * 60 + 30;
  EXPECT_TRUE(calendar_->CreateSeries(admin_, s).ok());
}

TEST_P(CalendarServiceTest, OneOccurrenceChangesLeaveTheSeriesAlone) {
  auto series = calendar_->CreateSeries(admin_, Series(morning_, "Relapse prevention"));
  ASSERT_TRUE(series.ok());
  const std::string thursday = series->meta.id + ":2026-03-05";
  ChangeRequest move{.action = "move", .reason = "Room painted", .date = D("2026-03-06")};
  move.start_minute = 13 * 60;
  move.end_minute = 16 * 60;
  auto moved = calendar_->ChangeOccurrence(admin_, thursday, move);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->occurrence.id, thursday);
  EXPECT_TRUE(moved->occurrence.moved);
  EXPECT_EQ(tz::FormatInstant(moved->occurrence.start_at), "2026-03-06T18:00:00Z");
  EXPECT_EQ(moved->version, 1);

  ChangeRequest sub{.action = "substitute", .reason = "Dana away", .facilitator_staff_ids = {lee_}};
  auto refused = calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-03-09", sub);
  ASSERT_FALSE(refused.ok());  // Lee holds no LADC
  EXPECT_EQ(FieldOf(refused.error()), "facilitator_staff_ids");

  ChangeRequest cancel{.action = "cancel", .reason = "Snow day"};
  cancel.expected_version = 0;
  ASSERT_TRUE(calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-03-09", cancel).ok());
  cancel.expected_version = 0;  // stale now
  auto stale = calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-03-09", cancel);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);

  auto week = calendar_->ListOccurrences(admin_, {.from = D("2026-03-02"), .to = D("2026-03-11")});
  ASSERT_TRUE(week.ok());
  ASSERT_EQ(week->size(), 5u);
  EXPECT_EQ((*week)[2].id, thursday);
  EXPECT_EQ(FormatDate((*week)[2].date), "2026-03-06");
  EXPECT_EQ((*week)[3].status, "cancelled");
  EXPECT_EQ((*week)[3].cancel_reason, "Snow day");
  auto unchanged = calendar_->GetSeries(admin_, series->meta.id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->meta.version, 1);
  EXPECT_EQ(unchanged->rule.start_minute, 540);

  // Moving onto a closed day is refused, naming the date.
  ASSERT_TRUE(calendar_->CreateClosure(admin_, {{}, "", D("2026-03-12"), "Staff training"}).ok());
  ChangeRequest onto_closed{.action = "move", .reason = "x", .date = D("2026-03-12")};
  auto closed = calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-03-11", onto_closed);
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(FieldOf(closed.error()), "date");
  auto with_closure = calendar_->ListOccurrences(admin_, {.from = D("2026-03-12"), .to = D("2026-03-12")});
  ASSERT_EQ(with_closure->size(), 1u);
  EXPECT_EQ(with_closure->front().cancel_reason, "Closed: Staff training");
}

TEST_P(CalendarServiceTest, EnrollmentCapacityAndRoster) {
  auto series = calendar_->CreateSeries(admin_, Series(morning_, "Relapse prevention"));
  ASSERT_TRUE(series.ok());
  auto enroll = [&](int i, const char* from) {
    Enrollment e;
    e.client_id = client_ids_[i];
    e.track_id = morning_;
    e.starts_on = D(from);
    return calendar_->Enroll(admin_, e);
  };
  auto ana = enroll(0, "2026-03-02");
  ASSERT_TRUE(ana.ok()) << ana.error().message;
  EXPECT_EQ(ana->track_name, "Morning track");
  ASSERT_TRUE(enroll(1, "2026-03-04").ok());
  auto full = enroll(2, "2026-03-09");  // the track holds 2
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().code, ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(full.error()), "track_id");
  auto twice = enroll(0, "2026-03-09");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(FieldOf(twice.error()), "track_id");
  // Ana ends on 9 March (exclusive): Cy fits from then on.
  auto ended = calendar_->EndEnrollment(admin_, ana->meta.id, 1, D("2026-03-09"), "Moved to evenings");
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  ASSERT_TRUE(enroll(2, "2026-03-09").ok());

  const std::string monday = series->meta.id + ":2026-03-09";
  auto view = calendar_->GetOccurrence(admin_, monday);
  ASSERT_TRUE(view.ok()) << view.error().message;
  ASSERT_EQ(view->roster.size(), 2u);
  EXPECT_EQ(view->roster[0].client_name, "Ben Cole");
  EXPECT_EQ(view->roster[1].client_name, "Cy Diaz");
  auto drop_in = calendar_->AddToRoster(admin_, monday, client_ids_[0], "make_up");
  ASSERT_TRUE(drop_in.ok()) << drop_in.error().message;
  ASSERT_EQ(drop_in->roster.size(), 3u);
  EXPECT_EQ(drop_in->roster[0].kind, "make_up");
  EXPECT_EQ(drop_in->occurrence.enrolled_count, 3);
  auto again = calendar_->AddToRoster(admin_, monday, client_ids_[0], "drop_in");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(FieldOf(again.error()), "client_id");

  // A counselor with a caseload sees the roster's size, not the names of others' clients.
  Actor counselor = admin_;
  counselor.client_scope = ClientScope::kCaseload;
  counselor.staff_id = dana_;
  auto theirs = calendar_->GetOccurrence(counselor, monday);
  ASSERT_TRUE(theirs.ok());
  ASSERT_EQ(theirs->roster.size(), 3u);
  for (const auto& r : theirs->roster) EXPECT_EQ(r.client_name, "");
  EXPECT_FALSE(calendar_->EnrollmentsOfClient(counselor, client_ids_[0]).ok());

  // The C++ API other services use sees the same.
  auto in_tx = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return EnrollmentsOfClientIn(tx, admin_.org_id, client_ids_[0]);
  });
  ASSERT_TRUE(in_tx.ok());
  ASSERT_EQ(in_tx->size(), 1u);
  EXPECT_EQ(FormatDate(*in_tx->front().ended_on), "2026-03-09");
}

// Issue 7: a group's size limit never drops below the clients already on its roster; nothing is saved then.
// The clock reads 2026-11-02: enrollments that ended and make-ups of past meetings no longer count.
TEST_P(CalendarServiceTest, SizeLimitCannotDropBelowTheRoster) {
  auto s = Series(evening_, "Process group");
  s.size_limit = 3;
  auto series = calendar_->CreateSeries(admin_, s);
  ASSERT_TRUE(series.ok()) << series.error().message;
  const std::vector<Enrollment> enrolled = EnrollAll(evening_);
  ASSERT_EQ(enrolled.size(), client_ids_.size());
  auto change = [&](int size_limit, std::int64_t version) {
    GroupSeries changed = *series;
    changed.size_limit = size_limit;
    return calendar_->UpdateSeries(admin_, changed, version);
  };

  auto lowered = change(2, 1);
  ASSERT_FALSE(lowered.ok());
  EXPECT_EQ(lowered.error().code, ErrorCode::kConflict);
  ASSERT_EQ(lowered.error().fields.size(), 1u);
  EXPECT_EQ(lowered.error().fields[0].field, "size_limit");
  EXPECT_EQ(lowered.error().fields[0].message, "3 clients are enrolled; the limit cannot be below that");
  auto unchanged = calendar_->GetSeries(admin_, series->meta.id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->size_limit, 3);
  EXPECT_EQ(unchanged->meta.version, 1);
  // A new group of the track is held to the same.
  auto other = Series(evening_, "Mindfulness");
  other.group_type = "mindfulness";
  other.rule.days = {"tue"};
  other.size_limit = 2;
  auto created = calendar_->CreateSeries(admin_, other);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(created.error()), "size_limit");

  // Ana left in October: two are enrolled from today on, but her make-up on Wednesday makes that group three.
  ASSERT_TRUE(calendar_->EndEnrollment(admin_, enrolled[0].meta.id, 1, D("2026-10-01"), "Completed").ok());
  ASSERT_TRUE(calendar_->AddToRoster(admin_, series->meta.id + ":2026-10-29", client_ids_[0], "make_up").ok());
  ASSERT_TRUE(calendar_->AddToRoster(admin_, series->meta.id + ":2026-11-04", client_ids_[0], "make_up").ok());
  auto with_make_up = change(2, 1);
  ASSERT_FALSE(with_make_up.ok());
  EXPECT_EQ(FieldOf(with_make_up.error()), "size_limit");
  EXPECT_EQ(with_make_up.error().fields[0].message,
            "3 clients are on the roster of 2026-11-04 (with drop-ins and make-ups); the limit cannot be below that");
  ASSERT_TRUE(calendar_->RemoveFromRoster(admin_, series->meta.id + ":2026-11-04", client_ids_[0], "Not coming").ok());
  auto fits = change(2, 1);  // the past make-up on 29 October does not count
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->size_limit, 2);

  // Raising it is checked against the room as before.
  GroupSeries bigger = *fits;
  bigger.size_limit = 8;
  bigger.room_id = small_room_;
  auto too_big = calendar_->UpdateSeries(admin_, bigger, 2);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(too_big.error()), "room_id");
  EXPECT_EQ(too_big.error().fields[0].message, "Small room holds 6; the group's size limit is 8");
  bigger.size_limit = 6;
  auto raised = calendar_->UpdateSeries(admin_, bigger, 2);
  ASSERT_TRUE(raised.ok()) << raised.error().message;
  EXPECT_EQ(raised->size_limit, 6);
}

// Issue 7: a track's capacity never drops below the clients enrolled in it at once from today (2026-11-02) on.
// ProgramService runs the calendar's check as the composition root wires it; nothing is saved when refused.
TEST_P(CalendarServiceTest, TrackCapacityCannotDropBelowTheClientsEnrolled) {
  program::ProgramService programs(database(), clock_);
  programs.SetTrackChangeCheck(
      [this](db::Transaction& tx, const Actor& actor, const program::Track& current, const program::Track& changes) {
        return calendar_->CheckTrackChangeIn(tx, actor, current, changes);
      });
  const std::vector<Enrollment> enrolled = EnrollAll(evening_);
  ASSERT_EQ(enrolled.size(), client_ids_.size());
  auto stored = programs.GetTrack(admin_, evening_);
  ASSERT_TRUE(stored.ok());
  auto change = [&](int capacity, std::int64_t version) {
    program::Track t = *stored;
    t.capacity = capacity;
    return programs.UpdateTrack(admin_, t, version);
  };

  auto lowered = change(2, 1);
  ASSERT_FALSE(lowered.ok());
  EXPECT_EQ(lowered.error().code, ErrorCode::kConflict);
  ASSERT_EQ(lowered.error().fields.size(), 1u);
  EXPECT_EQ(lowered.error().fields[0].field, "capacity");
  EXPECT_EQ(lowered.error().fields[0].message, "3 clients are enrolled; the capacity cannot be below that");
  auto unchanged = programs.GetTrack(admin_, evening_);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->capacity, 12);
  EXPECT_EQ(unchanged->meta.version, 1);
  // A stale version is still a stale version.
  auto stale = change(2, 7);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);

  // Ana left in October: two are enrolled from today on, so two fits; her return in December makes three.
  ASSERT_TRUE(calendar_->EndEnrollment(admin_, enrolled[0].meta.id, 1, D("2026-10-01"), "Completed").ok());
  Enrollment back;
  back.client_id = client_ids_[0];
  back.track_id = evening_;
  back.starts_on = D("2026-12-07");
  auto returned = calendar_->Enroll(admin_, back);
  ASSERT_TRUE(returned.ok()) << returned.error().message;
  auto december = change(2, 1);
  ASSERT_FALSE(december.ok());
  EXPECT_EQ(december.error().fields[0].message, "3 clients are enrolled; the capacity cannot be below that");
  auto fits = change(3, 1);
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->capacity, 3);
  // Other changes are not held up by the roster.
  program::Track renamed = *fits;
  renamed.name = "Evenings";
  auto saved = programs.UpdateTrack(admin_, renamed, 2);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->name, "Evenings");
}

// Issue 7: a meeting moved to another day holds the clients enrolled on that day plus its drop-ins and make-ups;
// newcomers may not take it past its size limit or its room. A move may change the room too, checked as a room.
TEST_P(CalendarServiceTest, AMovedMeetingStaysWithinItsSizeLimitAndRoom) {
  auto s = Series(evening_, "Process group");
  s.size_limit = 2;
  s.rule.ends_on = D("2026-03-31");  // ended before today (2026-11-02), so its rooms may shrink below 2 later
  auto series = calendar_->CreateSeries(admin_, s);
  ASSERT_TRUE(series.ok()) << series.error().message;
  admissions::Client dee;
  dee.legal_name = {"Dee", "", "Fox"};
  dee.birth_date = D("1991-02-03");
  auto created = clients_->Create(admin_, dee);
  ASSERT_TRUE(created.ok()) << created.error().message;
  const std::string dee_id = created->summary.client.meta.id;
  // Ana until 16 March (exclusive), then Ben and Cy.
  auto enroll = [&](int i, const char* from) {
    Enrollment e;
    e.client_id = client_ids_[i];
    e.track_id = evening_;
    e.starts_on = D(from);
    return calendar_->Enroll(admin_, e);
  };
  auto ana = enroll(0, "2026-03-02");
  ASSERT_TRUE(ana.ok()) << ana.error().message;
  ASSERT_TRUE(calendar_->EndEnrollment(admin_, ana->meta.id, 1, D("2026-03-16"), "Moved to mornings").ok());
  ASSERT_TRUE(enroll(1, "2026-03-16").ok());
  ASSERT_TRUE(enroll(2, "2026-03-16").ok());
  const std::string thursday = series->meta.id + ":2026-03-12";
  ASSERT_TRUE(calendar_->AddToRoster(admin_, thursday, dee_id, "drop_in").ok());

  ChangeRequest to_tuesday{.action = "move", .reason = "Facilitator away Thursday", .date = D("2026-03-17")};
  auto refused = calendar_->ChangeOccurrence(admin_, thursday, to_tuesday);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "date");
  EXPECT_EQ(refused.error().fields[0].message,
            "3 clients would be on the roster of 2026-03-17 (2 enrolled then, 1 drop-in or make-up); the group's size "
            "limit is 2");
  auto kept = calendar_->GetOccurrence(admin_, thursday);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(FormatDate(kept->occurrence.date), "2026-03-12");
  EXPECT_EQ(kept->version, 0);

  // Friday has the same clients: fine.
  ChangeRequest to_friday{.action = "move", .reason = "Facilitator away Thursday", .date = D("2026-03-13")};
  auto moved = calendar_->ChangeOccurrence(admin_, thursday, to_friday);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(FormatDate(moved->occurrence.date), "2026-03-13");
  ASSERT_EQ(moved->roster.size(), 2u);

  // A room that shrank since counts too: two clients do not fit in a room now holding one.
  Room shrunk{{}, site_id_, "Small room", 1, true};
  shrunk.meta.id = small_room_;
  ASSERT_TRUE(calendar_->UpdateRoom(admin_, shrunk, 1).ok());
  ChangeRequest room{.action = "room", .reason = "Room A flooded", .room_id = small_room_};
  auto too_small = calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-03-11", room);
  ASSERT_FALSE(too_small.ok());
  EXPECT_EQ(too_small.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(too_small.error()), "room_id");
  EXPECT_EQ(too_small.error().fields[0].message, "Small room holds 1; the group's size limit is 2");
  // A move that brings a room with it is checked as a room change, and nothing is saved.
  ChangeRequest move_to_small{.action = "move", .reason = "Room A flooded", .date = D("2026-03-10")};
  move_to_small.room_id = small_room_;
  auto refused_room = calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-03-11", move_to_small);
  ASSERT_FALSE(refused_room.ok());
  EXPECT_EQ(FieldOf(refused_room.error()), "room_id");
  auto wednesday = calendar_->GetOccurrence(admin_, series->meta.id + ":2026-03-11");
  ASSERT_TRUE(wednesday.ok());
  EXPECT_FALSE(wednesday->occurrence.moved);
  EXPECT_EQ(wednesday->occurrence.room_id, room_a_);

  auto big = calendar_->CreateRoom(admin_, {{}, site_id_, "Hall", 20, true});
  ASSERT_TRUE(big.ok());
  move_to_small.room_id = big->meta.id;
  auto with_room = calendar_->ChangeOccurrence(admin_, series->meta.id + ":2026-03-11", move_to_small);
  ASSERT_TRUE(with_room.ok()) << with_room.error().message;
  EXPECT_EQ(FormatDate(with_room->occurrence.date), "2026-03-10");
  EXPECT_EQ(with_room->occurrence.room_name, "Hall");

  // Room A since shrank to hold one: Ben and Cy may not join on Tuesday, naming the room; Saturday, with the
  // same two clients, is fine although they are more than it holds now.
  Room a_shrunk{{}, site_id_, "Room A", 1, true};
  a_shrunk.meta.id = room_a_;
  ASSERT_TRUE(calendar_->UpdateRoom(admin_, a_shrunk, 1).ok());
  auto over_room = calendar_->ChangeOccurrence(admin_, thursday, to_tuesday);
  ASSERT_FALSE(over_room.ok());
  EXPECT_EQ(FieldOf(over_room.error()), "date");
  EXPECT_EQ(over_room.error().fields[0].message,
            "3 clients would be on the roster of 2026-03-17 (2 enrolled then, 1 drop-in or make-up); Room A holds 1");
  ChangeRequest to_saturday{.action = "move", .reason = "Facilitator away Friday", .date = D("2026-03-14")};
  auto same_clients = calendar_->ChangeOccurrence(admin_, thursday, to_saturday);
  ASSERT_TRUE(same_clients.ok()) << same_clients.error().message;
  EXPECT_EQ(FormatDate(same_clients->occurrence.date), "2026-03-14");
}

TEST_P(CalendarServiceTest, ClientNamesNeverNameAnotherOrganizationsClient) {
  program::ProgramService programs(database(), clock_);
  auto other = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Elsewhere", "America/Chicago"});
  ASSERT_TRUE(other.ok());
  admissions::Client c;
  c.legal_name = {"Zed", "", "Other"};
  c.birth_date = D("1991-01-01");
  auto theirs = clients_->Create(stepwise::testing::TestActor(other->meta.id), c);
  ASSERT_TRUE(theirs.ok()) << theirs.error().message;
  auto names = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return CalendarStore::ClientNames(tx, admin_.org_id, {client_ids_[0], theirs->summary.client.meta.id, "no-such-id"});
  });
  ASSERT_TRUE(names.ok()) << names.error().message;
  ASSERT_EQ(names->size(), 1u);
  EXPECT_EQ(names->at(client_ids_[0]), "Ana Silva");
}

STORE_TEST_P(CalendarServiceTest);

}  // namespace
}  // namespace stepwise::scheduling
