// A client's request to amend their record (HIPAA 164.526; ONC 170.315(d)(4)). The original is never
// changed: an accepted request appends the correction, a denied one appends the denial and, if the client
// gives one, their statement of disagreement. The program must act within 60 days of receipt and may
// extend once by up to 30 days with a written reason. Pure: standard library and platform/base only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::documents {

constexpr int kAmendmentDueDays = 60;
constexpr int kAmendmentMaxExtensionDays = 30;

struct Amendment {
  RecordMeta meta;
  std::string client_id;
  std::string record_type;         // "document", "assessment", "instrument_response", "client", "plan", "other"
  std::string record_id;           // the entry it is about, when it has an id in Stepwise
  std::string record_description;  // which record or entry, in words ("Assessment of 2026-11-02, history")
  std::string requested_change;    // what the client asks to be corrected
  std::string client_reason;       // why, in the client's words (optional)
  Date received_on{};
  Date due_on{};                    // received_on + 60 days, or the extension's date
  std::optional<Date> extended_to;  // set once
  std::string extension_reason;
  std::string status = "pending";  // "pending" | "accepted" | "denied"
  std::string decided_at;
  std::string decided_by;  // user id
  std::string decided_by_name;
  std::string amendment_text;  // accepted: the correction appended to the record
  std::string denial_reason;   // denied: the basis for the denial
  std::string disagreement;    // denied: the client's statement of disagreement, appended when given
};

const std::vector<std::string_view>& AmendmentRecordTypes();
// The HIPAA bases for denial, offered as choices (the text may say more).
const std::vector<std::string_view>& DenialBases();

Date AddDays(Date d, int days);
Date DueOn(Date received_on);  // received + 60 days
bool IsOverdue(const Amendment& a, Date today);  // still pending after its due date

// New request: description and requested change required; received_on not in the future.
void CheckNewAmendment(const Amendment& a, Date today, FieldErrors& errors);
// One extension of at most 30 days past the original due date, with a reason, while pending.
Status Extend(Amendment& a, Date extended_to, const std::string& reason);
// Decision while pending: "accepted" needs amendment_text, "denied" needs denial_reason.
Status Decide(Amendment& a, const std::string& decision, const std::string& amendment_text,
              const std::string& denial_reason, const std::string& decided_at, const std::string& decided_by_name);
// The client's statement of disagreement, once, on a denied request.
Status AddDisagreement(Amendment& a, const std::string& statement);

}  // namespace stepwise::documents
