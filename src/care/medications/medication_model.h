// A client's medications, referrals to a prescriber and adherence check-ins (issue 9, ADR 0012), as
// values with their rules: what a valid entry is, the referral's status steps, when repeated
// non-adherence calls for a counselor's follow-up, the weekly trend and which drug-test analytes the
// medications active on a day make expected. Pure: standard library and platform/base only.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::medications {

struct Medication {
  RecordMeta meta;
  std::string client_id;
  std::string name;         // as prescribed ("Buprenorphine/naloxone 8/2 mg film")
  std::string rxnorm_code;  // RxNorm concept id (digits) where known, else ""
  std::string dose, route, frequency, prescriber;
  Date start_on{};
  std::optional<Date> stop_on;
  std::string stop_reason;
  std::string category = "other";  // addiction | psychiatric | other
  std::string mat_kind;             // "" or one of MatKinds() (medication for addiction treatment)
  std::string source = "client_report";  // client_report | prescriber
  std::string note;
};

struct Referral {
  RecordMeta meta;
  std::string client_id;
  std::string provider_name, provider_contact, reason;
  std::string status = "sent";  // sent | scheduled | seen | closed
  Date sent_on{};
  std::optional<Date> appointment_on, seen_on, closed_on;
  std::string outcome;
};

struct Checkin {
  RecordMeta meta;
  std::string client_id;
  std::string medication_id;  // "" = the client's medications in general
  Date checked_on{};
  bool taken_as_prescribed = true;
  int missed_doses = 0;
  std::string side_effects;
  int craving = 0;  // 0..10
  std::string note;
  std::string recorded_by;  // staff id or user id
};

// One rule of config/medications.json: a medication matching any of mat_kinds or whose name contains
// any of `names` (case-insensitive) makes `analytes` expected in a drug test.
struct ExpectationRule {
  std::string label;
  std::vector<std::string> mat_kinds;
  std::vector<std::string> names;
  std::vector<std::string> analytes;
};

struct Settings {
  int non_adherent_count = 2;  // this many non-adherent check-ins …
  int window_days = 30;        // … within this many days → an `adherence` task
  int referral_follow_up_days = 7;  // a sent referral's follow-up is due this many days later
  std::vector<ExpectationRule> expectations;
};

const std::vector<std::string_view>& Categories();
const std::vector<std::string_view>& MatKinds();
const std::vector<std::string_view>& Routes();
const std::vector<std::string_view>& Sources();
const std::vector<std::string_view>& ReferralStatuses();
std::string_view MatKindLabel(std::string_view kind);

// Active on `day`: started on or before it and not stopped before it (the stop day is the last day).
bool ActiveOn(const Medication& m, Date day);
// New or edited medication: name, dose, route, frequency, start_on required; a MAT kind implies category
// "addiction"; rxnorm_code digits only; stop_on not before start_on. Fields keyed by their JSON names.
void CheckMedication(const Medication& m, FieldErrors& errors);
// Stops a medication on `stop_on` with a reason; refuses one already stopped or a date before its start.
Status Stop(Medication& m, Date stop_on, const std::string& reason);

void CheckReferral(const Referral& r, Date today, FieldErrors& errors);
// Moves a referral forward: scheduled needs the appointment date, seen the visit date, closed an outcome;
// never backwards and nothing after closed. `date` is the date of the step.
Status Advance(Referral& r, const std::string& status, Date date, const std::string& outcome);
// Whether a referral at this status still needs staff follow-up (sent or scheduled).
bool NeedsFollowUp(const Referral& r);

void CheckCheckin(const Checkin& c, Date today, FieldErrors& errors);
// Not taken as prescribed, or any missed dose.
bool NonAdherent(const Checkin& c);
// True when, counting `latest`, at least settings.non_adherent_count non-adherent check-ins fall within
// the settings.window_days days ending on latest.checked_on (voided check-ins ignored).
bool NeedsAdherenceFollowUp(const std::vector<Checkin>& all, const Checkin& latest, const Settings& s);
int CountNonAdherentInWindow(const std::vector<Checkin>& all, Date end, int window_days);

struct WeekTrend {
  Date week_of{};  // the Monday
  int checkins = 0, as_prescribed = 0, missed_doses = 0;
  double average_craving = 0;
  int max_craving = 0;
  int side_effect_reports = 0;
};
// Check-ins grouped by the Monday of their week, oldest first; voided ones ignored.
std::vector<WeekTrend> WeeklyTrend(const std::vector<Checkin>& all);
Date MondayOf(Date d);
Date AddDays(Date d, int days);

// The drug-test analyte codes the medications active on `day` make expected (stopped ones no longer).
std::set<std::string> ExpectedAnalytes(const std::vector<Medication>& meds, Date day, const Settings& s);
// Which rules a medication matches (for the chart: "expected in tests: buprenorphine, norbuprenorphine").
std::vector<std::string> ExpectedAnalytesOf(const Medication& m, const Settings& s);

}  // namespace stepwise::medications
