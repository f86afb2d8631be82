// Inquiries (the first phone call) and the admissions pipeline: the model and pure rules (no I/O).
//
// Stages: inquiry → screening → assessment_booked → assessed → admitted | referred | waitlisted | closed
// (waitlisted can go back to assessment_booked or on to admitted; referred and closed can be reopened).
// Codes are stored as text; never rename one once released.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/admissions/teds.h"
#include "care/program/program_model.h"
#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::admissions {

using program::CodeLabel;

const std::vector<CodeLabel>& InquiryStages();       // pipeline order
const std::vector<CodeLabel>& CallerTypes();         // self, family, referrer, other
const std::vector<CodeLabel>& InquiryUrgencies();    // routine, soon, urgent
const std::vector<CodeLabel>& PreferredSchedules();  // mornings, evenings, either, unknown
// TEDS referral sources and substances: teds.h.

// Stages where the inquiry's outcome is settled (admitted, referred, closed).
bool IsSettledStage(std::string_view stage);

struct Inquiry {
  RecordMeta meta;
  std::string received_at;  // UTC timestamp
  std::string caller_type;
  std::string caller_name, caller_relationship, caller_phone;
  bool may_leave_message = false;
  // The person the call is about.
  std::string given_name, family_name;
  std::optional<Date> birth_date;
  std::string phone, email;
  std::string referral_source;  // TEDS code, "" when not asked
  std::string referrer_name;
  std::vector<std::string> substances;  // TEDS codes
  std::string urgency = "routine";
  std::string payer, member_id;
  std::string preferred_schedule = "unknown";
  std::string program_id;  // "" until known
  std::string notes;

  // Where it stands in the pipeline (set by the pipeline's own calls, never by an update).
  std::string stage = "inquiry";
  std::string stage_changed_at;
  std::string stage_reason;  // why it was closed, or an outcome detail
  std::string referred_to;
  std::string track_id;       // the track it waits for (waitlisted)
  std::string waitlisted_at;  // UTC timestamp; "" when not waitlisted
  std::string assessment_at;  // UTC timestamp of the booked assessment
  std::string assessor_id;    // staff
  std::string client_id;      // the client record it was linked to, once linked
  std::string episode_id;
};

// An inquiry with the names the screens show beside its ids.
struct InquiryRecord {
  Inquiry inquiry;
  std::string assessor_name;
  std::string track_name;
  std::string program_name;
  int open_tasks = 0;
  std::optional<Date> next_due;  // the earliest open follow-up
  bool overdue = false;          // some open follow-up is due before today
};

struct InquiryTask {
  RecordMeta meta;
  std::string inquiry_id;
  std::string title;
  Date due_on{};
  std::string assigned_to;  // staff id, "" when anyone
  std::string done_at;      // UTC timestamp; "" while open
  std::string done_by;      // user id
};

// A follow-up with the inquiry it belongs to, for lists across inquiries.
struct TaskSummary {
  InquiryTask task;
  std::string inquiry_name;
  std::string inquiry_stage;
  std::string assigned_to_name;
};

// A follow-up is overdue when it is not done and its due date is before `today`.
bool IsOverdue(const InquiryTask& task, Date today);

// A requested move along the pipeline.
struct StageMove {
  std::string stage;
  std::string reason;       // required to close
  std::string referred_to;  // required to refer
  std::string track_id;     // required to waitlist
};

// Whether the pipeline allows going from `from` to `to` (a move to the same stage is not a move).
bool IsAllowedMove(std::string_view from, std::string_view to);
// The stages a stage move from `from` may reach, in pipeline order (booking, the way into
// assessment_booked, is its own action): what the inquiry page offers.
std::vector<std::string> StageMovesFrom(std::string_view from);
// Field errors for a move: a stage not reachable from `from` ("stage"), and the fields the target stage
// needs ("reason", "referred_to", "track_id"). assessment_booked is reached only by booking.
void CheckStageMove(std::string_view from, const StageMove& move, FieldErrors& errors);
// Applies a checked move at `now` (UTC text): sets the stage and the fields that belong to it.
void ApplyStageMove(Inquiry& inquiry, const StageMove& move, const std::string& now);

// Field errors for an inquiry's own fields: a way to call back (phone or caller_phone), a birth date in
// the past, an email address's shape, and no repeated substance.
void CheckInquiry(const Inquiry& inquiry, Date today, FieldErrors& errors);

std::string InquiryDisplayName(const Inquiry& inquiry);  // "Dana Reyes", or the given name alone
// The lowercase words of the person's and the caller's names, each with a space before and after
// (" dana reyes "), so `LIKE '% word%'` finds a word that starts with `word`.
std::string InquirySearchText(const Inquiry& inquiry);

// Order of urgency for the waitlist: urgent first.
int UrgencyRank(std::string_view urgency);

// One person waiting for a track.
struct WaitlistEntry {
  std::string inquiry_id;
  std::string name;
  std::string urgency;
  std::string since;  // waitlisted_at
  int position = 0;   // 1-based
};
// Sorts entries by urgency, then by how long they have waited, and numbers their positions.
void OrderWaitlist(std::vector<WaitlistEntry>& entries);

// Open places in a track: its capacity minus the clients in it, never below zero.
int OpenPlaces(int capacity, int enrolled);

}  // namespace stepwise::admissions
