// CheckCoverage: whether a consent (or a court order) authorizes one requested disclosure.
#include <algorithm>
#include <chrono>

#include "care/consent/consent_model.h"

namespace stepwise::consent {

namespace {

// Case-insensitive comparison of names after trimming and collapsing spaces.
std::string NormalName(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : AsciiLower(s)) {
    if (ch == ' ' || ch == '\t' || ch == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

bool RecipientCovered(const Recipient& r, std::string_view requested) {
  const std::string want = NormalName(requested);
  if (want.empty()) return false;
  return want == NormalName(r.name) || (!r.organization.empty() && want == NormalName(r.organization));
}

Refusal Refuse(std::string field, std::string code, std::string explanation) {
  return {std::move(field), std::move(code), std::move(explanation)};
}

}  // namespace

std::optional<Refusal> CheckCoverage(const DisclosureRequest& req, const Consent* consent,
                                     const CourtOrder* court_order, Date today,
                                     const std::optional<Date>& treatment_ended) {
  const auto day = std::chrono::sys_days(today);
  if (req.purpose == "legal_proceedings") {
    if (!court_order || court_order->meta.voided || court_order->client_id != req.client_id) {
      return Refuse("court_order_id", "court_order_required",
                    "records may be disclosed for legal proceedings only under a court order recorded for this "
                    "client (42 CFR 2.61-2.67); a subpoena is not enough");
    }
    if (court_order->expires_on && std::chrono::sys_days(*court_order->expires_on) < day) {
      return Refuse("court_order_id", "court_order_required", "the recorded court order has expired");
    }
    if (!consent && req.consent_id.empty()) return std::nullopt;  // the order authorizes it
  }
  if (!consent || consent->meta.voided) {
    return Refuse("consent_id", "consent_not_found", "no consent with this id is on file");
  }
  const Consent& c = *consent;
  if (c.client_id != req.client_id) {
    return Refuse("consent_id", "client_mismatch", "the consent belongs to another client");
  }
  FieldErrors missing;
  CheckElements(c, c.signed_on.value_or(today), missing);
  if (!missing.empty()) {
    return Refuse("consent_id", "consent_incomplete",
                  "the consent lacks a required element (" + missing.fields().front().field + ")");
  }
  if (c.status == "revoked") {
    return Refuse("consent_id", "consent_revoked", "the client revoked this consent");
  }
  if (c.status != "active") {
    return Refuse("consent_id", "consent_not_active", "the consent has not been signed and activated");
  }
  if (StatusOn(c, today, treatment_ended) == "expired") {
    return Refuse("consent_id", "consent_expired", "the consent expired (" + ExpirationText(c.expiration) + ")");
  }
  if (c.kind == "tpo") {
    if (!IsTpoPurpose(req.purpose)) {
      return Refuse("purpose", "tpo_purpose_only",
                    "a treatment/payment/operations consent cannot authorize this purpose; a specific consent is needed");
    }
  } else if (req.purpose != c.purpose_code) {
    return Refuse("purpose", "purpose_not_covered", "the consent does not name this purpose");
  }
  if (c.kind != "tpo" && !RecipientCovered(c.recipient, req.recipient_name)) {
    return Refuse("recipient_name", "recipient_not_covered", "the consent does not name this recipient");
  }
  const bool all = std::find(c.categories.begin(), c.categories.end(), "all_records") != c.categories.end();
  if (req.categories.empty()) {
    return Refuse("categories", "information_not_covered", "choose the information to disclose");
  }
  for (const auto& cat : req.categories) {
    if (all) break;
    if (std::find(c.categories.begin(), c.categories.end(), cat) == c.categories.end()) {
      return Refuse("categories", "information_not_covered", "the consent does not cover " + cat);
    }
  }
  return std::nullopt;
}

}  // namespace stepwise::consent
