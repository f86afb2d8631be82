// Stored session records as values: a group session record (roll call and shared note) keyed by its
// calendar occurrence, a client's note (the group part, an individual or a family session), addenda and the
// program's settings. Pure: the rules are session_model.h; SQL is session_store.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/sessions/session_model.h"
#include "platform/base/record.h"

namespace stepwise::sessions {

// Who signed what and when; shared by group sessions and notes.
struct Signing {
  std::string author_staff_id, author_user_id, author_name;
  bool author_licensed = false;
  std::string status = std::string(kDraft);
  std::string signed_text, signed_sha256, signed_at;
  bool late_entry = false;
  std::string cosigner_staff_id, cosigner_name, cosigned_at;
};

// The author is the same user, or the same staff member (a note written before its author had a sign-in).
inline bool IsAuthor(const Signing& s, const std::string& user_id, const std::string& staff_id) {
  return s.author_user_id == user_id || (!staff_id.empty() && s.author_staff_id == staff_id);
}

struct GroupSession {
  RecordMeta meta;
  std::string occurrence_id, program_id, title;
  Date session_date{};
  std::string start_at, end_at;  // stored timestamps (UTC)
  int length_minutes = 0;
  SharedNote shared;
  Signing signing;
};

struct AttendanceRow {
  std::string id, org_id, group_session_id;
  Date session_date{};
  std::string start_at;
  Attendance attendance;
  std::int64_t version = 1;
  bool voided = false;
  std::string created_at, updated_at;
};

struct Addendum {
  std::string id, org_id, note_id, client_id, reason, text, text_sha256;
  std::string author_staff_id, author_user_id, author_name, created_at;
};

struct Note {
  RecordMeta meta;
  std::string client_id;
  std::string kind;  // group | individual | family
  std::string group_session_id, appointment_id;
  Date session_date{};
  std::string start_at, end_at;  // stored timestamps (UTC)
  GroupNoteContent group;        // kind "group"
  SessionNoteContent session;    // individual and family
  Signing signing;
  std::vector<Addendum> addenda;  // read only, oldest first
  // Read only, for lists: the group's title for a group note.
  std::string title;
};

// Objective and intervention ids a note links to (for the store's columns).
std::vector<std::string> ObjectiveIdsOf(const Note& n);

}  // namespace stepwise::sessions
