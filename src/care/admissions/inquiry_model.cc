#include "care/admissions/inquiry_model.h"

#include <algorithm>
#include <set>

namespace stepwise::admissions {

const std::vector<CodeLabel>& InquiryStages() {
  static const std::vector<CodeLabel> k = {
      {"inquiry", "Inquiry"},     {"screening", "Screening"}, {"assessment_booked", "Assessment booked"},
      {"assessed", "Assessed"},   {"admitted", "Admitted"},   {"referred", "Referred elsewhere"},
      {"waitlisted", "Waitlisted"}, {"closed", "Closed"}};
  return k;
}

const std::vector<CodeLabel>& CallerTypes() {
  static const std::vector<CodeLabel> k = {
      {"self", "The person"}, {"family", "Family or friend"}, {"referrer", "A referrer"}, {"other", "Other"}};
  return k;
}

const std::vector<CodeLabel>& InquiryUrgencies() {
  static const std::vector<CodeLabel> k = {{"routine", "Routine"}, {"soon", "Soon"}, {"urgent", "Urgent"}};
  return k;
}

const std::vector<CodeLabel>& PreferredSchedules() {
  static const std::vector<CodeLabel> k = {
      {"mornings", "Mornings"}, {"evenings", "Evenings"}, {"either", "Either"}, {"unknown", "Not asked"}};
  return k;
}

bool IsSettledStage(std::string_view stage) {
  return stage == "admitted" || stage == "referred" || stage == "closed";
}

bool IsAllowedMove(std::string_view from, std::string_view to) {
  // Rows: from; the stages each may move to. Terminal "admitted" moves nowhere; "referred" and "closed"
  // can be reopened when the person calls again.
  static const std::vector<std::pair<std::string_view, std::set<std::string_view>>> kMoves = {
      {"inquiry", {"screening", "assessment_booked", "referred", "waitlisted", "closed"}},
      {"screening", {"inquiry", "assessment_booked", "referred", "waitlisted", "closed"}},
      {"assessment_booked", {"screening", "assessed", "referred", "waitlisted", "closed"}},
      {"assessed", {"admitted", "referred", "waitlisted", "closed"}},
      {"waitlisted", {"assessment_booked", "assessed", "admitted", "referred", "closed"}},
      {"referred", {"inquiry", "closed"}},
      {"closed", {"inquiry"}},
      {"admitted", {}},
  };
  for (const auto& [stage, targets] : kMoves) {
    if (stage == from) return targets.contains(to);
  }
  return false;
}

std::vector<std::string> StageMovesFrom(std::string_view from) {
  std::vector<std::string> out;
  for (const auto& s : InquiryStages()) {
    if (s.code != "assessment_booked" && IsAllowedMove(from, s.code)) out.emplace_back(s.code);
  }
  return out;
}

void CheckStageMove(std::string_view from, const StageMove& move, FieldErrors& errors) {
  const auto codes = program::Codes(InquiryStages());
  if (std::find(codes.begin(), codes.end(), move.stage) == codes.end()) {
    errors.Add("stage", "is not a pipeline stage");
    return;
  }
  if (move.stage == "assessment_booked") {
    errors.Add("stage", "is reached by booking the assessment (book-assessment), with a time and an assessor");
    return;
  }
  if (move.stage == from) {
    errors.Add("stage", "is the stage the inquiry is already at");
    return;
  }
  if (!IsAllowedMove(from, move.stage)) {
    errors.Add("stage", "cannot follow " + std::string(program::LabelOf(InquiryStages(), from)));
    return;
  }
  if (move.stage == "closed" && move.reason.empty()) errors.Add("reason", "is required to close an inquiry");
  if (move.stage == "referred" && move.referred_to.empty())
    errors.Add("referred_to", "is required to refer elsewhere");
  if (move.stage == "waitlisted" && move.track_id.empty()) errors.Add("track_id", "is required to waitlist");
}

void ApplyStageMove(Inquiry& inquiry, const StageMove& move, const std::string& now) {
  inquiry.stage = move.stage;
  inquiry.stage_changed_at = now;
  inquiry.stage_reason = move.reason;
  if (move.stage == "referred") inquiry.referred_to = move.referred_to;
  if (move.stage == "waitlisted") {
    if (inquiry.track_id != move.track_id || inquiry.waitlisted_at.empty()) inquiry.waitlisted_at = now;
    inquiry.track_id = move.track_id;
  } else {
    // Leaving the waitlist gives up the place; the track stays as a preference.
    inquiry.waitlisted_at.clear();
  }
}

bool IsOverdue(const InquiryTask& task, Date today) {
  return task.done_at.empty() && !task.meta.voided &&
         std::chrono::sys_days(task.due_on) < std::chrono::sys_days(today);
}

void CheckInquiry(const Inquiry& q, Date today, FieldErrors& errors) {
  if (q.phone.empty() && q.caller_phone.empty()) {
    errors.Add("phone", "or caller_phone is required (a way to call back)");
  }
  if (q.birth_date) {
    if (std::chrono::sys_days(*q.birth_date) > std::chrono::sys_days(today)) {
      errors.Add("birth_date", "cannot be in the future");
    } else if (AgeInYears(*q.birth_date, today) > 120) {
      errors.Add("birth_date", "is more than 120 years ago");
    }
  }
  if (!q.email.empty() && (q.email.find('@') == std::string::npos || q.email.find(' ') != std::string::npos)) {
    errors.Add("email", "must be an email address");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < q.substances.size(); ++i) {
    if (!seen.insert(q.substances[i]).second) errors.Add("substances[" + std::to_string(i) + "]", "is listed twice");
  }
  if (!q.received_at.empty()) {
    auto at = ParseTimestamp(q.received_at);
    if (!at) {
      errors.Add("received_at", "must be a UTC time as YYYY-MM-DDTHH:MM:SSZ");
    } else if (std::chrono::sys_days(UtcDate(*at)) > std::chrono::sys_days(today)) {
      errors.Add("received_at", "cannot be in the future");
    }
  }
}

std::string InquiryDisplayName(const Inquiry& q) {
  return q.family_name.empty() ? q.given_name : q.given_name + " " + q.family_name;
}

std::string InquirySearchText(const Inquiry& q) {
  std::string out;
  for (const auto* name : {&q.given_name, &q.family_name, &q.caller_name}) {
    for (const auto& term : NameSearchTerms(*name)) {
      out += " " + term;
    }
  }
  return out + " ";
}

int UrgencyRank(std::string_view urgency) {
  if (urgency == "urgent") return 0;
  if (urgency == "soon") return 1;
  return 2;
}

void OrderWaitlist(std::vector<WaitlistEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const WaitlistEntry& a, const WaitlistEntry& b) {
    const int ra = UrgencyRank(a.urgency), rb = UrgencyRank(b.urgency);
    if (ra != rb) return ra < rb;
    if (a.since != b.since) return a.since < b.since;
    return a.inquiry_id < b.inquiry_id;
  });
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i].position = static_cast<int>(i) + 1;
}

int OpenPlaces(int capacity, int enrolled) { return std::max(0, capacity - enrolled); }

}  // namespace stepwise::admissions
