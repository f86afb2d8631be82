#include "care/admissions/client_model.h"

#include <algorithm>
#include <cstdio>

namespace stepwise::admissions {

const std::vector<CodeLabel>& CareStages() {
  static const std::vector<CodeLabel> k = {{"intake", "Intake"},           {"assessment", "Assessment"},
                                           {"orientation", "Orientation"}, {"treatment", "In treatment"},
                                           {"aftercare", "Aftercare"},     {"discharged", "Discharged"}};
  return k;
}

const std::vector<CodeLabel>& SexAtBirth() {
  static const std::vector<CodeLabel> k = {{"female", "Female"},
                                           {"male", "Male"},
                                           {"intersex", "Intersex"},
                                           {"unknown", "Unknown"},
                                           {"declined", "Declined to answer"}};
  return k;
}

bool IsOpenStage(std::string_view stage) { return stage != "discharged"; }

void CheckClient(const Client& c, Date today, FieldErrors& errors) {
  if (std::chrono::sys_days(c.birth_date) > std::chrono::sys_days(today)) {
    errors.Add("birth_date", "cannot be in the future");
  } else if (AgeInYears(c.birth_date, today) > 120) {
    errors.Add("birth_date", "is more than 120 years ago");
  }
  if (!c.mrn.empty() && !IsValidMrn(c.mrn)) {
    errors.Add("mrn", "may hold only letters, digits and - _ . / (at most 32)");
  }
  if (!c.email.empty() && (c.email.find('@') == std::string::npos || c.email.find(' ') != std::string::npos)) {
    errors.Add("email", "must be an email address");
  }
  for (std::size_t i = 0; i < c.identifiers.size(); ++i) {
    if (c.identifiers[i].system.empty()) errors.Add("identifiers[" + std::to_string(i) + "].system", "is required");
    if (c.identifiers[i].value.empty()) errors.Add("identifiers[" + std::to_string(i) + "].value", "is required");
  }
}

void CheckEpisode(const Episode& e, Date today, FieldErrors& errors) {
  auto future = [&](const std::optional<Date>& d) {
    return d && std::chrono::sys_days(*d) > std::chrono::sys_days(today);
  };
  if (future(e.admission_date)) errors.Add("admission_date", "cannot be in the future");
  if (future(e.discharge_date)) errors.Add("discharge_date", "cannot be in the future");
  const bool admitted_stage = e.stage == "treatment" || e.stage == "aftercare" || e.stage == "discharged";
  if (admitted_stage && !e.admission_date && e.stage != "discharged") {
    errors.Add("admission_date", "is required once a client is in treatment");
  }
  if (e.stage == "discharged" && !e.discharge_date) errors.Add("discharge_date", "is required to discharge");
  if (e.stage != "discharged" && e.discharge_date)
    errors.Add("discharge_date", "is only set when the stage is discharged");
  if (e.admission_date && e.discharge_date &&
      std::chrono::sys_days(*e.discharge_date) < std::chrono::sys_days(*e.admission_date)) {
    errors.Add("discharge_date", "cannot be before admission_date");
  }
}

std::string ClientSortKey(const Client& c) {
  return AsciiLower(c.legal_name.family) + " " + AsciiLower(c.legal_name.given) + " " + AsciiLower(c.legal_name.middle);
}

std::vector<std::string> ClientSearchTerms(const Client& c) {
  std::vector<std::string> out;
  for (const auto* name : {&c.legal_name.given, &c.legal_name.middle, &c.legal_name.family, &c.preferred_name}) {
    for (auto& t : NameSearchTerms(*name)) {
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
    }
  }
  return out;
}

std::string DisplayName(const Client& c) {
  return (c.preferred_name.empty() ? c.legal_name.given : c.preferred_name) + " " + c.legal_name.family;
}

std::string NormalizeMrn(std::string_view mrn) {
  std::string out;
  for (char ch : mrn) {
    if (ch == ' ') continue;
    out.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
  }
  return out;
}

std::string FormatMrn(std::int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "SW-%06lld", static_cast<long long>(number));
  return buf;
}

bool IsValidMrn(std::string_view mrn) {
  if (mrn.empty() || mrn.size() > 32) return false;
  return std::all_of(mrn.begin(), mrn.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' || ch == '/';
  });
}

bool LooksLikeMrn(std::string_view text) {
  const std::string mrn = NormalizeMrn(text);
  return IsValidMrn(mrn) && std::any_of(mrn.begin(), mrn.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Date> ParseSearchDate(std::string_view t) {
  if (auto d = ParseDate(t)) return d;
  if (t.size() == 10 && t[2] == '/' && t[5] == '/') {
    std::string iso =
        std::string(t.substr(6, 4)) + "-" + std::string(t.substr(0, 2)) + "-" + std::string(t.substr(3, 2));
    return ParseDate(iso);
  }
  return std::nullopt;
}

}  // namespace stepwise::admissions
