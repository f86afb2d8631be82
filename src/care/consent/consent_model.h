// 42 CFR Part 2 consents as data, and the pure rules over them: the §2.31 elements a consent must hold
// before it may be activated, its status now (expired is computed), and whether it covers a requested
// disclosure (refusals carry a reason code). No I/O.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/program/program_model.h"
#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::consent {

using program::CodeLabel;

// FHIR meta.security labels every Part 2 record will carry in FHIR output (restricted, 42 CFR Part 2,
// no redisclosure without consent, substance use information).
inline constexpr std::array<std::string_view, 4> kPart2SecurityLabels = {"R", "42CFRPart2", "NORDSCLCD", "SUD"};

// The recipient class that suffices for a single treatment/payment/operations consent (§2.31(a)(4)).
inline constexpr std::string_view kTpoRecipientClass =
    "my treating providers, health plans, third-party payers, and people helping to operate this program";
// The statements a TPO consent must carry; filled in when a TPO draft leaves them empty.
extern const std::string_view kDefaultTpoRedisclosure;
extern const std::string_view kDefaultTpoRefusal;
// The right to revoke, as a draft's default text ("{discloser}" is replaced by the discloser).
extern const std::string_view kDefaultRevocationStatement;

// Code sets. Stored as text; never rename a code once released (add a new one instead).
const std::vector<CodeLabel>& ConsentKinds();            // tpo, specific
const std::vector<CodeLabel>& InformationCategories();   // demographics .. all_records
const std::vector<CodeLabel>& Purposes();                // treatment .. legal_proceedings
const std::vector<CodeLabel>& RecipientKinds();          // person, organization, tpo_class
const std::vector<CodeLabel>& RecipientCategories();     // family .. other
const std::vector<CodeLabel>& ExpirationKinds();         // date, event, none
const std::vector<CodeLabel>& RevocationMethods();       // written, oral
bool IsTpoPurpose(std::string_view purpose);             // treatment, payment, health_care_operations
// Known expiration events; any other text names an event the program cannot observe (the consent then
// stays in force until revoked or voided).
inline constexpr std::string_view kEndOfTreatment = "end_of_treatment";

struct Recipient {
  std::string kind;      // person | organization | tpo_class
  std::string category;  // family | referral_provider | employer | criminal_justice | payer | treating_provider | other
  std::string name;      // the person, or the organization's name
  std::string organization;
  std::string address;
  std::string relationship;
};

struct Expiration {
  std::string kind;  // date | event | none (none: TPO consents only)
  std::optional<Date> date;
  std::string event;  // "end_of_treatment" or a described event ("final disposition of my court case")
};

struct Revocation {
  std::string revoked_at;  // UTC timestamp it was recorded
  Date revoked_on{};       // the day the client revoked it
  std::string recorded_by;  // user id
  std::string recorded_by_name;
  std::string method;  // written | oral
  std::string note;
};

struct Consent {
  RecordMeta meta;
  std::string client_id;
  std::string kind = "specific";  // tpo | specific
  std::string status = "draft";   // stored: draft | active | revoked (expired is computed)
  std::string discloser;
  std::vector<std::string> categories;
  std::string information_description;
  Recipient recipient;
  std::string purpose_code;
  std::string purpose_text;
  std::string revocation_statement;
  Expiration expiration;
  std::string tpo_redisclosure;
  std::string tpo_refusal;
  bool has_signature = false;  // a signature row exists (the service loads it)
  std::string signer_name;
  std::optional<Date> signed_on;
  std::string activated_at;
  std::optional<Revocation> revocation;
  bool part2 = true;
};

// Fills what a new draft may leave out: the discloser (the organization's name), the revocation statement,
// and for a TPO consent the recipient class, TPO statements and a TPO purpose.
void FillDraftDefaults(Consent& c, std::string_view organization_name);

// Field errors for values that can never be right, even in a draft: unknown codes, a TPO consent naming a
// non-TPO purpose or a person as recipient, expiration "none" on a specific consent.
void CheckDraft(const Consent& c, FieldErrors& errors);

// Every §2.31 element a consent needs before it may be activated, each missing one as a field error named by
// its JSON path: discloser, information.categories, information.description, recipient.kind,
// recipient.category, recipient.name, purpose.code, revocation_statement, expiration.kind, expiration.date,
// expiration.event, tpo_statements.redisclosure, tpo_statements.refusal_consequences, signature, signed_on.
// `today` rules out a signing date in the future and an expiration date already past.
void CheckElements(const Consent& c, Date today, FieldErrors& errors);

// The status now: "draft", "active", "revoked" or "expired" (an active consent past its expiration date, or
// whose expiration event "end_of_treatment" happened: `treatment_ended` is the discharge date of the
// client's episode, when discharged).
std::string StatusOn(const Consent& c, Date today, const std::optional<Date>& treatment_ended);

// Days from `today` to the expiration date (negative once past); nullopt without an expiration date.
std::optional<int> DaysToExpiry(const Consent& c, Date today);
// Active, with an expiration date within `window_days` from today.
bool ExpiringSoon(const Consent& c, Date today, const std::optional<Date>& treatment_ended, int window_days);

// "You allow Northstar Recovery IOP to share your attendance dates (…) with Jane Smith (sister) so that …
// until 2027-05-01. You may revoke this consent …"
std::string PlainLanguage(const Consent& c);
// Category labels joined with ", " ("Attendance, Progress in treatment").
std::string CategoryLabels(const std::vector<std::string>& categories);
// "Jane Smith (sister)", "Dr. Lee, Lakeview Clinic", or the TPO class text.
std::string RecipientText(const Recipient& r, std::string_view kind);
std::string ExpirationText(const Expiration& e);

// A court order under §§2.61–2.67 authorizing disclosure for legal proceedings.
struct CourtOrder {
  RecordMeta meta;
  std::string client_id;
  std::string court;
  std::string case_number;
  std::string judge;
  Date order_date{};
  std::string description;
  std::optional<Date> expires_on;
  std::string recorded_by_name;
  bool part2 = true;
};
// Field errors: court, case_number, order_date (not in the future), description; expires_on after order_date.
void CheckCourtOrder(const CourtOrder& o, Date today, FieldErrors& errors);

// What someone asks to disclose.
struct DisclosureRequest {
  std::string client_id;
  std::string consent_id;
  std::string recipient_name;
  std::string recipient_address;
  std::string purpose;
  std::vector<std::string> categories;
  std::string description;
  std::string channel;  // pdf | print | csv | api | referral_packet
  std::string court_order_id;
};

// A refusal: the request field at fault and the reason code. Reason codes (stable, sent to clients):
// consent_not_found, consent_incomplete, consent_not_active, consent_expired, consent_revoked,
// client_mismatch, recipient_not_covered, purpose_not_covered, information_not_covered, tpo_purpose_only,
// court_order_required.
struct Refusal {
  std::string field;
  std::string code;
  std::string explanation;
  std::string Message() const { return code + ": " + explanation; }
};

// Whether `consent` (nullptr: none found) covers `request` today. A legal-proceedings purpose needs
// `court_order` (nullptr: none recorded, or not of this client); with one, a consent is not needed, but one
// that is named must still cover the request. Checks in order: court order, client, completeness (every
// §2.31 element), revoked, not active, expired, TPO purposes only, purpose, recipient, information.
std::optional<Refusal> CheckCoverage(const DisclosureRequest& request, const Consent* consent,
                                     const CourtOrder* court_order, Date today,
                                     const std::optional<Date>& treatment_ended);

}  // namespace stepwise::consent
