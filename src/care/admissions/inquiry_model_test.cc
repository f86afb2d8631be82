// The admissions pipeline's pure rules: which moves are allowed, what each move needs, overdue
// follow-ups, the waitlist order and open places.
#include "care/admissions/inquiry_model.h"

#include <gtest/gtest.h>

namespace stepwise::admissions {
namespace {

const Date kToday = *ParseDate("2026-11-02");

std::vector<std::string> Fields(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.field);
  return out;
}

std::vector<std::string> MoveErrors(std::string_view from, StageMove move) {
  FieldErrors e;
  CheckStageMove(from, move, e);
  return Fields(e);
}

TEST(InquiryPipeline, FollowsTheStagesInOrderAndEndsAtAdmission) {
  EXPECT_TRUE(IsAllowedMove("inquiry", "screening"));
  EXPECT_TRUE(IsAllowedMove("screening", "assessment_booked"));
  EXPECT_TRUE(IsAllowedMove("assessment_booked", "assessed"));
  EXPECT_TRUE(IsAllowedMove("assessed", "admitted"));
  EXPECT_TRUE(IsAllowedMove("waitlisted", "assessment_booked"));
  EXPECT_TRUE(IsAllowedMove("waitlisted", "admitted"));
  EXPECT_TRUE(IsAllowedMove("closed", "inquiry"));  // the person called again
  EXPECT_FALSE(IsAllowedMove("inquiry", "admitted"));
  EXPECT_FALSE(IsAllowedMove("inquiry", "assessed"));
  EXPECT_FALSE(IsAllowedMove("admitted", "closed"));
  EXPECT_FALSE(IsAllowedMove("admitted", "inquiry"));
  EXPECT_FALSE(IsAllowedMove("nonsense", "screening"));
}

TEST(InquiryPipeline, ClosingReferringAndWaitlistingNeedTheirDetail) {
  EXPECT_EQ(MoveErrors("screening", {.stage = "closed"}), (std::vector<std::string>{"reason"}));
  EXPECT_EQ(MoveErrors("assessed", {.stage = "referred"}), (std::vector<std::string>{"referred_to"}));
  EXPECT_EQ(MoveErrors("assessed", {.stage = "waitlisted"}), (std::vector<std::string>{"track_id"}));
  EXPECT_TRUE(MoveErrors("screening", {.stage = "closed", .reason = "no longer interested"}).empty());
  EXPECT_TRUE(MoveErrors("assessed", {.stage = "referred", .referred_to = "Riverside residential"}).empty());
}

TEST(InquiryPipeline, OffersTheMovesItAllowsWithoutBooking) {
  using V = std::vector<std::string>;
  EXPECT_EQ(StageMovesFrom("inquiry"), (V{"screening", "referred", "waitlisted", "closed"}));
  EXPECT_EQ(StageMovesFrom("assessed"), (V{"admitted", "referred", "waitlisted", "closed"}));
  EXPECT_EQ(StageMovesFrom("waitlisted"), (V{"assessed", "admitted", "referred", "closed"}));
  EXPECT_EQ(StageMovesFrom("closed"), (V{"inquiry"}));
  EXPECT_TRUE(StageMovesFrom("admitted").empty());
  for (const auto& s : InquiryStages()) {
    for (const auto& to : StageMovesFrom(s.code)) EXPECT_TRUE(IsAllowedMove(s.code, to)) << s.code << " -> " << to;
  }
}

TEST(InquiryPipeline, RefusesUnknownRepeatedSkippedAndBookingMovesOnStage) {
  EXPECT_EQ(MoveErrors("inquiry", {.stage = "somewhere"}), (std::vector<std::string>{"stage"}));
  EXPECT_EQ(MoveErrors("inquiry", {.stage = "inquiry"}), (std::vector<std::string>{"stage"}));
  EXPECT_EQ(MoveErrors("inquiry", {.stage = "admitted"}), (std::vector<std::string>{"stage"}));
  // Booking carries a time and an assessor, so the plain stage move cannot reach it.
  EXPECT_EQ(MoveErrors("screening", {.stage = "assessment_booked"}), (std::vector<std::string>{"stage"}));
}

TEST(InquiryPipeline, WaitlistingKeepsThePlaceForTheSameTrackAndLeavingGivesItUp) {
  Inquiry q;
  q.stage = "assessed";
  ApplyStageMove(q, {.stage = "waitlisted", .track_id = "t1"}, "2026-11-01T10:00:00.000Z");
  EXPECT_EQ(q.waitlisted_at, "2026-11-01T10:00:00.000Z");
  q.stage = "assessed";  // (as if moved back by an outcome) then waitlisted again for the same track
  ApplyStageMove(q, {.stage = "waitlisted", .track_id = "t1"}, "2026-11-05T10:00:00.000Z");
  EXPECT_EQ(q.waitlisted_at, "2026-11-01T10:00:00.000Z");
  ApplyStageMove(q, {.stage = "waitlisted", .track_id = "t2"}, "2026-11-06T10:00:00.000Z");
  EXPECT_EQ(q.waitlisted_at, "2026-11-06T10:00:00.000Z");
  ApplyStageMove(q, {.stage = "admitted"}, "2026-11-07T10:00:00.000Z");
  EXPECT_EQ(q.waitlisted_at, "");
  EXPECT_EQ(q.stage, "admitted");
  EXPECT_EQ(q.stage_changed_at, "2026-11-07T10:00:00.000Z");
}

TEST(InquiryRules, NeedsAWayToCallBackAndARealBirthDate) {
  Inquiry q;
  q.given_name = "Dana";
  FieldErrors e;
  CheckInquiry(q, kToday, e);
  EXPECT_EQ(Fields(e), (std::vector<std::string>{"phone"}));
  q.caller_phone = "612-555-0101";
  q.birth_date = ParseDate("2027-01-01");
  q.email = "not an email";
  q.substances = {"2", "2"};
  q.received_at = "2026-11-09T10:00:00Z";
  FieldErrors e2;
  CheckInquiry(q, kToday, e2);
  EXPECT_EQ(Fields(e2), (std::vector<std::string>{"birth_date", "email", "substances[1]", "received_at"}));
}

TEST(InquiryRules, AFollowUpIsOverdueOnlyWhenOpenAndDueBeforeToday) {
  InquiryTask t;
  t.due_on = *ParseDate("2026-11-01");
  EXPECT_TRUE(IsOverdue(t, kToday));
  t.due_on = kToday;
  EXPECT_FALSE(IsOverdue(t, kToday));  // due today is not late yet
  t.due_on = *ParseDate("2026-10-01");
  t.done_at = "2026-10-02T09:00:00.000Z";
  EXPECT_FALSE(IsOverdue(t, kToday));
}

TEST(Waitlist, UrgentFirstThenWhoeverWaitedLongest) {
  std::vector<WaitlistEntry> w = {{"a", "Ann", "routine", "2026-10-01T00:00:00.000Z"},
                                  {"b", "Ben", "urgent", "2026-10-20T00:00:00.000Z"},
                                  {"c", "Cal", "soon", "2026-10-05T00:00:00.000Z"},
                                  {"d", "Dee", "urgent", "2026-10-10T00:00:00.000Z"},
                                  {"e", "Eve", "routine", "2026-09-01T00:00:00.000Z"}};
  OrderWaitlist(w);
  std::vector<std::string> order;
  for (const auto& e : w) order.push_back(e.inquiry_id);
  EXPECT_EQ(order, (std::vector<std::string>{"d", "b", "c", "e", "a"}));
  EXPECT_EQ(w.front().position, 1);
  EXPECT_EQ(w.back().position, 5);
}

TEST(Waitlist, OpenPlacesNeverGoBelowZero) {
  EXPECT_EQ(OpenPlaces(12, 9), 3);
  EXPECT_EQ(OpenPlaces(12, 12), 0);
  EXPECT_EQ(OpenPlaces(10, 14), 0);
}

TEST(InquiryCodes, TedsListsHoldThePublicUseCodebookValues) {
  EXPECT_EQ(TedsReferralSources().size(), 7u);
  EXPECT_EQ(TedsSubstances().size(), 19u);
  EXPECT_EQ(program::LabelOf(TedsSubstances(), "10"), "Methamphetamine");
  EXPECT_EQ(program::LabelOf(TedsReferralSources(), "7"), "Court/criminal justice referral");
}

TEST(InquirySearch, NameWordsAreSpaceDelimitedForPrefixMatching) {
  Inquiry q;
  q.given_name = "Dana";
  q.family_name = "Reyes-Ortiz";
  q.caller_name = "Luis Reyes";
  const std::string text = InquirySearchText(q);
  EXPECT_NE(text.find(" dana "), std::string::npos);
  EXPECT_NE(text.find(" ortiz "), std::string::npos);
  EXPECT_NE(text.find(" luis "), std::string::npos);
  EXPECT_EQ(text.front(), ' ');
  EXPECT_EQ(text.back(), ' ');
}

}  // namespace
}  // namespace stepwise::admissions
