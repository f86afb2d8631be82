#include "care/scheduling/calendar_model.h"

#include <gtest/gtest.h>

#include "platform/base/time_zone.h"

namespace stepwise::scheduling {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr const char* kZone = "America/New_York";

Date D(int y, unsigned m, unsigned d) { return Date{year(y), month(m), day(d)}; }

GroupSeries Morning() {
  GroupSeries s;
  s.meta.id = "0190a000-0000-7000-8000-000000000001";
  s.program_id = "p1";
  s.track_id = "t1";
  s.title = "Relapse prevention";
  s.group_type = "relapse_prevention";
  s.rule.days = {"mon", "wed", "thu"};
  s.rule.start_minute = 9 * 60;
  s.rule.end_minute = 12 * 60;
  s.rule.starts_on = D(2026, 3, 2);
  s.room_id = "room-a";
  s.facilitator_staff_ids = {"dana"};
  return s;
}

std::vector<std::string> Fields(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.field);
  return out;
}

TEST(CalendarModel, OccurrencesAcrossTheMarchChangeKeepLocalNine) {
  auto occ = Expand(Morning(), {}, {}, kZone, D(2026, 3, 2), D(2026, 3, 13));
  ASSERT_TRUE(occ.ok());
  ASSERT_EQ(occ->size(), 6u);
  EXPECT_EQ((*occ)[0].id, "0190a000-0000-7000-8000-000000000001:2026-03-02");
  EXPECT_EQ(tz::FormatInstant((*occ)[2].start_at), "2026-03-05T14:00:00Z");  // Thursday, EST
  EXPECT_EQ(tz::FormatInstant((*occ)[3].start_at), "2026-03-09T13:00:00Z");  // Monday, EDT
  for (const auto& o : *occ) {
    EXPECT_EQ(o.start_minute, 540);
    EXPECT_EQ(o.status, "scheduled");
    EXPECT_FALSE(o.moved);
  }
}

TEST(CalendarModel, OccurrencesAcrossTheNovemberChangeKeepLocalNine) {
  auto s = Morning();
  s.rule.starts_on = D(2026, 10, 1);
  auto occ = Expand(s, {}, {}, kZone, D(2026, 10, 29), D(2026, 11, 2));
  ASSERT_TRUE(occ.ok());
  ASSERT_EQ(occ->size(), 2u);
  EXPECT_EQ(tz::FormatInstant((*occ)[0].start_at), "2026-10-29T13:00:00Z");  // Thursday, EDT
  EXPECT_EQ(tz::FormatInstant((*occ)[1].start_at), "2026-11-02T14:00:00Z");  // Monday, EST
  EXPECT_EQ(tz::FormatInstant((*occ)[1].end_at), "2026-11-02T17:00:00Z");
}

TEST(CalendarModel, ChangesTouchOneOccurrenceOnly) {
  auto s = Morning();
  OccurrenceChange cancel{
      .series_id = s.meta.id, .original_date = D(2026, 3, 4), .cancelled = true, .cancel_reason = "Facilitator ill"};
  OccurrenceChange move{.series_id = s.meta.id, .original_date = D(2026, 3, 5)};
  move.date = D(2026, 3, 6);
  move.start_minute = 13 * 60;
  move.end_minute = 16 * 60;
  OccurrenceChange sub{.series_id = s.meta.id, .original_date = D(2026, 3, 9)};
  sub.facilitator_staff_ids = std::vector<std::string>{"lee"};
  sub.room_id = "room-b";
  auto occ = Expand(s, {cancel, move, sub}, {}, kZone, D(2026, 3, 2), D(2026, 3, 11));
  ASSERT_TRUE(occ.ok());
  ASSERT_EQ(occ->size(), 5u);
  EXPECT_EQ((*occ)[1].status, "cancelled");
  EXPECT_EQ((*occ)[1].cancel_reason, "Facilitator ill");
  // The moved occurrence keeps the id of its original date.
  const auto& moved = (*occ)[2];
  EXPECT_EQ(moved.id, s.meta.id + ":2026-03-05");
  EXPECT_EQ(FormatDate(moved.date), "2026-03-06");
  EXPECT_EQ(FormatDate(moved.original_date), "2026-03-05");
  EXPECT_TRUE(moved.moved);
  EXPECT_EQ(tz::FormatInstant(moved.start_at), "2026-03-06T18:00:00Z");
  EXPECT_EQ((*occ)[3].facilitator_staff_ids, (std::vector<std::string>{"lee"}));
  EXPECT_EQ((*occ)[3].room_id, "room-b");
  EXPECT_EQ((*occ)[4].facilitator_staff_ids, (std::vector<std::string>{"dana"}));  // the series is untouched
  EXPECT_EQ((*occ)[4].room_id, "room-a");
}

TEST(CalendarModel, MovedOccurrencesFollowTheirNewDateAcrossRanges) {
  auto s = Morning();
  OccurrenceChange move{.series_id = s.meta.id, .original_date = D(2026, 3, 2)};
  move.date = D(2026, 3, 10);
  auto first_week = Expand(s, {move}, {}, kZone, D(2026, 3, 1), D(2026, 3, 7));
  ASSERT_TRUE(first_week.ok());
  EXPECT_EQ(first_week->size(), 2u);  // Wednesday and Thursday; Monday moved out
  auto tuesday = Expand(s, {move}, {}, kZone, D(2026, 3, 10), D(2026, 3, 10));
  ASSERT_TRUE(tuesday.ok());
  ASSERT_EQ(tuesday->size(), 1u);
  EXPECT_EQ((*tuesday)[0].id, s.meta.id + ":2026-03-02");
}

TEST(CalendarModel, ClosuresCancelTheirDayForTheirProgram) {
  auto s = Morning();
  Closure holiday{.program_id = "", .date = D(2026, 3, 4), .name = "Staff training"};
  Closure other{.program_id = "p2", .date = D(2026, 3, 5), .name = "Other program's day off"};
  auto occ = Expand(s, {}, {holiday, other}, kZone, D(2026, 3, 2), D(2026, 3, 5));
  ASSERT_TRUE(occ.ok());
  ASSERT_EQ(occ->size(), 3u);
  EXPECT_EQ((*occ)[1].status, "cancelled");
  EXPECT_EQ((*occ)[1].cancel_reason, "Closed: Staff training");
  EXPECT_EQ((*occ)[2].status, "scheduled");
}

TEST(CalendarModel, OccurrenceIdsRoundTrip) {
  std::string series;
  Date d{};
  ASSERT_TRUE(ParseOccurrenceId("0190a000-0000-7000-8000-000000000001:2026-03-09", &series, &d));
  EXPECT_EQ(series, "0190a000-0000-7000-8000-000000000001");
  EXPECT_EQ(FormatDate(d), "2026-03-09");
  EXPECT_FALSE(ParseOccurrenceId("0190a000-0000-7000-8000-000000000001", &series, &d));
  EXPECT_FALSE(ParseOccurrenceId("x:2026-02-30", &series, &d));
}

TEST(CalendarModel, SeriesShapeNamesFields) {
  auto s = Morning();
  s.modality = "telehealth";
  s.meeting_link = "http://meet.example.org/x";
  s.size_limit = 0;
  s.group_type = "karaoke";
  s.required_credentials = {"NOPE"};
  FieldErrors errors;
  NormalizeAndCheck(s, errors);
  EXPECT_EQ(Fields(errors),
            (std::vector<std::string>{"group_type", "meeting_link", "size_limit", "required_credentials[0]"}));

  auto in_person = Morning();
  in_person.room_id.clear();
  in_person.rule.interval_weeks = 0;
  FieldErrors e2;
  NormalizeAndCheck(in_person, e2);
  EXPECT_EQ(Fields(e2), (std::vector<std::string>{"interval_weeks", "room_id"}));

  auto tele = Morning();
  tele.modality = "telehealth";
  tele.meeting_link = "https://meet.example.org/group";
  FieldErrors e3;
  NormalizeAndCheck(tele, e3);
  EXPECT_TRUE(e3.empty());
}

TEST(CalendarModel, FacilitatorsMustHoldUnexpiredCredentials) {
  program::Staff dana, lee;
  dana.credentials = {{"LADC", "1", "MN", D(2026, 3, 31)}};
  lee.credentials = {{"CPRS", "2", "MN", std::nullopt}};
  FieldErrors ok;
  CheckCredentials({"LADC"}, {dana, lee}, D(2026, 3, 9), ok);
  EXPECT_TRUE(ok.empty());
  FieldErrors expired;
  CheckCredentials({"LADC"}, {dana, lee}, D(2026, 4, 1), expired);
  ASSERT_EQ(expired.fields().size(), 1u);
  EXPECT_EQ(expired.fields()[0].field, "facilitator_staff_ids");
  EXPECT_NE(expired.fields()[0].message.find("LADC"), std::string::npos);
  FieldErrors missing;
  CheckCredentials({"LADC", "LCSW"}, {dana}, D(2026, 3, 9), missing);
  ASSERT_EQ(missing.fields().size(), 1u);
  EXPECT_NE(missing.fields()[0].message.find("LCSW"), std::string::npos);
}

TEST(CalendarModel, DoubleBookingNamesTheOtherGroupAndDate) {
  auto mine = Expand(Morning(), {}, {}, kZone, D(2026, 3, 9), D(2026, 3, 9));
  auto s2 = Morning();
  s2.meta.id = "0190a000-0000-7000-8000-000000000002";
  s2.title = "Process group";
  s2.rule.days = {"mon"};
  s2.rule.start_minute = 11 * 60;
  s2.rule.end_minute = 13 * 60;
  s2.facilitator_staff_ids = {"lee", "dana"};
  auto theirs = Expand(s2, {}, {}, kZone, D(2026, 3, 9), D(2026, 3, 9));
  ASSERT_TRUE(mine.ok() && theirs.ok());
  (*theirs)[0].track_name = "Morning track";
  BookingNames names{{{"room-a", "Room A"}}, {{"dana", "Dana Reyes"}}};
  FieldErrors errors;
  CheckDoubleBooking(*mine, *theirs, names, errors);
  ASSERT_EQ(errors.fields().size(), 2u);
  EXPECT_EQ(errors.fields()[0].field, "room_id");
  EXPECT_EQ(errors.fields()[0].message, "Room A is booked for Process group (Morning track) on 2026-03-09 11:00–13:00");
  EXPECT_EQ(errors.fields()[1].field, "facilitator_staff_ids");
  EXPECT_EQ(errors.fields()[1].message,
            "Dana Reyes facilitates Process group (Morning track) on 2026-03-09 11:00–13:00");

  // Back to back is fine; another room and facilitator is fine; a cancelled occurrence books nothing.
  (*theirs)[0].start_at = (*mine)[0].end_at;
  FieldErrors adjacent;
  CheckDoubleBooking(*mine, *theirs, names, adjacent);
  EXPECT_TRUE(adjacent.empty());
  auto cancelled = Expand(s2, {}, {}, kZone, D(2026, 3, 9), D(2026, 3, 9));
  (*cancelled)[0].status = "cancelled";
  FieldErrors none;
  CheckDoubleBooking(*mine, *cancelled, names, none);
  EXPECT_TRUE(none.empty());
}

TEST(CalendarModel, OpeningHoursDefaultSevenToNine) {
  OpeningHours hours;
  FieldErrors inside;
  CheckOpeningHours(hours, 18 * 60, 21 * 60, inside);
  EXPECT_TRUE(inside.empty());
  FieldErrors outside;
  CheckOpeningHours(hours, 6 * 60 + 30, 21 * 60 + 30, outside);
  EXPECT_EQ(Fields(outside), (std::vector<std::string>{"start", "end"}));
  EXPECT_NE(outside.fields()[0].message.find("07:00–21:00"), std::string::npos);
  FieldErrors shape;
  CheckOpeningHoursShape({.open_minute = 600, .close_minute = 540}, shape);
  EXPECT_EQ(Fields(shape), (std::vector<std::string>{"close"}));
}

TEST(CalendarModel, EnrollmentCapacityCountsClientsActiveAtOnce) {
  auto E = [](Date from, std::optional<Date> ended) {
    Enrollment e;
    e.starts_on = from;
    e.ended_on = ended;
    return e;
  };
  std::vector<Enrollment> track = {E(D(2026, 3, 2), D(2026, 3, 16)), E(D(2026, 3, 9), std::nullopt),
                                   E(D(2026, 3, 16), std::nullopt)};
  // From 16 March: the first has ended (ended_on is exclusive), two are active.
  auto newcomer = E(D(2026, 3, 16), std::nullopt);
  auto with = track;
  with.push_back(newcomer);
  EXPECT_EQ(PeakActiveDuring(with, newcomer), 3);
  auto early = E(D(2026, 3, 9), std::nullopt);
  with = track;
  with.push_back(early);
  EXPECT_EQ(PeakActiveDuring(with, early), 3);  // 9 March: first, second, early
  EXPECT_TRUE(Overlaps(track[0], track[1]));
  EXPECT_FALSE(Overlaps(track[0], E(D(2026, 3, 16), std::nullopt)));
  EXPECT_TRUE(ActiveOn(track[0], D(2026, 3, 15)));
  EXPECT_FALSE(ActiveOn(track[0], D(2026, 3, 16)));
  FieldErrors dates;
  auto bad = E(D(2026, 3, 9), D(2026, 3, 1));
  bad.planned_end_on = D(2026, 3, 9);
  CheckEnrollmentDates(bad, dates);
  EXPECT_EQ(Fields(dates), (std::vector<std::string>{"planned_end_on", "ended_on"}));
}

TEST(CalendarModel, SizeLimitHoldsTheClientsOnTheRoster) {
  auto E = [](Date from, std::optional<Date> ended) {
    Enrollment e;
    e.starts_on = from;
    e.ended_on = ended;
    return e;
  };
  std::vector<Enrollment> track = {E(D(2026, 3, 2), D(2026, 3, 16)), E(D(2026, 3, 2), D(2026, 3, 20)),
                                   E(D(2026, 3, 9), std::nullopt), E(D(2026, 4, 6), std::nullopt)};
  EXPECT_EQ(PeakActiveBetween(track, D(2026, 3, 2), std::nullopt), 3);    // 9 March
  EXPECT_EQ(PeakActiveBetween(track, D(2026, 3, 20), std::nullopt), 2);   // the first two have ended
  EXPECT_EQ(PeakActiveBetween(track, D(2026, 3, 20), D(2026, 4, 5)), 1);  // the last starts after
  EXPECT_EQ(PeakActiveBetween(track, D(2026, 3, 20), D(2026, 3, 19)), 0);

  FieldErrors fits, enrolled, with_drop_in;
  CheckSizeLimitHolds(3, {.enrolled = 3}, fits);
  EXPECT_TRUE(fits.empty());
  CheckSizeLimitHolds(2, {.enrolled = 3, .roster = 3, .roster_date = D(2026, 3, 10)}, enrolled);
  ASSERT_EQ(Fields(enrolled), (std::vector<std::string>{"size_limit"}));
  EXPECT_EQ(enrolled.fields()[0].message, "3 clients are enrolled; the limit cannot be below that");
  CheckSizeLimitHolds(2, {.enrolled = 2, .roster = 3, .roster_date = D(2026, 3, 10)}, with_drop_in);
  ASSERT_EQ(Fields(with_drop_in), (std::vector<std::string>{"size_limit"}));
  EXPECT_EQ(with_drop_in.fields()[0].message,
            "3 clients are on the roster of 2026-03-10 (with drop-ins and make-ups); the limit cannot be below that");
}

TEST(CalendarModel, TrackCapacityHoldsTheClientsEnrolled) {
  FieldErrors fits, below;
  CheckTrackCapacityHolds(3, 3, fits);
  EXPECT_TRUE(fits.empty());
  CheckTrackCapacityHolds(2, 3, below);
  ASSERT_EQ(Fields(below), (std::vector<std::string>{"capacity"}));
  EXPECT_EQ(below.fields()[0].message, "3 clients are enrolled; the capacity cannot be below that");
}

// Issue 7: a meeting moved to another day holds that day's enrollments plus its own drop-ins and make-ups.
TEST(CalendarModel, AMovedMeetingMayNotBringInMoreClientsThanItHolds) {
  const std::vector<RosterEntry> now = {{"ana", "Ana", "enrolled"}, {"dee", "Dee", "drop_in"}};
  const std::vector<RosterEntry> then = {
      {"ben", "Ben", "enrolled"}, {"cy", "Cy", "enrolled"}, {"dee", "Dee", "drop_in"}};
  Room small;
  small.name = "Small room";
  small.capacity = 2;

  FieldErrors over_limit, over_room, enrolled_only, fits, same_clients, fewer, room_large;
  CheckMovedRosterFits(now, then, D(2026, 3, 17), 2, std::nullopt, over_limit);
  ASSERT_EQ(Fields(over_limit), (std::vector<std::string>{"date"}));
  EXPECT_EQ(over_limit.fields()[0].message,
            "3 clients would be on the roster of 2026-03-17 (2 enrolled then, 1 drop-in or make-up); the group's size "
            "limit is 2");
  CheckMovedRosterFits(now, then, D(2026, 3, 17), 12, small, over_room);
  ASSERT_EQ(Fields(over_room), (std::vector<std::string>{"date"}));
  EXPECT_EQ(
      over_room.fields()[0].message,
      "3 clients would be on the roster of 2026-03-17 (2 enrolled then, 1 drop-in or make-up); Small room holds 2");
  CheckMovedRosterFits(now, {then[0], then[1], {"eve", "Eve", "enrolled"}}, D(2026, 3, 17), 2, std::nullopt,
                       enrolled_only);
  ASSERT_EQ(Fields(enrolled_only), (std::vector<std::string>{"date"}));
  EXPECT_EQ(enrolled_only.fields()[0].message, "3 clients are enrolled on 2026-03-17; the group's size limit is 2");

  CheckMovedRosterFits(now, then, D(2026, 3, 17), 3, std::nullopt, fits);
  EXPECT_TRUE(fits.empty());
  room_large.Add("x", "y");  // a room holding more than the size limit does not raise it
  CheckMovedRosterFits(now, then, D(2026, 3, 17), 2, Room{.name = "Hall", .capacity = 40}, room_large);
  EXPECT_EQ(Fields(room_large), (std::vector<std::string>{"x", "date"}));
  // A group already over its limit may move to a day with the same clients, or fewer.
  CheckMovedRosterFits(then, then, D(2026, 3, 18), 2, small, same_clients);
  EXPECT_TRUE(same_clients.empty());
  CheckMovedRosterFits(then, {then[0], then[2]}, D(2026, 3, 18), 1, std::nullopt, fewer);
  EXPECT_TRUE(fewer.empty());
}

// Issue 7: one more drop-in or make-up must fit the size limit and, when it holds fewer, the meeting's room.
TEST(CalendarModel, ARosterAdditionFitsTheSizeLimitAndTheRoom) {
  const Room nook{.name = "Nook", .capacity = 4};
  FieldErrors fits, group_full, room_full, room_larger;
  CheckRosterHasPlace(3, 6, nook, fits);
  EXPECT_TRUE(fits.empty());
  CheckRosterHasPlace(6, 6, std::nullopt, group_full);
  ASSERT_EQ(Fields(group_full), (std::vector<std::string>{"client_id"}));
  EXPECT_EQ(group_full.fields()[0].message, "the group is full (6 of 6)");
  CheckRosterHasPlace(4, 6, nook, room_full);
  ASSERT_EQ(Fields(room_full), (std::vector<std::string>{"client_id"}));
  EXPECT_EQ(room_full.fields()[0].message, "the group is full: Nook holds 4 (4 on the roster)");
  CheckRosterHasPlace(5, 6, Room{.name = "Hall", .capacity = 40}, room_larger);
  EXPECT_TRUE(room_larger.empty());
}

// Issue 7: a room's capacity may not drop below the size limit of a group meeting in it from today on.
TEST(CalendarModel, ARoomKeepsHoldingTheGroupsThatMeetInIt) {
  const Date today = D(2026, 11, 2);
  GroupSeries process = Morning();
  process.meta.id = "s-process";
  process.title = "Process group";
  process.track_id = "t-evening";
  process.size_limit = 12;
  GroupSeries ended = Morning();
  ended.meta.id = "s-ended";
  ended.title = "Art group";
  ended.size_limit = 14;
  ended.rule.ends_on = D(2026, 10, 30);
  GroupSeries elsewhere = Morning();  // in Hall; Thursdays on 2026-11-05 and 2026-11-12 moved into room-a
  elsewhere.meta.id = "s-elsewhere";
  elsewhere.title = "";
  elsewhere.room_id = "hall";
  elsewhere.size_limit = 10;
  const std::map<std::string, std::string> tracks = {{"t-evening", "Evening track"}, {"t1", "Morning track"}};
  auto into_room_a = [](const std::string& series, Date original, std::optional<Date> to = std::nullopt) {
    OccurrenceChange c;
    c.series_id = series;
    c.original_date = original;
    c.date = to;
    c.room_id = "room-a";
    return c;
  };
  const std::vector<GroupSeries> all = {ended, process, elsewhere};
  auto check = [&](int capacity, const std::vector<GroupSeries>& series, const std::vector<OccurrenceChange>& changes,
                   const std::vector<Closure>& closures = {}) {
    FieldErrors errors;
    CheckRoomCapacityHolds("room-a", capacity, today, series, changes, closures, tracks, errors);
    return errors;
  };

  auto below_series = check(8, all, {});
  ASSERT_EQ(Fields(below_series), (std::vector<std::string>{"capacity"}));
  EXPECT_EQ(below_series.fields()[0].message,
            "Process group (Evening track) meets here with a size limit of 12; the room would hold 8");
  EXPECT_TRUE(check(12, all, {}).empty());  // the ended Art group (14) no longer counts
  // Without the Process group: the meetings moved into the room count from today on, earliest first.
  const std::vector<GroupSeries> others = {ended, elsewhere};
  const std::vector<OccurrenceChange> moved = {into_room_a("s-elsewhere", D(2026, 11, 12)),
                                               into_room_a("s-elsewhere", D(2026, 11, 5)),
                                               into_room_a("s-elsewhere", D(2026, 10, 29))};
  auto below_meeting = check(8, others, moved);
  ASSERT_EQ(Fields(below_meeting), (std::vector<std::string>{"capacity"}));
  EXPECT_EQ(below_meeting.fields()[0].message,
            "Relapse prevention (Morning track) meets here on 2026-11-05 with a size limit of 10; the room would "
            "hold 8");
  EXPECT_TRUE(check(10, others, moved).empty());
  // Past, cancelled, closed, moved back to the past, or of another room: not counted.
  OccurrenceChange cancelled = into_room_a("s-elsewhere", D(2026, 11, 5));
  cancelled.cancelled = true;
  OccurrenceChange other_room = into_room_a("s-elsewhere", D(2026, 11, 5));
  other_room.room_id = "hall";
  Closure thanksgiving;
  thanksgiving.date = D(2026, 11, 26);
  EXPECT_TRUE(check(8, others,
                    {into_room_a("s-elsewhere", D(2026, 10, 29)), cancelled, other_room,
                     into_room_a("s-elsewhere", D(2026, 11, 9), D(2026, 10, 30)),
                     into_room_a("s-elsewhere", D(2026, 11, 26)), into_room_a("s-gone", D(2026, 11, 12))},
                    {thanksgiving})
                  .empty());
  // A meeting moved from the past into the future counts.
  EXPECT_FALSE(check(8, others, {into_room_a("s-elsewhere", D(2026, 10, 29), D(2026, 11, 3))}).empty());
}

}  // namespace
}  // namespace stepwise::scheduling
