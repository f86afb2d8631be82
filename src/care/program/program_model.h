// The program's set-up as data: organization, sites, programs (an IOP), tracks with their days and
// hours, and staff with roles and credentials. Pure model and rules: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::program {

struct CodeLabel {
  std::string_view code;
  std::string_view label;
};

// Code sets. Stored as text; never rename a code once released (add a new one instead).
const std::vector<CodeLabel>& StaffRoles();
const std::vector<CodeLabel>& CredentialTypes();
const std::vector<CodeLabel>& LevelsOfCare();  // ASAM 3rd and 4th edition levels
const std::vector<CodeLabel>& Weekdays();      // mon..sun
std::vector<std::string_view> Codes(const std::vector<CodeLabel>& set);
std::string_view LabelOf(const std::vector<CodeLabel>& set, std::string_view code);

struct Organization {
  RecordMeta meta;
  std::string name;
  std::string time_zone;  // IANA name, e.g. "America/Chicago"
};

struct Site {
  RecordMeta meta;
  std::string name;
  std::string phone;
  Address address;
};

struct Program {
  RecordMeta meta;
  std::string site_id;
  std::string name;
  std::string level_of_care;  // "2.1" for an intensive outpatient program
};

struct Track {
  RecordMeta meta;
  std::string program_id;
  std::string name;
  std::vector<std::string> days;  // weekday codes in week order
  int start_minute = 0;           // minutes after local midnight
  int end_minute = 0;
  int capacity = 0;
};

// Scheduled hours a week a client in this track attends.
double HoursPerWeek(const Track& track);
// Sorts days into week order; returns field errors for an empty day list or end before start.
void NormalizeAndCheck(Track& track, FieldErrors& errors);

struct Credential {
  std::string type;  // a CredentialTypes() code: "LADC", "LCSW", ...
  std::string license_number;
  std::string issuing_state;  // two-letter state or territory code
  std::optional<Date> expires_on;
};

struct Staff {
  RecordMeta meta;
  std::string given_name;
  std::string family_name;
  std::string preferred_name;
  std::string email;
  std::string phone;
  std::vector<std::string> roles;
  std::vector<Credential> credentials;
};

std::string DisplayName(const Staff& s);  // "Preferred Family" or "Given Family"
std::string StaffSortKey(const Staff& s);

// Checks an IANA time-zone name's shape ("Area/City"); the server does not ship the tz database.
bool LooksLikeTimeZone(std::string_view tz);
// Checks a US state/territory code ("MN").
bool IsStateCode(std::string_view code);

}  // namespace stepwise::program
