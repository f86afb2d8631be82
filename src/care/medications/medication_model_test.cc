// Medication rules: the expected-analyte mapping from config/medications.json, active days, stopping,
// referral steps, the adherence follow-up window and the weekly trend.
#include "care/medications/medication_model.h"

#include <gtest/gtest.h>

#include "care/medications/medication_settings.h"

namespace stepwise::medications {
namespace {

Date D(const char* s) { return *ParseDate(s); }

Medication Med(const char* name, const char* mat_kind, const char* start, std::optional<Date> stop = std::nullopt) {
  Medication m;
  m.meta.id = name;
  m.name = name;
  m.mat_kind = mat_kind;
  m.category = std::string(mat_kind).empty() ? "psychiatric" : "addiction";
  m.dose = "1 mg";
  m.route = "oral";
  m.frequency = "daily";
  m.start_on = D(start);
  m.stop_on = stop;
  return m;
}

Checkin Check(const char* id, const char* on, bool taken, int missed = 0, int craving = 0) {
  Checkin c;
  c.meta.id = id;
  c.checked_on = D(on);
  c.taken_as_prescribed = taken;
  c.missed_doses = missed;
  c.craving = craving;
  return c;
}

TEST(MedicationSettings, BuiltinFileParses) {
  auto s = ParseBuiltinSettings();
  ASSERT_TRUE(s.ok()) << s.error().message << (s.error().fields.empty() ? "" : " " + s.error().fields[0].field);
  EXPECT_EQ(s->non_adherent_count, 2);
  EXPECT_EQ(s->window_days, 30);
  EXPECT_GE(s->expectations.size(), 3u);
}

TEST(MedicationSettings, BadFileNamesThePath) {
  auto s = ParseSettings(R"({"adherence":{"window_days":0},"expected_analytes":[{"names":["x"],"analytes":[]},
                            {"mat_kinds":["heroin"],"analytes":["a"]}]})");
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"adherence.window_days", "expected_analytes[0].analytes",
                                              "expected_analytes[1].mat_kinds[0]"}));
}

TEST(ExpectedAnalytes, BuprenorphineMakesBuprenorphineAndNorbuprenorphineExpected) {
  const auto& s = BuiltinSettings();
  auto by_kind = ExpectedAnalytes({Med("Sublingual film 8/2 mg", "buprenorphine", "2026-10-01")}, D("2026-11-02"), s);
  EXPECT_EQ(by_kind, (std::set<std::string>{"buprenorphine", "norbuprenorphine"}));
  auto by_name = ExpectedAnalytes({Med("Suboxone 8/2 mg film", "", "2026-10-01")}, D("2026-11-02"), s);
  EXPECT_EQ(by_name, (std::set<std::string>{"buprenorphine", "norbuprenorphine"}));
}

TEST(ExpectedAnalytes, MethadoneMakesMethadoneAndEddpExpected) {
  auto got = ExpectedAnalytes({Med("Methadone oral concentrate", "methadone", "2026-10-01")}, D("2026-11-02"),
                              BuiltinSettings());
  EXPECT_EQ(got, (std::set<std::string>{"eddp", "methadone"}));
}

TEST(ExpectedAnalytes, PrescribedBenzodiazepineMakesBenzodiazepinesExpected) {
  auto got = ExpectedAnalytes({Med("Clonazepam", "", "2026-10-01"), Med("Sertraline", "", "2026-10-01")},
                              D("2026-11-02"), BuiltinSettings());
  EXPECT_EQ(got, (std::set<std::string>{"benzodiazepines"}));
  EXPECT_EQ(ExpectedAnalytes({Med("LORAZEPAM 1 mg", "", "2026-10-01")}, D("2026-11-02"), BuiltinSettings()),
            (std::set<std::string>{"benzodiazepines"}));
}

TEST(ExpectedAnalytes, NaltrexoneAndNonControlledMedicationsExpectNothing) {
  auto got = ExpectedAnalytes({Med("Vivitrol 380 mg", "naltrexone_er", "2026-10-01"),
                               Med("Acamprosate 666 mg", "acamprosate", "2026-10-01"), Med("Sertraline", "", "2026-10-01")},
                              D("2026-11-02"), BuiltinSettings());
  EXPECT_TRUE(got.empty());
}

TEST(ExpectedAnalytes, StoppedMedicationsAreNoLongerExpected) {
  const auto& s = BuiltinSettings();
  std::vector<Medication> meds = {Med("Alprazolam", "", "2026-10-01", D("2026-10-20")),
                                  Med("Methadone", "methadone", "2026-11-05")};
  EXPECT_EQ(ExpectedAnalytes(meds, D("2026-10-20"), s), (std::set<std::string>{"benzodiazepines"}));  // last day
  EXPECT_TRUE(ExpectedAnalytes(meds, D("2026-10-21"), s).empty());   // stopped, methadone not started
  EXPECT_TRUE(ExpectedAnalytes(meds, D("2026-09-30"), s).empty());   // before the start
  EXPECT_EQ(ExpectedAnalytes(meds, D("2026-11-05"), s), (std::set<std::string>{"eddp", "methadone"}));
  meds[1].meta.voided = true;  // an entry made in error expects nothing
  EXPECT_TRUE(ExpectedAnalytes(meds, D("2026-11-05"), s).empty());
}

TEST(MedicationRules, CheckNamesTheFields) {
  Medication m = Med("Buprenorphine", "buprenorphine", "2026-10-01");
  m.category = "psychiatric";
  m.rxnorm_code = "12ab";
  m.dose.clear();
  m.stop_on = D("2026-09-01");
  FieldErrors errors;
  CheckMedication(m, errors);
  std::vector<std::string> fields;
  for (const auto& f : errors.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"dose", "category", "rxnorm_code", "stop_on"}));
  FieldErrors ok;
  CheckMedication(Med("Naltrexone", "naltrexone_oral", "2026-10-01"), ok);
  EXPECT_TRUE(ok.empty());
}

TEST(MedicationRules, StopNeedsAReasonAndHappensOnce) {
  Medication m = Med("Alprazolam", "", "2026-10-01");
  EXPECT_EQ(Stop(m, D("2026-10-05"), "").error().fields[0].field, "reason");
  EXPECT_EQ(Stop(m, D("2026-09-05"), "tapered").error().fields[0].field, "stop_on");
  ASSERT_TRUE(Stop(m, D("2026-10-05"), "tapered off").ok());
  EXPECT_EQ(FormatDate(*m.stop_on), "2026-10-05");
  EXPECT_EQ(Stop(m, D("2026-10-06"), "again").error().code, ErrorCode::kConflict);
}

TEST(ReferralRules, MovesForwardOnly) {
  Referral r;
  r.sent_on = D("2026-10-01");
  r.provider_name = "Dr. Reyes";
  r.reason = "MOUD evaluation";
  EXPECT_TRUE(NeedsFollowUp(r));
  EXPECT_EQ(Advance(r, "scheduled", D("2026-09-01"), "").error().fields[0].field, "date");
  ASSERT_TRUE(Advance(r, "scheduled", D("2026-10-08"), "").ok());
  EXPECT_EQ(FormatDate(*r.appointment_on), "2026-10-08");
  EXPECT_EQ(Advance(r, "sent", D("2026-10-08"), "").error().fields[0].field, "status");
  EXPECT_EQ(Advance(r, "scheduled", D("2026-10-09"), "").error().fields[0].field, "status");
  ASSERT_TRUE(Advance(r, "seen", D("2026-10-08"), "Started buprenorphine").ok());
  EXPECT_FALSE(NeedsFollowUp(r));
  EXPECT_EQ(Advance(r, "closed", D("2026-10-09"), "").error().fields[0].field, "outcome");
  ASSERT_TRUE(Advance(r, "closed", D("2026-10-09"), "On MOUD, follow-up with prescriber monthly").ok());
  EXPECT_EQ(Advance(r, "closed", D("2026-10-10"), "x").error().code, ErrorCode::kConflict);
}

TEST(AdherenceRules, RepeatedNonAdherenceWithinTheWindow) {
  Settings s;  // 2 within 30 days
  const std::vector<Checkin> earlier = {Check("a", "2026-10-01", false), Check("b", "2026-10-20", true)};
  // 2026-10-30 is day 30 of the window that starts 2026-10-01: counts.
  EXPECT_TRUE(NeedsAdherenceFollowUp(earlier, Check("c", "2026-10-30", false), s));
  // 2026-10-31: the first one fell out of the window.
  EXPECT_FALSE(NeedsAdherenceFollowUp(earlier, Check("c", "2026-10-31", false), s));
  // Missed doses count as not as prescribed.
  EXPECT_TRUE(NeedsAdherenceFollowUp(earlier, Check("c", "2026-10-15", false, 2), s));
  // An adherent check-in never triggers.
  EXPECT_FALSE(NeedsAdherenceFollowUp(earlier, Check("c", "2026-10-15", true), s));
  // A voided earlier check-in does not count.
  auto voided = earlier;
  voided[0].meta.voided = true;
  EXPECT_FALSE(NeedsAdherenceFollowUp(voided, Check("c", "2026-10-15", false), s));
  // Configurable count.
  s.non_adherent_count = 3;
  EXPECT_FALSE(NeedsAdherenceFollowUp(earlier, Check("c", "2026-10-15", false), s));
}

TEST(AdherenceRules, WeeklyTrendGroupsByMonday) {
  auto weeks = WeeklyTrend({Check("a", "2026-11-04", false, 1, 6), Check("b", "2026-11-02", true, 0, 2),
                            Check("c", "2026-10-30", true, 0, 3), Check("d", "2026-11-08", true, 0, 4)});
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(FormatDate(weeks[0].week_of), "2026-10-26");
  EXPECT_EQ(weeks[0].checkins, 1);
  EXPECT_EQ(FormatDate(weeks[1].week_of), "2026-11-02");  // Monday through Sunday the 8th
  EXPECT_EQ(weeks[1].checkins, 3);
  EXPECT_EQ(weeks[1].as_prescribed, 2);
  EXPECT_EQ(weeks[1].missed_doses, 1);
  EXPECT_DOUBLE_EQ(weeks[1].average_craving, 4.0);
  EXPECT_EQ(weeks[1].max_craving, 6);
}

TEST(AdherenceRules, CheckinBounds) {
  FieldErrors errors;
  Checkin c = Check("a", "2026-11-03", true, 2, 11);
  CheckCheckin(c, D("2026-11-02"), errors);
  std::vector<std::string> fields;
  for (const auto& f : errors.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"checked_on", "craving", "missed_doses"}));
}

}  // namespace
}  // namespace stepwise::medications
