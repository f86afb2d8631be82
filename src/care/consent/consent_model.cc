#include "care/consent/consent_model.h"

#include <algorithm>
#include <chrono>

namespace stepwise::consent {

using program::Codes;
using program::LabelOf;

const std::string_view kDefaultTpoRedisclosure =
    "My records may be redisclosed by a recipient that is a HIPAA covered entity or business associate as the "
    "HIPAA rules allow, except for uses and disclosures in civil, criminal, administrative or legislative "
    "proceedings against me.";
const std::string_view kDefaultTpoRefusal =
    "If I do not sign this consent, my treatment here will not be affected, but my records cannot be shared "
    "with my health plan or other treating providers, and I may have to pay for services myself.";
const std::string_view kDefaultRevocationStatement =
    "I may revoke this consent in writing at any time, except to the extent that action has already been taken "
    "on it, by giving or sending a written revocation to {discloser}. I may also tell my counselor, who will "
    "record it.";

const std::vector<CodeLabel>& ConsentKinds() {
  static const std::vector<CodeLabel> v = {{"tpo", "Treatment, payment and health care operations"},
                                           {"specific", "Specific recipient"}};
  return v;
}

const std::vector<CodeLabel>& InformationCategories() {
  static const std::vector<CodeLabel> v = {{"demographics", "Name, date of birth and contact details"},
                                           {"attendance", "Attendance dates"},
                                           {"assessments", "Assessments and screening results"},
                                           {"diagnosis", "Diagnosis"},
                                           {"treatment_plan", "Treatment plan"},
                                           {"progress", "Progress in treatment"},
                                           {"drug_tests", "Drug test results"},
                                           {"medications", "Medications"},
                                           {"discharge_summary", "Discharge summary"},
                                           {"all_records", "All of my substance use treatment records"}};
  return v;
}

const std::vector<CodeLabel>& Purposes() {
  static const std::vector<CodeLabel> v = {{"treatment", "Treatment"},
                                           {"payment", "Payment"},
                                           {"health_care_operations", "Health care operations"},
                                           {"coordination_of_care", "Coordination of care"},
                                           {"family_involvement", "Family involvement in treatment"},
                                           {"employment", "Employment"},
                                           {"criminal_justice_supervision", "Criminal justice supervision"},
                                           {"benefits_eligibility", "Eligibility for benefits"},
                                           {"research", "Research"},
                                           {"other", "Other (as described)"},
                                           {"legal_proceedings", "Legal proceedings (court order required)"}};
  return v;
}

const std::vector<CodeLabel>& RecipientKinds() {
  static const std::vector<CodeLabel> v = {
      {"person", "A named person"}, {"organization", "An organization"}, {"tpo_class", "Treatment/payment class"}};
  return v;
}

const std::vector<CodeLabel>& RecipientCategories() {
  static const std::vector<CodeLabel> v = {{"family", "Family member"},
                                           {"referral_provider", "Referral provider"},
                                           {"employer", "Employer"},
                                           {"criminal_justice", "Court, probation or parole"},
                                           {"payer", "Payer"},
                                           {"treating_provider", "Treating provider"},
                                           {"other", "Other"}};
  return v;
}

const std::vector<CodeLabel>& ExpirationKinds() {
  static const std::vector<CodeLabel> v = {
      {"date", "On a date"}, {"event", "On an event"}, {"none", "No expiration (TPO consent only)"}};
  return v;
}

const std::vector<CodeLabel>& RevocationMethods() {
  static const std::vector<CodeLabel> v = {{"written", "In writing"}, {"oral", "Orally, recorded by staff"}};
  return v;
}

bool IsTpoPurpose(std::string_view p) { return p == "treatment" || p == "payment" || p == "health_care_operations"; }

namespace {

bool In(const std::vector<CodeLabel>& set, std::string_view code) {
  auto codes = Codes(set);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

void FillDraftDefaults(Consent& c, std::string_view organization_name) {
  if (c.discloser.empty()) c.discloser = std::string(organization_name);
  if (c.revocation_statement.empty()) {
    c.revocation_statement = std::string(kDefaultRevocationStatement);
    ReplaceAll(c.revocation_statement, "{discloser}", c.discloser);
  }
  if (c.kind != "tpo") return;
  c.recipient.kind = "tpo_class";
  if (c.recipient.name.empty()) c.recipient.name = std::string(kTpoRecipientClass);
  if (c.recipient.category.empty()) c.recipient.category = "treating_provider";
  if (c.purpose_code.empty()) c.purpose_code = "treatment";
  if (c.expiration.kind.empty()) c.expiration.kind = "none";
  if (c.tpo_redisclosure.empty()) c.tpo_redisclosure = std::string(kDefaultTpoRedisclosure);
  if (c.tpo_refusal.empty()) c.tpo_refusal = std::string(kDefaultTpoRefusal);
}

void CheckDraft(const Consent& c, FieldErrors& errors) {
  if (!In(ConsentKinds(), c.kind)) errors.Add("kind", "must be tpo or specific");
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    if (!In(InformationCategories(), c.categories[i])) {
      errors.Add("information.categories[" + std::to_string(i) + "]", "is not an information category");
    }
  }
  if (!c.recipient.kind.empty() && !In(RecipientKinds(), c.recipient.kind)) {
    errors.Add("recipient.kind", "must be person, organization or tpo_class");
  }
  if (!c.recipient.category.empty() && !In(RecipientCategories(), c.recipient.category)) {
    errors.Add("recipient.category", "is not a recipient category");
  }
  if (!c.purpose_code.empty() && !In(Purposes(), c.purpose_code)) errors.Add("purpose.code", "is not a purpose");
  if (!c.expiration.kind.empty() && !In(ExpirationKinds(), c.expiration.kind)) {
    errors.Add("expiration.kind", "must be date, event or none");
  }
  if (c.kind == "tpo") {
    if (!c.purpose_code.empty() && !IsTpoPurpose(c.purpose_code)) {
      errors.Add("purpose.code", "a TPO consent covers only treatment, payment and health care operations");
    }
    if (!c.recipient.kind.empty() && c.recipient.kind != "tpo_class") {
      errors.Add("recipient.kind", "a TPO consent names the TPO class; use a specific consent for a named recipient");
    }
  } else {
    if (c.recipient.kind == "tpo_class") errors.Add("recipient.kind", "only a TPO consent names the TPO class");
    if (c.expiration.kind == "none") {
      errors.Add("expiration.kind", "only a TPO consent may have no expiration; give a date or an event");
    }
  }
}

void CheckElements(const Consent& c, Date today, FieldErrors& errors) {
  CheckDraft(c, errors);
  if (c.discloser.empty()) errors.Add("discloser", "name who may disclose (the program)");
  if (c.categories.empty()) errors.Add("information.categories", "choose at least one kind of information");
  if (c.information_description.empty()) {
    errors.Add("information.description", "describe specifically what information may be disclosed");
  }
  if (c.recipient.kind.empty()) errors.Add("recipient.kind", "is required");
  if (c.kind != "tpo" && c.recipient.category.empty()) errors.Add("recipient.category", "is required");
  if (c.recipient.name.empty()) {
    errors.Add("recipient.name", c.recipient.kind == "organization" ? "name the organization" : "name the recipient");
  }
  if (c.purpose_code.empty()) errors.Add("purpose.code", "state the purpose of the disclosure");
  if (c.purpose_code == "other" && c.purpose_text.empty()) errors.Add("purpose.text", "describe the purpose");
  if (c.revocation_statement.empty()) {
    errors.Add("revocation_statement", "state the right to revoke in writing and how to do it");
  }
  if (c.expiration.kind.empty()) {
    errors.Add("expiration.kind", "give an expiration date or event");
  } else if (c.expiration.kind == "date") {
    if (!c.expiration.date) {
      errors.Add("expiration.date", "is required");
    } else if (std::chrono::sys_days(*c.expiration.date) < std::chrono::sys_days(today)) {
      errors.Add("expiration.date", "has already passed");
    }
  } else if (c.expiration.kind == "event" && c.expiration.event.empty()) {
    errors.Add("expiration.event", "name the event on which the consent expires");
  }
  if (c.kind == "tpo") {
    if (c.tpo_redisclosure.empty()) {
      errors.Add("tpo_statements.redisclosure", "a TPO consent must state how records may be redisclosed");
    }
    if (c.tpo_refusal.empty()) {
      errors.Add("tpo_statements.refusal_consequences", "a TPO consent must state what happens if it is not signed");
    }
  }
  if (!c.has_signature) errors.Add("signature", "the client (or guardian) must sign");
  if (!c.signed_on) {
    errors.Add("signed_on", "is required");
  } else if (std::chrono::sys_days(*c.signed_on) > std::chrono::sys_days(today)) {
    errors.Add("signed_on", "cannot be in the future");
  }
}

std::string StatusOn(const Consent& c, Date today, const std::optional<Date>& treatment_ended) {
  if (c.status != "active") return c.status;
  const auto day = std::chrono::sys_days(today);
  if (c.expiration.kind == "date" && c.expiration.date && std::chrono::sys_days(*c.expiration.date) < day) {
    return "expired";
  }
  if (c.expiration.kind == "event" && c.expiration.event == kEndOfTreatment && treatment_ended &&
      std::chrono::sys_days(*treatment_ended) <= day) {
    return "expired";
  }
  return "active";
}

std::optional<int> DaysToExpiry(const Consent& c, Date today) {
  if (c.expiration.kind != "date" || !c.expiration.date) return std::nullopt;
  return static_cast<int>((std::chrono::sys_days(*c.expiration.date) - std::chrono::sys_days(today)).count());
}

bool ExpiringSoon(const Consent& c, Date today, const std::optional<Date>& treatment_ended, int window_days) {
  if (StatusOn(c, today, treatment_ended) != "active") return false;
  auto days = DaysToExpiry(c, today);
  return days && *days <= window_days;
}

std::string CategoryLabels(const std::vector<std::string>& categories) {
  std::string out;
  for (const auto& code : categories) {
    if (!out.empty()) out += ", ";
    out += std::string(LabelOf(InformationCategories(), code));
  }
  return out;
}

std::string RecipientText(const Recipient& r, std::string_view kind) {
  if (kind == "tpo" || r.kind == "tpo_class") return std::string(kTpoRecipientClass);
  std::string out = r.name;
  if (!r.organization.empty() && r.organization != r.name) out += (out.empty() ? "" : ", ") + r.organization;
  if (!r.relationship.empty()) out += " (" + r.relationship + ")";
  return out.empty() ? "[recipient not named]" : out;
}

std::string ExpirationText(const Expiration& e) {
  if (e.kind == "date" && e.date) return FormatDate(*e.date);
  if (e.kind == "event") return e.event == kEndOfTreatment ? "the end of my treatment" : e.event;
  if (e.kind == "none") return "I revoke it";
  return "[expiration not given]";
}

std::string PlainLanguage(const Consent& c) {
  std::string info = CategoryLabels(c.categories);
  if (info.empty()) info = "[information not chosen]";
  if (!c.information_description.empty()) info += " (" + c.information_description + ")";
  std::string purpose = c.purpose_text.empty() ? std::string(LabelOf(Purposes(), c.purpose_code)) : c.purpose_text;
  if (purpose.empty()) purpose = "[purpose not given]";
  std::string out = "You allow " + (c.discloser.empty() ? std::string("this program") : c.discloser) +
                    " to share " + info + " with " + RecipientText(c.recipient, c.kind) + " for this purpose: " +
                    purpose + ". This consent lasts until " + ExpirationText(c.expiration) +
                    ". You may revoke it in writing at any time; it then stops future sharing at once.";
  return out;
}

void CheckCourtOrder(const CourtOrder& o, Date today, FieldErrors& errors) {
  if (o.court.empty()) errors.Add("court", "is required");
  if (o.case_number.empty()) errors.Add("case_number", "is required");
  if (o.description.empty()) errors.Add("description", "describe what the order authorizes");
  if (!o.order_date.ok()) {
    errors.Add("order_date", "is required");
  } else if (std::chrono::sys_days(o.order_date) > std::chrono::sys_days(today)) {
    errors.Add("order_date", "cannot be in the future");
  } else if (o.expires_on && std::chrono::sys_days(*o.expires_on) < std::chrono::sys_days(o.order_date)) {
    errors.Add("expires_on", "must be on or after the order date");
  }
}

}  // namespace stepwise::consent
