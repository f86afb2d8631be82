#include "care/documents/amendment_model.h"

#include <algorithm>

namespace stepwise::documents {

const std::vector<std::string_view>& AmendmentRecordTypes() {
  static const std::vector<std::string_view> k = {"document", "assessment", "instrument_response", "client",
                                                  "plan",     "consent",    "other"};
  return k;
}

const std::vector<std::string_view>& DenialBases() {
  static const std::vector<std::string_view> k = {
      "The information was not created by this program",
      "The information is not part of the designated record set",
      "The information is not available for inspection under HIPAA",
      "The information is accurate and complete"};
  return k;
}

Date AddDays(Date d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days(days)}; }

Date DueOn(Date received_on) { return AddDays(received_on, kAmendmentDueDays); }

bool IsOverdue(const Amendment& a, Date today) {
  return a.status == "pending" && std::chrono::sys_days(today) > std::chrono::sys_days(a.due_on);
}

void CheckNewAmendment(const Amendment& a, Date today, FieldErrors& errors) {
  if (a.record_description.empty()) errors.Add("record_description", "is required: which record or entry");
  if (a.requested_change.empty()) errors.Add("requested_change", "is required: what the client asks to change");
  const auto& types = AmendmentRecordTypes();
  if (std::find(types.begin(), types.end(), a.record_type) == types.end()) {
    errors.Add("record_type", "must be one of document, assessment, instrument_response, client, plan, consent, other");
  }
  if (std::chrono::sys_days(a.received_on) > std::chrono::sys_days(today)) {
    errors.Add("received_on", "cannot be in the future");
  }
}

Status Extend(Amendment& a, Date extended_to, const std::string& reason) {
  if (a.status != "pending") return Error::Conflict("only a pending request can be extended");
  if (a.extended_to) return Error::Conflict("the request was already extended once");
  FieldErrors errors;
  const Date original = DueOn(a.received_on);
  if (std::chrono::sys_days(extended_to) <= std::chrono::sys_days(original) ||
      std::chrono::sys_days(extended_to) > std::chrono::sys_days(AddDays(original, kAmendmentMaxExtensionDays))) {
    errors.Add("extended_to", "must be after " + FormatDate(original) + " and at most 30 days later (" +
                                  FormatDate(AddDays(original, kAmendmentMaxExtensionDays)) + ")");
  }
  if (reason.empty()) errors.Add("reason", "is required: the client is told why the answer is delayed");
  if (!errors.empty()) return errors.ToError();
  a.extended_to = extended_to;
  a.due_on = extended_to;
  a.extension_reason = reason;
  return Ok();
}

Status Decide(Amendment& a, const std::string& decision, const std::string& amendment_text,
              const std::string& denial_reason, const std::string& decided_at, const std::string& decided_by_name) {
  if (a.status != "pending") return Error::Conflict("the request was already " + a.status);
  FieldErrors errors;
  if (decision == "accepted") {
    if (amendment_text.empty()) errors.Add("amendment_text", "is required: the correction to append");
    if (!denial_reason.empty()) errors.Add("denial_reason", "is only for a denial");
  } else if (decision == "denied") {
    if (denial_reason.empty()) errors.Add("denial_reason", "is required: the basis for the denial");
    if (!amendment_text.empty()) errors.Add("amendment_text", "is only for an accepted request");
  } else {
    errors.Add("decision", "must be accepted or denied");
  }
  if (!errors.empty()) return errors.ToError();
  a.status = decision;
  a.amendment_text = amendment_text;
  a.denial_reason = denial_reason;
  a.decided_at = decided_at;
  a.decided_by_name = decided_by_name;
  return Ok();
}

Status AddDisagreement(Amendment& a, const std::string& statement) {
  if (a.status != "denied") return Error::Conflict("a statement of disagreement follows a denial");
  if (!a.disagreement.empty()) return Error::Conflict("the statement of disagreement is already recorded");
  if (statement.empty()) return Error::InvalidArgument("some fields are invalid", {{"statement", "is required"}});
  a.disagreement = statement;
  return Ok();
}

}  // namespace stepwise::documents
