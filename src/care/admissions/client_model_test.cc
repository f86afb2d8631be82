#include "care/admissions/client_model.h"

#include <gtest/gtest.h>

namespace stepwise::admissions {
namespace {

const Date kToday = *ParseDate("2026-11-02");

std::vector<std::string> EpisodeErrors(Episode e) {
  FieldErrors errors;
  CheckEpisode(e, kToday, errors);
  std::vector<std::string> out;
  for (const auto& f : errors.fields()) out.push_back(f.field);
  return out;
}

TEST(Episode, TreatmentNeedsAnAdmissionDate) {
  Episode e;
  e.stage = "treatment";
  EXPECT_EQ(EpisodeErrors(e), (std::vector<std::string>{"admission_date"}));
  e.admission_date = ParseDate("2026-10-01");
  EXPECT_TRUE(EpisodeErrors(e).empty());
}

TEST(Episode, DischargeDatesAreCoherent) {
  Episode e;
  e.stage = "discharged";
  e.admission_date = ParseDate("2026-10-01");
  EXPECT_EQ(EpisodeErrors(e), (std::vector<std::string>{"discharge_date"}));
  e.discharge_date = ParseDate("2026-09-30");
  EXPECT_EQ(EpisodeErrors(e), (std::vector<std::string>{"discharge_date"}));
  e.discharge_date = ParseDate("2026-12-30");
  EXPECT_EQ(EpisodeErrors(e), (std::vector<std::string>{"discharge_date"}));  // in the future
  e.discharge_date = ParseDate("2026-10-30");
  EXPECT_TRUE(EpisodeErrors(e).empty());
  e.stage = "aftercare";
  EXPECT_EQ(EpisodeErrors(e), (std::vector<std::string>{"discharge_date"}));
}

TEST(Client, BirthDateAndMrnChecks) {
  Client c;
  c.birth_date = *ParseDate("2027-01-01");
  c.mrn = "BAD MRN!";
  c.email = "not-an-email";
  FieldErrors errors;
  CheckClient(c, kToday, errors);
  ASSERT_EQ(errors.fields().size(), 3u);
  EXPECT_EQ(errors.fields()[0].field, "birth_date");
  EXPECT_EQ(errors.fields()[1].field, "mrn");
  EXPECT_EQ(errors.fields()[2].field, "email");
}

TEST(Client, SearchTermsAndSortKey) {
  Client c;
  c.legal_name = {"Maria", "A.", "Lopez"};
  c.preferred_name = "Mari";
  auto terms = ClientSearchTerms(c);
  for (const char* t : {"maria", "a", "lopez", "mari"}) {
    EXPECT_NE(std::find(terms.begin(), terms.end(), t), terms.end()) << t;
  }
  EXPECT_EQ(ClientSortKey(c), "lopez maria a.");
  EXPECT_EQ(DisplayName(c), "Mari Lopez");
}

TEST(Mrn, NormalizedAndFormatted) {
  EXPECT_EQ(NormalizeMrn(" sw-000123 "), "SW-000123");
  EXPECT_EQ(FormatMrn(123), "SW-000123");
  EXPECT_TRUE(IsValidMrn("SW-000123"));
  EXPECT_FALSE(IsValidMrn("SW 1"));
  EXPECT_EQ(ParseSearchDate("04/17/1988"), ParseDate("1988-04-17"));
  EXPECT_FALSE(ParseSearchDate("maria"));
}

}  // namespace
}  // namespace stepwise::admissions
