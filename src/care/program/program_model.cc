#include "care/program/program_model.h"

#include <algorithm>

namespace stepwise::program {

const std::vector<CodeLabel>& StaffRoles() {
  static const std::vector<CodeLabel> k = {
      {"intake_specialist", "Intake specialist"}, {"counselor", "Counselor"},
      {"therapist", "Licensed therapist"},        {"medical", "Medical provider / nurse"},
      {"program_director", "Program director"},   {"privacy_officer", "Privacy officer"},
      {"administrator", "Administrator"},         {"front_desk", "Front desk"},
  };
  return k;
}

const std::vector<CodeLabel>& CredentialTypes() {
  static const std::vector<CodeLabel> k = {
      {"LADC", "Licensed Alcohol and Drug Counselor"},
      {"CADC", "Certified Alcohol and Drug Counselor"},
      {"LCSW", "Licensed Clinical Social Worker"},
      {"LPC", "Licensed Professional Counselor"},
      {"LMFT", "Licensed Marriage and Family Therapist"},
      {"PsyD", "Doctor of Psychology"},
      {"PhD", "Licensed Psychologist (PhD)"},
      {"CPRS", "Certified Peer Recovery Specialist"},
      {"RN", "Registered Nurse"},
      {"LPN", "Licensed Practical Nurse"},
      {"NP", "Nurse Practitioner"},
      {"PA", "Physician Assistant"},
      {"MD", "Physician (MD)"},
      {"DO", "Physician (DO)"},
      {"other", "Other credential"},
  };
  return k;
}

const std::vector<CodeLabel>& LevelsOfCare() {
  static const std::vector<CodeLabel> k = {
      {"0.5", "0.5 Early intervention"},
      {"1.0", "1.0 Outpatient"},
      {"1.5", "1.5 Outpatient therapy (4th ed.)"},
      {"1.7", "1.7 Medically managed outpatient (4th ed.)"},
      {"2.1", "2.1 Intensive outpatient"},
      {"2.5", "2.5 Partial hospitalization / high-intensity outpatient"},
      {"2.7", "2.7 Medically managed intensive outpatient (4th ed.)"},
      {"3.1", "3.1 Clinically managed low-intensity residential"},
      {"3.3", "3.3 Population-specific high-intensity residential (3rd ed.)"},
      {"3.5", "3.5 Clinically managed high-intensity residential"},
      {"3.7", "3.7 Medically monitored intensive inpatient"},
      {"4.0", "4.0 Medically managed intensive inpatient"},
  };
  return k;
}

const std::vector<CodeLabel>& Weekdays() {
  static const std::vector<CodeLabel> k = {{"mon", "Monday"},   {"tue", "Tuesday"}, {"wed", "Wednesday"},
                                           {"thu", "Thursday"}, {"fri", "Friday"},  {"sat", "Saturday"},
                                           {"sun", "Sunday"}};
  return k;
}

std::vector<std::string_view> Codes(const std::vector<CodeLabel>& set) {
  std::vector<std::string_view> out;
  out.reserve(set.size());
  for (const auto& c : set) out.push_back(c.code);
  return out;
}

std::string_view LabelOf(const std::vector<CodeLabel>& set, std::string_view code) {
  for (const auto& c : set) {
    if (c.code == code) return c.label;
  }
  return code;
}

double HoursPerWeek(const Track& t) {
  return static_cast<double>(t.days.size()) * static_cast<double>(t.end_minute - t.start_minute) / 60.0;
}

void NormalizeAndCheck(Track& t, FieldErrors& errors) {
  const auto& week = Weekdays();
  auto index = [&](const std::string& d) {
    for (std::size_t i = 0; i < week.size(); ++i) {
      if (week[i].code == d) return i;
    }
    return week.size();
  };
  std::sort(t.days.begin(), t.days.end(), [&](const auto& a, const auto& b) { return index(a) < index(b); });
  if (t.days.empty()) errors.Add("days", "needs at least one day");
  if (t.end_minute <= t.start_minute) errors.Add("end_time", "must be after start_time");
}

std::string DisplayName(const Staff& s) {
  return (s.preferred_name.empty() ? s.given_name : s.preferred_name) + " " + s.family_name;
}

std::string StaffSortKey(const Staff& s) { return AsciiLower(s.family_name) + " " + AsciiLower(s.given_name); }

bool LooksLikeTimeZone(std::string_view tz) {
  if (tz == "UTC") return true;
  if (tz.size() < 3 || tz.size() > 64 || tz.find('/') == std::string_view::npos) return false;
  return std::all_of(tz.begin(), tz.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
           c == '-' || c == '+';
  });
}

bool IsStateCode(std::string_view c) {
  static const char* kStates[] = {"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
                                  "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
                                  "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
                                  "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP"};
  for (const char* s : kStates) {
    if (c == s) return true;
  }
  return false;
}

}  // namespace stepwise::program
