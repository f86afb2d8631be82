// SQL for session records (migration 0014): programs' session settings, group session records with their
// roll call, clients' notes and addenda. Every query is scoped by org_id.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/sessions/session_records.h"
#include "platform/db/database.h"

namespace stepwise::sessions {

struct StoredSettings {
  SessionSettings settings;
  std::int64_t version = 0;  // 0 while the program has none of its own
};

// One attendance row of a client with its group's title (for the chart and the hours).
struct ClientAttendance {
  AttendanceRow row;
  std::string title;
  std::string end_at;
  std::string occurrence_id;
  int participants = 0;  // attendees not absent in the same session
};

class SessionStore {
 public:
  static Result<std::optional<StoredSettings>> Settings(db::Transaction& tx, const std::string& org_id,
                                                        const std::string& program_id);
  // Inserts (expected 0) or updates (versioned) a program's settings.
  static Status PutSettings(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                            const SessionSettings& s, std::int64_t expected, const std::string& now);

  static Result<std::optional<GroupSession>> GroupSessionOf(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& occurrence_id);
  static Result<std::optional<GroupSession>> GetGroupSession(db::Transaction& tx, const std::string& org_id,
                                                             const std::string& id);
  static Status InsertGroupSession(db::Transaction& tx, const GroupSession& g);
  // Saves the shared note and the signing fields at `expected`.
  static Status UpdateGroupSession(db::Transaction& tx, const GroupSession& g, std::int64_t expected,
                                   const std::string& now);
  // Group sessions of the organization with the given status, oldest first; "" author = anyone's, else the
  // author's (by user id or, when not "", staff id).
  static Result<std::vector<GroupSession>> GroupSessionsWithStatus(db::Transaction& tx, const std::string& org_id,
                                                                   const std::string& status,
                                                                   const std::string& author_user_id,
                                                                   const std::string& author_staff_id = "");
  static Result<std::vector<GroupSession>> GroupSessionsBetween(db::Transaction& tx, const std::string& org_id,
                                                                const std::string& from_date,
                                                                const std::string& to_date);

  // The live roll call of a session.
  static Result<std::vector<AttendanceRow>> AttendanceOf(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& group_session_id);
  // Inserts the row, or updates the client's existing row (live again if it was taken off).
  static Status PutAttendance(db::Transaction& tx, const AttendanceRow& row, const std::string& now);
  // Takes a client off a draft roll call.
  static Status RemoveAttendance(db::Transaction& tx, const std::string& org_id, const std::string& group_session_id,
                                 const std::string& client_id, const std::string& now);
  // A client's live attendance starting in [from, to) (timestamps), oldest first.
  static Result<std::vector<ClientAttendance>> AttendanceOfClient(db::Transaction& tx, const std::string& org_id,
                                                                  const std::string& client_id,
                                                                  const std::string& from, const std::string& to);
  // The statuses and dates of a client's latest `limit` live attendance rows, oldest first.
  static Result<std::vector<std::pair<std::string, Date>>> RecentStatuses(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& client_id, int limit);

  static Result<std::optional<Note>> GetNote(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Result<std::vector<Note>> NotesOfGroupSession(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& group_session_id);
  // A client's live notes, newest first (addenda not loaded).
  static Result<std::vector<Note>> NotesOfClient(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id);
  // Live notes with `status`, oldest session first; "" author = anyone's.
  static Result<std::vector<Note>> NotesWithStatus(db::Transaction& tx, const std::string& org_id,
                                                   const std::string& status, const std::string& author_user_id,
                                                   const std::string& author_staff_id = "");
  // The live note written for an appointment, if any ("" when none).
  static Result<std::string> NoteIdOfAppointment(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& appointment_id);
  static Status InsertNote(db::Transaction& tx, const Note& n);
  // Saves content, times, links and the signing fields at `expected`.
  static Status UpdateNote(db::Transaction& tx, const Note& n, std::int64_t expected, const std::string& now);

  static Status InsertAddendum(db::Transaction& tx, const Addendum& a);
  static Result<std::vector<Addendum>> AddendaOf(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& note_id);
  static Result<std::vector<Addendum>> AddendaOfClient(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& client_id);
};

}  // namespace stepwise::sessions
