// Amendment-request rules: the 60-day clock, one extension of at most 30 days, and decisions that append.
#include "care/documents/amendment_model.h"

#include <gtest/gtest.h>

namespace stepwise::documents {
namespace {

Date D(const char* s) { return *ParseDate(s); }

Amendment Pending(const char* received) {
  Amendment a;
  a.record_type = "document";
  a.record_description = "Consent to treatment";
  a.requested_change = "My middle name is misspelled";
  a.received_on = D(received);
  a.due_on = DueOn(a.received_on);
  return a;
}

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(Amendment, DueSixtyDaysAfterReceiptAcrossMonthAndYearEnds) {
  EXPECT_EQ(DueOn(D("2026-11-22")), D("2027-01-21"));
  EXPECT_EQ(DueOn(D("2028-01-01")), D("2028-03-01"));  // leap year: 31 + 29 days
  Amendment a = Pending("2026-11-22");
  EXPECT_FALSE(IsOverdue(a, D("2027-01-21")));
  EXPECT_TRUE(IsOverdue(a, D("2027-01-22")));
  a.status = "accepted";
  EXPECT_FALSE(IsOverdue(a, D("2027-06-01")));
}

TEST(Amendment, NewRequestNeedsWhatAndWhichAndNoFutureDate) {
  Amendment a = Pending("2026-11-23");
  a.record_description.clear();
  a.requested_change.clear();
  a.record_type = "diary";
  FieldErrors errors;
  CheckNewAmendment(a, D("2026-11-22"), errors);
  EXPECT_EQ(Fields(errors.ToError()),
            (std::vector<std::string>{"record_description", "requested_change", "record_type", "received_on"}));
}

TEST(Amendment, OneExtensionOfAtMostThirtyDaysWithAReason) {
  Amendment a = Pending("2026-11-22");  // due 2027-01-21
  auto too_far = Extend(a, D("2027-02-21"), "waiting for the records from the hospital");
  ASSERT_FALSE(too_far.ok());
  EXPECT_EQ(Fields(too_far.error()), std::vector<std::string>{"extended_to"});
  auto no_reason = Extend(a, D("2027-02-20"), "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(Fields(no_reason.error()), std::vector<std::string>{"reason"});
  EXPECT_EQ(a.due_on, D("2027-01-21"));  // nothing changed

  ASSERT_TRUE(Extend(a, D("2027-02-20"), "waiting for the records from the hospital").ok());
  EXPECT_EQ(a.due_on, D("2027-02-20"));
  auto again = Extend(a, D("2027-02-19"), "again");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(Amendment, AcceptNeedsTheCorrectionDenyNeedsTheBasisDisagreementFollowsDenial) {
  Amendment a = Pending("2026-11-22");
  auto bad = Decide(a, "accepted", "", "", "2026-11-30T10:00:00.000Z", "Karen");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), std::vector<std::string>{"amendment_text"});
  auto unknown = Decide(a, "maybe", "", "", "t", "Karen");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(Fields(unknown.error()), std::vector<std::string>{"decision"});
  EXPECT_EQ(AddDisagreement(a, "I disagree").error().code, ErrorCode::kConflict);

  Amendment denied = a;
  ASSERT_TRUE(Decide(denied, "denied", "", "The information is accurate and complete", "t", "Karen").ok());
  EXPECT_EQ(Decide(denied, "accepted", "x", "", "t", "Karen").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(AddDisagreement(denied, "The note says I relapsed in May; I did not.").ok());
  EXPECT_EQ(AddDisagreement(denied, "again").error().code, ErrorCode::kConflict);

  ASSERT_TRUE(Decide(a, "accepted", "Middle name is Ann, not Anne.", "", "t", "Karen").ok());
  EXPECT_EQ(a.status, "accepted");
  EXPECT_EQ(a.decided_by_name, "Karen");
}

}  // namespace
}  // namespace stepwise::documents
