#include "care/sessions/session_model.h"

#include <algorithm>
#include <chrono>

namespace stepwise::sessions {

namespace {

bool In(const std::vector<std::string_view>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

void Range(FieldErrors& errors, const char* field, int value, int min, int max) {
  if (value < min || value > max) {
    errors.Add(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
}

bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '_';
}

// Whether `word` (lowercase) occurs in `text` (lowercase) with no word character on either side.
bool ContainsWord(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool left = at == 0 || !WordByte(static_cast<unsigned char>(text[at - 1]));
    const std::size_t end = at + word.size();
    const bool right = end >= text.size() || !WordByte(static_cast<unsigned char>(text[end]));
    if (left && right) return true;
  }
  return false;
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string Title(std::string_view key) {
  std::string t(key);
  if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 'a' + 'A');
  for (auto& c : t) if (c == '_') c = ' ';
  return t;
}

void Line(std::string& out, std::string_view label, std::string_view value) {
  if (value.empty()) return;
  out += label;
  out += ": ";
  out += value;
  out += '\n';
}

void Header(std::string& out, const NoteHeader& h) {
  Line(out, "Client", h.client_name);
  Line(out, "Session", h.session_title);
  Line(out, "Date", h.date);
  Line(out, "Time", h.time);
  Line(out, "Written by", h.author_name);
}

}  // namespace

void CheckSettings(const SessionSettings& s, FieldErrors& errors) {
  if (!In(NoteFormats(), s.note_format)) errors.Add("note_format", "must be DAP, SOAP or BIRP");
  Range(errors, "sign_deadline_hours", s.sign_deadline_hours, 1, 720);
  Range(errors, "late_entry_hours", s.late_entry_hours, 1, 720);
  Range(errors, "absences_for_outreach", s.absences_for_outreach, 1, 10);
  Range(errors, "group_size_limit", s.group_size_limit, 1, 50);
  Range(errors, "h0015_min_minutes_per_day", s.h0015_min_minutes_per_day, 1, 1440);
}

const std::vector<std::string_view>& AttendanceStatuses() {
  static const std::vector<std::string_view> v = {"present",        "late",          "left_early",
                                                  "late_and_left_early", "absent_excused", "absent_unexcused",
                                                  "telehealth"};
  return v;
}

bool IsAbsent(std::string_view status) { return status == "absent_excused" || status == "absent_unexcused"; }

Result<int> AttendedMinutes(const Attendance& a, int length, const std::string& path) {
  const std::string late_path = path + ".late_minutes";
  const std::string early_path = path + ".left_early_minutes";
  if (!In(AttendanceStatuses(), a.status)) {
    return Error::Field(path + ".status", "must be one of present, late, left_early, late_and_left_early, "
                                          "absent_excused, absent_unexcused, telehealth");
  }
  if (a.late_minutes < 0) return Error::Field(late_path, "cannot be negative");
  if (a.left_early_minutes < 0) return Error::Field(early_path, "cannot be negative");
  const std::string whole = "the session is " + std::to_string(length) + " minutes long";
  if (IsAbsent(a.status)) {
    if (a.late_minutes) return Error::Field(late_path, "is only for a client who attended");
    if (a.left_early_minutes) return Error::Field(early_path, "is only for a client who attended");
    if (a.status == "absent_excused" && Trimmed(a.absence_reason).empty()) {
      return Error::Field(path + ".absence_reason", "an excused absence needs its reason");
    }
    return 0;
  }
  const bool late = a.status == "late" || a.status == "late_and_left_early";
  const bool early = a.status == "left_early" || a.status == "late_and_left_early";
  const bool flexible = a.status == "telehealth";
  if (!late && !flexible && a.late_minutes) return Error::Field(late_path, "is only for a late arrival");
  if (!early && !flexible && a.left_early_minutes) return Error::Field(early_path, "is only for leaving early");
  if (late && a.late_minutes == 0) return Error::Field(late_path, "how many minutes late is required");
  if (early && a.left_early_minutes == 0) return Error::Field(early_path, "how many minutes early is required");
  if (a.late_minutes >= length) {
    return Error::Field(late_path, "must be less than the session's length; " + whole);
  }
  if (a.left_early_minutes >= length) {
    return Error::Field(early_path, "must be less than the session's length; " + whole);
  }
  if (a.late_minutes + a.left_early_minutes >= length) {
    return Error::Field(early_path, "late plus left early must be less than the session's length; " + whole);
  }
  if (!Trimmed(a.absence_reason).empty()) {
    return Error::Field(path + ".absence_reason", "is only for an absence");
  }
  return length - a.late_minutes - a.left_early_minutes;
}

const std::vector<std::string_view>& ProgressLevels() {
  static const std::vector<std::string_view> v = {"none", "some", "met"};
  return v;
}

const std::vector<std::string_view>& RiskLevels() {
  static const std::vector<std::string_view> v = {"none", "low", "moderate", "high"};
  return v;
}

std::optional<std::string> NamedPerson(std::string_view text, const std::vector<PersonNames>& others) {
  const std::string lower = AsciiLower(text);
  for (const auto& p : others) {
    for (const std::string* name : {&p.given, &p.family, &p.preferred}) {
      const std::string n = AsciiLower(Trimmed(*name));
      if (n.size() < 2) continue;  // an initial is not a name
      if (ContainsWord(lower, n)) return Trimmed(*name);
    }
  }
  return std::nullopt;
}

std::string NoteTexts(const GroupNoteContent& c) {
  std::string all = c.participation + "\n" + c.mood_affect + "\n" + c.risk.observations + "\n" + c.client_quote +
                    "\n" + c.text;
  for (const auto& p : c.objective_progress) all += "\n" + p.comment;
  return all;
}

const std::vector<std::string_view>& NoteFormats() {
  static const std::vector<std::string_view> v = {"DAP", "SOAP", "BIRP"};
  return v;
}

const std::vector<std::string_view>& SectionsOf(std::string_view format) {
  static const std::vector<std::string_view> dap = {"data", "assessment", "plan"};
  static const std::vector<std::string_view> soap = {"subjective", "objective", "assessment", "plan"};
  static const std::vector<std::string_view> birp = {"behavior", "intervention", "response", "plan"};
  static const std::vector<std::string_view> none;
  if (format == "DAP") return dap;
  if (format == "SOAP") return soap;
  if (format == "BIRP") return birp;
  return none;
}

const std::vector<std::string_view>& Deliveries() {
  static const std::vector<std::string_view> v = {"in_person", "telehealth"};
  return v;
}

const std::vector<std::string_view>& Modalities() {
  static const std::vector<std::string_view> v = {"cbt", "dbt_skills", "mi", "emdr", "act", "trauma_focused",
                                                  "family_systems", "supportive", "psychoeducation", "other"};
  return v;
}

void CheckSessionNote(std::string_view kind, const SessionNoteContent& c, TimePoint start, TimePoint end,
                      FieldErrors& errors) {
  if (!In(NoteFormats(), c.format)) errors.Add("format", "must be DAP, SOAP or BIRP");
  const auto& keys = SectionsOf(c.format);
  for (const auto& s : c.sections) {
    if (!keys.empty() && !In(keys, s.key)) {
      errors.Add("sections." + s.key, "is not a section of a " + c.format + " note");
    }
  }
  if (!In(Modalities(), c.modality)) errors.Add("modality", "is not a known modality");
  if (!In(Deliveries(), c.delivery)) errors.Add("delivery", "must be in_person or telehealth");
  if (end <= start) errors.Add("end_at", "must be after start_at");
  else if (end - start > std::chrono::hours(8)) errors.Add("end_at", "a session lasts at most 8 hours");
  if (kind != "family" && !c.family_members.empty()) {
    errors.Add("family_members", "only a family session lists family members");
  }
  if (kind == "family" && c.family_members.empty() && !c.client_present) {
    errors.Add("family_members", "a family session without the client needs the family members present");
  }
  for (std::size_t i = 0; i < c.family_members.size(); ++i) {
    if (Trimmed(c.family_members[i].name).empty()) {
      errors.Add("family_members[" + std::to_string(i) + "].name", "is required");
    }
  }
}

void CheckSignableSections(const SessionNoteContent& c, FieldErrors& errors) {
  for (auto key : SectionsOf(c.format)) {
    auto it = std::find_if(c.sections.begin(), c.sections.end(), [&](const Section& s) { return s.key == key; });
    if (it == c.sections.end() || Trimmed(it->text).empty()) {
      errors.Add("sections." + std::string(key), "must be written before signing");
    }
  }
}

std::string_view StatusAfterSigning(bool author_licensed) { return author_licensed ? kSigned : kAwaitingCosign; }

std::optional<std::string> CanCosign(std::string_view status, bool signer_is_author, bool signer_licensed) {
  if (status != kAwaitingCosign) return "the note is not waiting for a co-signature";
  if (signer_is_author) return "the author cannot co-sign their own note";
  if (!signer_licensed) return "a co-signature needs a current licensed credential";
  return std::nullopt;
}

bool IsLateEntry(TimePoint session_end, TimePoint signed_at, int late_entry_hours) {
  return signed_at > session_end + std::chrono::hours(late_entry_hours);
}

TimePoint SignDeadline(TimePoint session_end, int sign_deadline_hours) {
  return session_end + std::chrono::hours(sign_deadline_hours);
}

std::string RenderSharedNote(const std::string& title, const std::string& date, const SharedNote& shared) {
  std::string out = "Group session\n";
  Line(out, "Group", title);
  Line(out, "Date", date);
  Line(out, "Topic", shared.topic);
  Line(out, "Curriculum module", shared.curriculum_module);
  Line(out, "Modality", shared.modality);
  if (!shared.facilitator_names.empty()) {
    std::string names;
    for (const auto& n : shared.facilitator_names) names += (names.empty() ? "" : ", ") + n;
    Line(out, "Facilitators", names);
  }
  Line(out, "Summary", shared.summary);
  return out;
}

std::string RenderGroupNote(const NoteHeader& h, const SharedNote& shared, const Attendance& a,
                            const GroupNoteContent& c) {
  std::string out = "Group session note\n";
  Header(out, h);
  Line(out, "Topic", shared.topic);
  Line(out, "Curriculum module", shared.curriculum_module);
  Line(out, "Group content", shared.summary);
  std::string att = a.status;
  if (!IsAbsent(a.status)) att += ", " + std::to_string(a.attended_minutes) + " minutes attended";
  if (a.late_minutes) att += ", " + std::to_string(a.late_minutes) + " minutes late";
  if (a.left_early_minutes) att += ", left " + std::to_string(a.left_early_minutes) + " minutes early";
  Line(out, "Attendance", att);
  Line(out, "Absence reason", a.absence_reason);
  Line(out, "Participation", c.participation);
  for (const auto& p : c.objective_progress) {
    Line(out, "Objective " + p.objective_id, p.progress + (p.comment.empty() ? "" : " — " + p.comment));
  }
  Line(out, "Mood and affect", c.mood_affect);
  Line(out, "Risk", c.risk.level + (c.risk.observations.empty() ? "" : " — " + c.risk.observations));
  Line(out, "Client quote", c.client_quote.empty() ? "" : "\"" + c.client_quote + "\"");
  Line(out, "Note", c.text);
  return out;
}

std::string RenderSessionNote(const NoteHeader& h, const SessionNoteContent& c) {
  std::string out = (h.kind == "family" ? "Family session note (" : "Individual session note (") + c.format + ")\n";
  Header(out, h);
  Line(out, "Modality", c.modality);
  Line(out, "Delivery", c.delivery == "telehealth" ? "telehealth" : "in person");
  if (h.kind == "family") {
    Line(out, "Client present", c.client_present ? "yes" : "no");
    std::string people;
    for (const auto& m : c.family_members) {
      people += (people.empty() ? "" : ", ") + m.name + (m.relationship.empty() ? "" : " (" + m.relationship + ")");
    }
    Line(out, "Family members present", people);
  }
  for (auto key : SectionsOf(c.format)) {
    for (const auto& s : c.sections) {
      if (s.key == key) Line(out, Title(key), s.text);
    }
  }
  std::string objectives, interventions;
  for (const auto& id : c.objective_ids) objectives += (objectives.empty() ? "" : ", ") + id;
  for (const auto& id : c.intervention_ids) interventions += (interventions.empty() ? "" : ", ") + id;
  Line(out, "Plan objectives", objectives);
  Line(out, "Plan interventions", interventions);
  return out;
}

int TrailingAbsences(const std::vector<std::string>& statuses) {
  int n = 0;
  for (auto it = statuses.rbegin(); it != statuses.rend() && IsAbsent(*it); ++it) ++n;
  return n;
}

Date MondayOf(Date d) {
  const std::chrono::sys_days days(d);
  const std::chrono::weekday wd(days);
  const unsigned from_monday = (wd.c_encoding() + 6) % 7;
  return Date(days - std::chrono::days(from_monday));
}

plans::PlannedHours AttendedHours(Date week_of, const std::vector<DayMinutes>& days) {
  static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  plans::PlannedHours h;
  int minutes[7] = {0, 0, 0, 0, 0, 0, 0};
  const std::chrono::sys_days start(MondayOf(week_of));
  for (const auto& d : days) {
    const auto offset = (std::chrono::sys_days(d.date) - start).count();
    if (offset < 0 || offset > 6) continue;
    minutes[offset] += d.minutes;
  }
  int total = 0;
  for (int i = 0; i < 7; ++i) {
    h.per_day[kDays[i]] = minutes[i] / 60.0;
    total += minutes[i];
    if (minutes[i] > 0) ++h.days_per_week;
  }
  h.per_week = total / 60.0;
  return h;
}

}  // namespace stepwise::sessions
