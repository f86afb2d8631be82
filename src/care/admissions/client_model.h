// Clients and their episodes of care: the model and pure rules (no I/O).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/program/program_model.h"
#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::admissions {

using program::CodeLabel;

const std::vector<CodeLabel>& CareStages();  // intake .. discharged, in pathway order
const std::vector<CodeLabel>& SexAtBirth();
bool IsOpenStage(std::string_view stage);  // every stage but "discharged"

struct LegalName {
  std::string given, middle, family;
};

struct EmergencyContact {
  std::string name, relationship, phone;
};

struct Identifier {
  std::string system;  // "medicaid", "medicare", "state_id", "payer_member", ...
  std::string value;
};

struct Client {
  RecordMeta meta;
  std::string mrn;
  LegalName legal_name;
  std::string preferred_name;
  std::string pronouns;
  Date birth_date{};
  std::string sex_at_birth;
  std::string gender_identity;
  std::string phone;
  std::string email;
  Address address;
  EmergencyContact emergency_contact;
  std::vector<Identifier> identifiers;
};

struct Episode {
  RecordMeta meta;
  std::string client_id;
  std::string program_id;
  std::string track_id;      // "" until scheduling places the client
  std::string counselor_id;  // "" until assigned
  std::string stage;
  std::string level_of_care;
  std::optional<Date> admission_date;
  std::optional<Date> discharge_date;
};

// One row of the client list: the client and where they stand now.
struct ClientSummary {
  Client client;
  std::string stage;  // of the current episode; "" without one
  std::string track_name;
  std::string counselor_name;
  std::string episode_id;
};

// Field errors for a client that cannot be right: a birth date in the future or over 120 years ago.
void CheckClient(const Client& c, Date today, FieldErrors& errors);
// Field errors for an episode: treatment or later needs an admission date; discharged needs a
// discharge date on or after admission; no dates in the future.
void CheckEpisode(const Episode& e, Date today, FieldErrors& errors);

std::string ClientSortKey(const Client& c);
std::vector<std::string> ClientSearchTerms(const Client& c);
std::string DisplayName(const Client& c);  // "Mari Lopez" or "Maria Lopez"

// MRNs are compared case-insensitively: stored upper-case, trimmed.
std::string NormalizeMrn(std::string_view mrn);
std::string FormatMrn(std::int64_t number);  // "SW-000123"
bool IsValidMrn(std::string_view mrn);       // 1-32 of A-Z 0-9 - _ . /
// A search box entry that is an MRN rather than a name: a valid MRN holding a digit ("sw-000123").
bool LooksLikeMrn(std::string_view text);

// A date of birth typed into the search box: "1988-04-17" or "04/17/1988".
std::optional<Date> ParseSearchDate(std::string_view text);

}  // namespace stepwise::admissions
