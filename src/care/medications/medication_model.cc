#include "care/medications/medication_model.h"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace stepwise::medications {
namespace {

bool Has(const std::vector<std::string_view>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int StatusRank(std::string_view s) {
  if (s == "sent") return 0;
  if (s == "scheduled") return 1;
  if (s == "seen") return 2;
  if (s == "closed") return 3;
  return -1;
}

}  // namespace

const std::vector<std::string_view>& Categories() {
  static const std::vector<std::string_view> v = {"addiction", "psychiatric", "other"};
  return v;
}
const std::vector<std::string_view>& MatKinds() {
  static const std::vector<std::string_view> v = {"buprenorphine", "methadone",   "naltrexone_oral",
                                                  "naltrexone_er", "acamprosate", "disulfiram"};
  return v;
}
const std::vector<std::string_view>& Routes() {
  static const std::vector<std::string_view> v = {"oral",         "sublingual",  "buccal",     "intramuscular",
                                                  "subcutaneous", "transdermal", "intranasal", "inhaled",
                                                  "intravenous",  "other"};
  return v;
}
const std::vector<std::string_view>& Sources() {
  static const std::vector<std::string_view> v = {"client_report", "prescriber"};
  return v;
}
const std::vector<std::string_view>& ReferralStatuses() {
  static const std::vector<std::string_view> v = {"sent", "scheduled", "seen", "closed"};
  return v;
}

std::string_view MatKindLabel(std::string_view kind) {
  if (kind == "buprenorphine") return "Buprenorphine";
  if (kind == "methadone") return "Methadone";
  if (kind == "naltrexone_oral") return "Naltrexone (oral)";
  if (kind == "naltrexone_er") return "Naltrexone (extended-release injection)";
  if (kind == "acamprosate") return "Acamprosate";
  if (kind == "disulfiram") return "Disulfiram";
  return "";
}

Date AddDays(Date d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days(days)}; }

Date MondayOf(Date d) {
  const std::chrono::weekday wd{std::chrono::sys_days(d)};
  const int back = (static_cast<int>(wd.c_encoding()) + 6) % 7;  // Monday → 0 … Sunday → 6
  return AddDays(d, -back);
}

bool ActiveOn(const Medication& m, Date day) {
  if (m.meta.voided) return false;
  if (std::chrono::sys_days(m.start_on) > std::chrono::sys_days(day)) return false;
  return !m.stop_on || std::chrono::sys_days(*m.stop_on) >= std::chrono::sys_days(day);
}

void CheckMedication(const Medication& m, FieldErrors& errors) {
  if (m.name.empty()) errors.Add("name", "the medication's name is required");
  if (m.dose.empty()) errors.Add("dose", "the dose is required (e.g. \"8 mg\")");
  if (m.frequency.empty()) errors.Add("frequency", "how often is required (e.g. \"once daily\")");
  if (!Has(Routes(), m.route)) errors.Add("route", "must be one of the listed routes");
  if (!Has(Categories(), m.category)) errors.Add("category", "must be addiction, psychiatric or other");
  if (!Has(Sources(), m.source)) errors.Add("source", "must be client_report or prescriber");
  if (!m.mat_kind.empty()) {
    if (!Has(MatKinds(), m.mat_kind))
      errors.Add("mat_kind", "must be a medication for addiction treatment kind");
    else if (m.category != "addiction")
      errors.Add("category", "a medication for addiction treatment has category \"addiction\"");
  }
  if (!m.rxnorm_code.empty() &&
      (m.rxnorm_code.size() > 10 ||
       !std::all_of(m.rxnorm_code.begin(), m.rxnorm_code.end(), [](char c) { return c >= '0' && c <= '9'; })))
    errors.Add("rxnorm_code", "an RxNorm code is a number of up to 10 digits");
  if (m.start_on == Date{}) errors.Add("start_on", "the start date is required");
  if (m.stop_on && std::chrono::sys_days(*m.stop_on) < std::chrono::sys_days(m.start_on))
    errors.Add("stop_on", "cannot be before the start date");
}

Status Stop(Medication& m, Date stop_on, const std::string& reason) {
  if (m.stop_on) return Error::Conflict("the medication is already stopped");
  if (reason.empty()) return Error::Field("reason", "say why the medication was stopped");
  if (std::chrono::sys_days(stop_on) < std::chrono::sys_days(m.start_on))
    return Error::Field("stop_on", "cannot be before the start date " + FormatDate(m.start_on));
  m.stop_on = stop_on;
  m.stop_reason = reason;
  return Ok();
}

void CheckReferral(const Referral& r, Date today, FieldErrors& errors) {
  if (r.provider_name.empty()) errors.Add("provider_name", "the prescriber or clinic is required");
  if (r.reason.empty()) errors.Add("reason", "the reason for the referral is required");
  if (r.sent_on == Date{})
    errors.Add("sent_on", "the date the referral was sent is required");
  else if (std::chrono::sys_days(r.sent_on) > std::chrono::sys_days(today))
    errors.Add("sent_on", "cannot be in the future");
}

Status Advance(Referral& r, const std::string& status, Date date, const std::string& outcome) {
  const int to = StatusRank(status);
  if (to < 0) return Error::Field("status", "must be scheduled, seen or closed");
  if (r.status == "closed") return Error::Conflict("the referral is closed");
  if (to <= StatusRank(r.status))
    return Error::Field("status", "a referral moves forward only (it is " + r.status + ")");
  if (std::chrono::sys_days(date) < std::chrono::sys_days(r.sent_on))
    return Error::Field("date", "cannot be before the referral was sent (" + FormatDate(r.sent_on) + ")");
  if (status == "scheduled") {
    r.appointment_on = date;
  } else if (status == "seen") {
    r.seen_on = date;
    if (!outcome.empty()) r.outcome = outcome;
  } else {  // closed
    if (outcome.empty()) return Error::Field("outcome", "say how the referral ended");
    r.closed_on = date;
    r.outcome = outcome;
  }
  r.status = status;
  return Ok();
}

bool NeedsFollowUp(const Referral& r) { return !r.meta.voided && (r.status == "sent" || r.status == "scheduled"); }

void CheckCheckin(const Checkin& c, Date today, FieldErrors& errors) {
  if (c.checked_on == Date{})
    errors.Add("checked_on", "the date is required");
  else if (std::chrono::sys_days(c.checked_on) > std::chrono::sys_days(today))
    errors.Add("checked_on", "cannot be in the future");
  if (c.missed_doses < 0) errors.Add("missed_doses", "cannot be negative");
  if (c.craving < 0 || c.craving > 10) errors.Add("craving", "must be 0 to 10");
  if (c.taken_as_prescribed && c.missed_doses > 0)
    errors.Add("missed_doses", "missed doses mean the medication was not taken as prescribed");
}

bool NonAdherent(const Checkin& c) { return !c.taken_as_prescribed || c.missed_doses > 0; }

int CountNonAdherentInWindow(const std::vector<Checkin>& all, Date end, int window_days) {
  const auto last = std::chrono::sys_days(end);
  const auto first = last - std::chrono::days(window_days - 1);
  int n = 0;
  for (const auto& c : all) {
    if (c.meta.voided || !NonAdherent(c)) continue;
    const auto d = std::chrono::sys_days(c.checked_on);
    if (d >= first && d <= last) ++n;
  }
  return n;
}

bool NeedsAdherenceFollowUp(const std::vector<Checkin>& all, const Checkin& latest, const Settings& s) {
  if (!NonAdherent(latest)) return false;
  std::vector<Checkin> with = all;
  if (std::none_of(all.begin(), all.end(), [&](const Checkin& c) { return c.meta.id == latest.meta.id; }))
    with.push_back(latest);
  return CountNonAdherentInWindow(with, latest.checked_on, s.window_days) >= s.non_adherent_count;
}

std::vector<WeekTrend> WeeklyTrend(const std::vector<Checkin>& all) {
  std::vector<WeekTrend> weeks;
  std::vector<int> craving_sum;
  for (const auto& c : all) {
    if (c.meta.voided) continue;
    const Date monday = MondayOf(c.checked_on);
    auto it = std::find_if(weeks.begin(), weeks.end(), [&](const WeekTrend& w) { return w.week_of == monday; });
    if (it == weeks.end()) {
      weeks.push_back({.week_of = monday});
      craving_sum.push_back(0);
      it = weeks.end() - 1;
    }
    const auto i = static_cast<std::size_t>(it - weeks.begin());
    ++it->checkins;
    if (!NonAdherent(c)) ++it->as_prescribed;
    it->missed_doses += c.missed_doses;
    it->max_craving = std::max(it->max_craving, c.craving);
    if (!c.side_effects.empty()) ++it->side_effect_reports;
    craving_sum[i] += c.craving;
  }
  for (std::size_t i = 0; i < weeks.size(); ++i)
    weeks[i].average_craving = static_cast<double>(craving_sum[i]) / weeks[i].checkins;
  std::sort(weeks.begin(), weeks.end(), [](const WeekTrend& a, const WeekTrend& b) {
    return std::chrono::sys_days(a.week_of) < std::chrono::sys_days(b.week_of);
  });
  return weeks;
}

std::vector<std::string> ExpectedAnalytesOf(const Medication& m, const Settings& s) {
  std::set<std::string> out;
  const std::string name = Lower(m.name);
  for (const auto& rule : s.expectations) {
    bool match = !m.mat_kind.empty() &&
                 std::find(rule.mat_kinds.begin(), rule.mat_kinds.end(), m.mat_kind) != rule.mat_kinds.end();
    for (const auto& n : rule.names)
      if (!n.empty() && name.find(Lower(n)) != std::string::npos) match = true;
    if (match) out.insert(rule.analytes.begin(), rule.analytes.end());
  }
  return {out.begin(), out.end()};
}

std::set<std::string> ExpectedAnalytes(const std::vector<Medication>& meds, Date day, const Settings& s) {
  std::set<std::string> out;
  for (const auto& m : meds) {
    if (!ActiveOn(m, day)) continue;
    for (auto& a : ExpectedAnalytesOf(m, s)) out.insert(std::move(a));
  }
  return out;
}

}  // namespace stepwise::medications
