// Session records as values and their pure rules (no I/O; ADR 0012 decision 6): roll call and attended
// minutes, the per-attendee note of a group and the check that it names no other attendee, individual and
// family notes in DAP/SOAP/BIRP, the text a signature hashes, the signing lifecycle with co-signs, late
// entries and the sign deadline, consecutive absences and attended hours for the plans' intensity checks.
// Billing suggestions are billing.h. Codes are stored as text; never rename one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/plans/plan_model.h"
#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::sessions {

// ---- Settings (per program) ------------------------------------------------------------------------

struct SessionSettings {
  std::string note_format = "DAP";  // DAP | SOAP | BIRP: the default for individual and family notes
  int sign_deadline_hours = 48;     // a note unsigned this long after the session ends is overdue
  int late_entry_hours = 24;        // a note signed later than this after the session is a late entry
  int absences_for_outreach = 2;    // consecutive group absences that create an outreach task
  int group_size_limit = 12;        // 90853: Medicare expects at most 12 participants
  int h0015_min_minutes_per_day = 180;  // H0015 per diem: attended minutes a day (clinical.md §5)
};
// Field errors naming the JSON field: note_format, sign_deadline_hours (1..720), late_entry_hours (1..720),
// absences_for_outreach (1..10), group_size_limit (1..50), h0015_min_minutes_per_day (1..1440).
void CheckSettings(const SessionSettings& s, FieldErrors& errors);

// ---- Roll call -------------------------------------------------------------------------------------

const std::vector<std::string_view>& AttendanceStatuses();  // present, late, left_early, late_and_left_early,
                                                            // absent_excused, absent_unexcused, telehealth
bool IsAbsent(std::string_view status);

struct Attendance {
  std::string client_id;
  std::string client_name;  // read only, from the roster
  std::string status;
  int late_minutes = 0;
  int left_early_minutes = 0;
  std::string absence_reason;
  int attended_minutes = 0;  // computed
};

// Attended minutes of one roll-call entry in a session of `length` minutes: the whole session when present,
// less the minutes late and/or left early, 0 when absent. Telehealth attendance counts like being there
// (late and left-early minutes may be given and are subtracted). Errors name `path` + ".late_minutes",
// ".left_early_minutes", ".status" or ".absence_reason": minutes for a status that has none, a late or
// early status without its minutes, minutes at or beyond the session's length (alone or together),
// an excused absence without a reason.
Result<int> AttendedMinutes(const Attendance& a, int length, const std::string& path);

// ---- Group notes ------------------------------------------------------------------------------------

const std::vector<std::string_view>& ProgressLevels();  // none, some, met
const std::vector<std::string_view>& RiskLevels();      // none, low, moderate, high

struct ObjectiveProgress {
  std::string objective_id;
  std::string progress;  // none | some | met
  std::string comment;
  bool operator==(const ObjectiveProgress&) const = default;
};

struct Risk {
  std::string level = "none";
  std::string observations;
  bool operator==(const Risk&) const = default;
};

// The individualized part of a group note for one attendee.
struct GroupNoteContent {
  std::string participation;
  std::vector<ObjectiveProgress> objective_progress;
  std::string mood_affect;
  Risk risk;
  std::string client_quote;
  std::string text;
  bool operator==(const GroupNoteContent&) const = default;
};

// What the whole group shares; shown in each attendee's chart without the roster.
struct SharedNote {
  std::string topic, curriculum_module, modality, summary;
  std::vector<std::string> facilitator_staff_ids;
  std::vector<std::string> facilitator_names;  // read only
  bool operator==(const SharedNote& o) const {
    return topic == o.topic && curriculum_module == o.curriculum_module && modality == o.modality &&
           summary == o.summary && facilitator_staff_ids == o.facilitator_staff_ids;
  }
};

// A person's names as the confidentiality check compares them.
struct PersonNames {
  std::string given, family, preferred;
};

// The first of `others`' names (given, family or preferred; case-insensitive, as a whole word) that `text`
// contains, or nullopt. Bytes of UTF-8 letters count as word characters, so "Ana" is not found in "Anabel".
std::optional<std::string> NamedPerson(std::string_view text, const std::vector<PersonNames>& others);

// Every text of a group note, joined, for the check above.
std::string NoteTexts(const GroupNoteContent& c);

// ---- Individual and family notes --------------------------------------------------------------------

const std::vector<std::string_view>& NoteFormats();  // DAP, SOAP, BIRP
// The section keys of a format, in order: DAP data, assessment, plan; SOAP subjective, objective,
// assessment, plan; BIRP behavior, intervention, response, plan.
const std::vector<std::string_view>& SectionsOf(std::string_view format);
const std::vector<std::string_view>& Deliveries();  // in_person, telehealth
const std::vector<std::string_view>& Modalities();  // cbt, dbt_skills, mi, emdr, ...

struct Section {
  std::string key, text;
  bool operator==(const Section&) const = default;
};

struct FamilyMember {
  std::string name, relationship;
  bool operator==(const FamilyMember&) const = default;
};

struct SessionNoteContent {
  std::string format;              // DAP | SOAP | BIRP
  std::vector<Section> sections;   // in the format's order
  std::string modality;            // a Modalities() code
  std::string delivery;            // in_person | telehealth
  std::vector<std::string> objective_ids, intervention_ids;
  std::vector<FamilyMember> family_members;
  bool client_present = true;      // family sessions: 90847 with the client, 90846 without
  bool operator==(const SessionNoteContent&) const = default;
};

// Field errors for an individual or family note: format, sections.<key> (unknown for the format), modality,
// delivery, end_at after start_at and at most 8 hours, family_members for family notes only.
void CheckSessionNote(std::string_view kind, const SessionNoteContent& c, TimePoint start, TimePoint end,
                      FieldErrors& errors);
// What signing needs beyond that: every section of the format written ("sections.<key>").
void CheckSignableSections(const SessionNoteContent& c, FieldErrors& errors);

// ---- Signing ---------------------------------------------------------------------------------------

// Note and group-session statuses. Stored as text; never rename.
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kAwaitingCosign = "awaiting_cosign";
inline constexpr std::string_view kSigned = "signed";

// Signed by a licensed author → signed; otherwise awaiting a supervisor's co-signature.
std::string_view StatusAfterSigning(bool author_licensed);
// Whether `signer` may co-sign: nullopt if so, else why (403 naming "author" or "credential").
std::optional<std::string> CanCosign(std::string_view status, bool signer_is_author, bool signer_licensed);

// A note signed more than `late_entry_hours` after the session ended is a late entry.
bool IsLateEntry(TimePoint session_end, TimePoint signed_at, int late_entry_hours);
// When an unsigned note becomes overdue.
TimePoint SignDeadline(TimePoint session_end, int sign_deadline_hours);

// The deterministic text a signature of a note hashes (and a reader is shown): header lines, then each
// part. Never includes another client's name: the group part is the shared note without the roster.
struct NoteHeader {
  std::string kind;            // group | individual | family
  std::string client_name;
  std::string session_title;   // "Relapse prevention group" / "Individual session"
  std::string date;            // local date
  std::string time;            // "09:00–10:30"
  std::string author_name;
};
std::string RenderGroupNote(const NoteHeader& h, const SharedNote& shared, const Attendance& attendance,
                            const GroupNoteContent& c);
std::string RenderSessionNote(const NoteHeader& h, const SessionNoteContent& c);
std::string RenderSharedNote(const std::string& title, const std::string& date, const SharedNote& shared);

// ---- What attendance drives -------------------------------------------------------------------------

// Absences at the end of a client's roll-call history (statuses oldest first).
int TrailingAbsences(const std::vector<std::string>& statuses_oldest_first);

// Minutes attended on one local date.
struct DayMinutes {
  Date date{};
  int minutes = 0;
};
// The week starting Monday `week_of` as the plans' hours: per day (mon..sun, every day present), the week's
// total, days with any attended time. Entries outside the week are ignored.
plans::PlannedHours AttendedHours(Date week_of, const std::vector<DayMinutes>& days);
// The Monday of the week holding `d`.
Date MondayOf(Date d);

}  // namespace stepwise::sessions
