#include "care/sessions/session_store.h"

#include <algorithm>

#include "care/sessions/session_json.h"
#include "platform/db/records.h"

namespace stepwise::sessions {

using db::OptText;
using db::Param;

namespace {

Param I(std::int64_t v) { return v; }

const std::string kSigningColumns =
    "author_staff_id, author_user_id, author_name, author_licensed, status, signed_text, signed_sha256, signed_at, "
    "late_entry, cosigner_staff_id, cosigner_name, cosigned_at";

Signing ReadSigning(const db::Row& r, std::size_t i) {
  Signing s;
  s.author_staff_id = r.Text(i);
  s.author_user_id = r.Text(i + 1);
  s.author_name = r.Text(i + 2);
  s.author_licensed = r.Int(i + 3) != 0;
  s.status = r.Text(i + 4);
  s.signed_text = r.Text(i + 5);
  s.signed_sha256 = r.Text(i + 6);
  s.signed_at = r.Text(i + 7);
  s.late_entry = r.Int(i + 8) != 0;
  s.cosigner_staff_id = r.Text(i + 9);
  s.cosigner_name = r.Text(i + 10);
  s.cosigned_at = r.Text(i + 11);
  return s;
}

std::vector<Param> SigningParams(const Signing& s) {
  return {OptText(s.author_staff_id), s.author_user_id, s.author_name, I(s.author_licensed ? 1 : 0), s.status,
          OptText(s.signed_text), OptText(s.signed_sha256), OptText(s.signed_at), I(s.late_entry ? 1 : 0),
          OptText(s.cosigner_staff_id), OptText(s.cosigner_name), OptText(s.cosigned_at)};
}

const std::string kSigningSet =
    "author_staff_id = ?, author_user_id = ?, author_name = ?, author_licensed = ?, status = ?, signed_text = ?, "
    "signed_sha256 = ?, signed_at = ?, late_entry = ?, cosigner_staff_id = ?, cosigner_name = ?, cosigned_at = ?";

const std::string kGroupSelect =
    "SELECT occurrence_id, program_id, title, session_date, start_at, end_at, length_minutes, topic, "
    "curriculum_module, modality, summary, facilitator_staff_ids, " +
    kSigningColumns + ", " + std::string(db::kMetaColumns) + " FROM group_sessions";

GroupSession ReadGroup(const db::Row& r) {
  GroupSession g;
  g.occurrence_id = r.Text(0);
  g.program_id = r.Text(1);
  g.title = r.Text(2);
  g.session_date = ParseDate(r.Text(3)).value_or(Date{});
  g.start_at = r.Text(4);
  g.end_at = r.Text(5);
  g.length_minutes = static_cast<int>(r.Int(6));
  g.shared.topic = r.Text(7);
  g.shared.curriculum_module = r.Text(8);
  g.shared.modality = r.Text(9);
  g.shared.summary = r.Text(10);
  g.shared.facilitator_staff_ids = db::SplitCodes(r.Text(11));
  g.signing = ReadSigning(r, 12);
  g.meta = db::ReadMeta(r, 24);
  return g;
}

const std::string kAttendanceSelect =
    "SELECT a.id, a.org_id, a.group_session_id, a.session_date, a.start_at, a.client_id, a.status, a.late_minutes, "
    "a.left_early_minutes, a.absence_reason, a.attended_minutes, a.version, a.voided, a.created_at, a.updated_at "
    "FROM attendance a";

AttendanceRow ReadAttendance(const db::Row& r) {
  AttendanceRow a;
  a.id = r.Text(0);
  a.org_id = r.Text(1);
  a.group_session_id = r.Text(2);
  a.session_date = ParseDate(r.Text(3)).value_or(Date{});
  a.start_at = r.Text(4);
  a.attendance.client_id = r.Text(5);
  a.attendance.status = r.Text(6);
  a.attendance.late_minutes = static_cast<int>(r.Int(7));
  a.attendance.left_early_minutes = static_cast<int>(r.Int(8));
  a.attendance.absence_reason = r.Text(9);
  a.attendance.attended_minutes = static_cast<int>(r.Int(10));
  a.version = r.Int(11);
  a.voided = r.Int(12) != 0;
  a.created_at = r.Text(13);
  a.updated_at = r.Text(14);
  return a;
}

const std::string kNoteSelect =
    "SELECT n.client_id, n.kind, n.group_session_id, n.appointment_id, n.session_date, n.start_at, n.end_at, "
    "n.content, g.title, n.author_staff_id, n.author_user_id, n.author_name, n.author_licensed, n.status, "
    "n.signed_text, n.signed_sha256, n.signed_at, n.late_entry, n.cosigner_staff_id, n.cosigner_name, "
    "n.cosigned_at, n.id, n.org_id, n.version, n.voided, n.void_reason, n.created_at, n.updated_at "
    "FROM session_notes n LEFT JOIN group_sessions g ON g.id = n.group_session_id";

Note ReadNote(const db::Row& r) {
  Note n;
  n.client_id = r.Text(0);
  n.kind = r.Text(1);
  n.group_session_id = r.Text(2);
  n.appointment_id = r.Text(3);
  n.session_date = ParseDate(r.Text(4)).value_or(Date{});
  n.start_at = r.Text(5);
  n.end_at = r.Text(6);
  const auto content = ObjectFromText(r.Text(7));
  if (n.kind == "group") n.group = GroupNoteFromJson(content);
  else n.session = SessionNoteFromJson(content);
  n.title = r.Text(8);
  n.signing = ReadSigning(r, 9);
  n.meta = db::ReadMeta(r, 21);
  return n;
}

std::string ContentText(const Note& n) {
  return ToText(n.kind == "group" ? GroupNoteJson(n.group) : SessionNoteJson(n.session));
}

const std::string kAddendumSelect =
    "SELECT id, org_id, note_id, client_id, reason, text, text_sha256, author_staff_id, author_user_id, "
    "author_name, created_at FROM note_addenda";

Addendum ReadAddendum(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
          r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Text(10)};
}

}  // namespace

std::vector<std::string> ObjectiveIdsOf(const Note& n) {
  if (n.kind != "group") return n.session.objective_ids;
  std::vector<std::string> out;
  for (const auto& p : n.group.objective_progress) out.push_back(p.objective_id);
  return out;
}

Result<std::optional<StoredSettings>> SessionStore::Settings(db::Transaction& tx, const std::string& org_id,
                                                             const std::string& program_id) {
  return db::ReadOne<StoredSettings>(
      tx,
      "SELECT note_format, sign_deadline_hours, late_entry_hours, absences_for_outreach, group_size_limit, "
      "h0015_min_minutes_per_day, version FROM session_settings WHERE org_id = ? AND program_id = ?",
      {org_id, program_id}, [](const db::Row& r) {
        StoredSettings s;
        s.settings.note_format = r.Text(0);
        s.settings.sign_deadline_hours = static_cast<int>(r.Int(1));
        s.settings.late_entry_hours = static_cast<int>(r.Int(2));
        s.settings.absences_for_outreach = static_cast<int>(r.Int(3));
        s.settings.group_size_limit = static_cast<int>(r.Int(4));
        s.settings.h0015_min_minutes_per_day = static_cast<int>(r.Int(5));
        s.version = r.Int(6);
        return s;
      });
}

Status SessionStore::PutSettings(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                                 const SessionSettings& s, std::int64_t expected, const std::string& now) {
  std::vector<Param> values = {s.note_format, I(s.sign_deadline_hours), I(s.late_entry_hours),
                               I(s.absences_for_outreach), I(s.group_size_limit), I(s.h0015_min_minutes_per_day)};
  if (expected == 0) {
    SW_ASSIGN(auto existing, Settings(tx, org_id, program_id));
    if (existing) return Error::StaleVersion();
    std::vector<Param> p = {program_id, org_id};
    p.insert(p.end(), values.begin(), values.end());
    p.insert(p.end(), {I(1), now, now});
    SW_TRY(tx.Execute("INSERT INTO session_settings (program_id, org_id, note_format, sign_deadline_hours, "
                      "late_entry_hours, absences_for_outreach, group_size_limit, h0015_min_minutes_per_day, version, "
                      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      std::span<const Param>(p)));
    return Ok();
  }
  values.insert(values.end(), {now, org_id, program_id, I(expected)});
  SW_ASSIGN(auto changed,
            tx.Execute("UPDATE session_settings SET note_format = ?, sign_deadline_hours = ?, late_entry_hours = ?, "
                       "absences_for_outreach = ?, group_size_limit = ?, h0015_min_minutes_per_day = ?, "
                       "version = version + 1, updated_at = ? WHERE org_id = ? AND program_id = ? AND version = ?",
                       std::span<const Param>(values)));
  if (changed == 0) return Error::StaleVersion();
  return Ok();
}

Result<std::optional<GroupSession>> SessionStore::GroupSessionOf(db::Transaction& tx, const std::string& org_id,
                                                                 const std::string& occurrence_id) {
  return db::ReadOne<GroupSession>(tx, kGroupSelect + " WHERE org_id = ? AND occurrence_id = ? AND voided = 0",
                                   {org_id, occurrence_id}, ReadGroup);
}

Result<std::optional<GroupSession>> SessionStore::GetGroupSession(db::Transaction& tx, const std::string& org_id,
                                                                  const std::string& id) {
  return db::ReadOne<GroupSession>(tx, kGroupSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadGroup);
}

Status SessionStore::InsertGroupSession(db::Transaction& tx, const GroupSession& g) {
  std::vector<Param> p = {g.meta.id, g.meta.org_id, g.occurrence_id, OptText(g.program_id), g.title,
                          FormatDate(g.session_date), g.start_at, g.end_at, I(g.length_minutes),
                          OptText(g.shared.topic), OptText(g.shared.curriculum_module), OptText(g.shared.modality),
                          OptText(g.shared.summary), OptText(db::JoinCodes(g.shared.facilitator_staff_ids))};
  auto signing = SigningParams(g.signing);
  p.insert(p.end(), signing.begin(), signing.end());
  p.insert(p.end(), {g.meta.version, g.meta.created_at, g.meta.updated_at});
  SW_TRY(tx.Execute("INSERT INTO group_sessions (id, org_id, occurrence_id, program_id, title, session_date, "
                    "start_at, end_at, length_minutes, topic, curriculum_module, modality, summary, "
                    "facilitator_staff_ids, " +
                        kSigningColumns +
                        ", version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    std::span<const Param>(p)));
  return Ok();
}

Status SessionStore::UpdateGroupSession(db::Transaction& tx, const GroupSession& g, std::int64_t expected,
                                        const std::string& now) {
  std::vector<Param> p = {g.title, OptText(g.shared.topic), OptText(g.shared.curriculum_module),
                          OptText(g.shared.modality), OptText(g.shared.summary),
                          OptText(db::JoinCodes(g.shared.facilitator_staff_ids))};
  auto signing = SigningParams(g.signing);
  p.insert(p.end(), signing.begin(), signing.end());
  return db::UpdateVersioned(tx, "group_sessions", g.meta.org_id, g.meta.id, expected,
                             "title = ?, topic = ?, curriculum_module = ?, modality = ?, summary = ?, "
                             "facilitator_staff_ids = ?, " +
                                 kSigningSet,
                             std::move(p), now);
}

Result<std::vector<GroupSession>> SessionStore::GroupSessionsWithStatus(db::Transaction& tx,
                                                                        const std::string& org_id,
                                                                        const std::string& status,
                                                                        const std::string& author_user_id,
                                                                        const std::string& author_staff_id) {
  if (author_user_id.empty()) {
    return db::ReadAll<GroupSession>(
        tx, kGroupSelect + " WHERE org_id = ? AND status = ? AND voided = 0 ORDER BY start_at, id", {org_id, status},
        ReadGroup);
  }
  return db::ReadAll<GroupSession>(
      tx,
      kGroupSelect +
          " WHERE org_id = ? AND status = ? AND (author_user_id = ? OR author_staff_id = ?) AND voided = 0 "
          "ORDER BY start_at, id",
      {org_id, status, author_user_id, author_staff_id.empty() ? std::string("-") : author_staff_id}, ReadGroup);
}

Result<std::vector<GroupSession>> SessionStore::GroupSessionsBetween(db::Transaction& tx, const std::string& org_id,
                                                                     const std::string& from_date,
                                                                     const std::string& to_date) {
  return db::ReadAll<GroupSession>(tx,
                                   kGroupSelect +
                                       " WHERE org_id = ? AND session_date >= ? AND session_date <= ? AND voided = 0 "
                                       "ORDER BY start_at, id",
                                   {org_id, from_date, to_date}, ReadGroup);
}

Result<std::vector<AttendanceRow>> SessionStore::AttendanceOf(db::Transaction& tx, const std::string& org_id,
                                                              const std::string& group_session_id) {
  return db::ReadAll<AttendanceRow>(
      tx, kAttendanceSelect + " WHERE a.org_id = ? AND a.group_session_id = ? AND a.voided = 0 ORDER BY a.id",
      {org_id, group_session_id}, ReadAttendance);
}

Status SessionStore::PutAttendance(db::Transaction& tx, const AttendanceRow& a, const std::string& now) {
  const Attendance& x = a.attendance;
  SW_ASSIGN(auto changed,
            tx.Execute("UPDATE attendance SET status = ?, late_minutes = ?, left_early_minutes = ?, absence_reason = ?, "
                       "attended_minutes = ?, voided = 0, void_reason = NULL, voided_at = NULL, version = version + 1, "
                       "updated_at = ? WHERE org_id = ? AND group_session_id = ? AND client_id = ?",
                       {x.status, I(x.late_minutes), I(x.left_early_minutes), OptText(x.absence_reason),
                        I(x.attended_minutes), now, a.org_id, a.group_session_id, x.client_id}));
  if (changed > 0) return Ok();
  SW_TRY(tx.Execute("INSERT INTO attendance (id, org_id, group_session_id, client_id, session_date, start_at, status, "
                    "late_minutes, left_early_minutes, absence_reason, attended_minutes, version, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {a.id, a.org_id, a.group_session_id, x.client_id, FormatDate(a.session_date), a.start_at, x.status,
                     I(x.late_minutes), I(x.left_early_minutes), OptText(x.absence_reason), I(x.attended_minutes),
                     I(1), now, now}));
  return Ok();
}

Status SessionStore::RemoveAttendance(db::Transaction& tx, const std::string& org_id,
                                      const std::string& group_session_id, const std::string& client_id,
                                      const std::string& now) {
  SW_TRY(tx.Execute("UPDATE attendance SET voided = 1, void_reason = 'taken off the roll call', voided_at = ?, "
                    "version = version + 1, updated_at = ? WHERE org_id = ? AND group_session_id = ? AND client_id = ? "
                    "AND voided = 0",
                    {now, now, org_id, group_session_id, client_id}));
  return Ok();
}

Result<std::vector<ClientAttendance>> SessionStore::AttendanceOfClient(db::Transaction& tx, const std::string& org_id,
                                                                       const std::string& client_id,
                                                                       const std::string& from, const std::string& to) {
  return db::ReadAll<ClientAttendance>(
      tx,
      "SELECT a.id, a.org_id, a.group_session_id, a.session_date, a.start_at, a.client_id, a.status, a.late_minutes, "
      "a.left_early_minutes, a.absence_reason, a.attended_minutes, a.version, a.voided, a.created_at, a.updated_at, "
      "g.title, g.end_at, g.occurrence_id, (SELECT COUNT(*) FROM attendance o WHERE o.group_session_id = "
      "a.group_session_id AND o.voided = 0 AND o.status NOT IN ('absent_excused', 'absent_unexcused')) "
      "FROM attendance a JOIN group_sessions g ON g.id = a.group_session_id WHERE a.org_id = ? AND a.client_id = ? "
      "AND a.voided = 0 AND g.voided = 0 AND a.start_at >= ? AND a.start_at < ? ORDER BY a.start_at",
      {org_id, client_id, from, to}, [](const db::Row& r) {
        ClientAttendance c;
        c.row = ReadAttendance(r);
        c.title = r.Text(15);
        c.end_at = r.Text(16);
        c.occurrence_id = r.Text(17);
        c.participants = static_cast<int>(r.Int(18));
        return c;
      });
}

Result<std::vector<std::pair<std::string, Date>>> SessionStore::RecentStatuses(db::Transaction& tx,
                                                                             const std::string& org_id,
                                                                             const std::string& client_id, int limit) {
  using Entry = std::pair<std::string, Date>;
  SW_ASSIGN(auto list, db::ReadAll<Entry>(
                           tx,
                           "SELECT a.status, a.session_date FROM attendance a JOIN group_sessions g ON g.id = a.group_session_id "
                           "WHERE a.org_id = ? AND a.client_id = ? AND a.voided = 0 AND g.voided = 0 "
                           "ORDER BY a.start_at DESC, a.id DESC LIMIT ?",
                           {org_id, client_id, I(limit)},
                           [](const db::Row& r) { return Entry{r.Text(0), ParseDate(r.Text(1)).value_or(Date{})}; }));
  std::reverse(list.begin(), list.end());
  return list;
}

Result<std::optional<Note>> SessionStore::GetNote(db::Transaction& tx, const std::string& org_id,
                                                  const std::string& id) {
  return db::ReadOne<Note>(tx, kNoteSelect + " WHERE n.org_id = ? AND n.id = ?", {org_id, id}, ReadNote);
}

Result<std::vector<Note>> SessionStore::NotesOfGroupSession(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& group_session_id) {
  return db::ReadAll<Note>(
      tx, kNoteSelect + " WHERE n.org_id = ? AND n.group_session_id = ? AND n.voided = 0 ORDER BY n.id",
      {org_id, group_session_id}, ReadNote);
}

Result<std::vector<Note>> SessionStore::NotesOfClient(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& client_id) {
  return db::ReadAll<Note>(
      tx, kNoteSelect + " WHERE n.org_id = ? AND n.client_id = ? AND n.voided = 0 ORDER BY n.start_at DESC, n.id DESC",
      {org_id, client_id}, ReadNote);
}

Result<std::string> SessionStore::NoteIdOfAppointment(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& appointment_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT id FROM session_notes WHERE org_id = ? AND appointment_id = ? AND voided = 0 "
                              "ORDER BY created_at, id LIMIT 1",
                              {org_id, appointment_id}));
  return rs.rows.empty() ? std::string() : rs.rows.front().Text(0);
}

Result<std::vector<Note>> SessionStore::NotesWithStatus(db::Transaction& tx, const std::string& org_id,
                                                        const std::string& status, const std::string& author_user_id,
                                                        const std::string& author_staff_id) {
  if (author_user_id.empty()) {
    return db::ReadAll<Note>(
        tx, kNoteSelect + " WHERE n.org_id = ? AND n.status = ? AND n.voided = 0 ORDER BY n.end_at, n.id",
        {org_id, status}, ReadNote);
  }
  return db::ReadAll<Note>(tx,
                           kNoteSelect +
                               " WHERE n.org_id = ? AND n.status = ? AND (n.author_user_id = ? OR "
                               "n.author_staff_id = ?) AND n.voided = 0 ORDER BY n.end_at, n.id",
                           {org_id, status, author_user_id,
                            author_staff_id.empty() ? std::string("-") : author_staff_id},
                           ReadNote);
}

Status SessionStore::InsertNote(db::Transaction& tx, const Note& n) {
  std::vector<Param> p = {n.meta.id,
                          n.meta.org_id,
                          n.client_id,
                          n.kind,
                          OptText(n.group_session_id),
                          OptText(n.appointment_id),
                          FormatDate(n.session_date),
                          n.start_at,
                          n.end_at,
                          OptText(n.kind == "group" ? "" : n.session.format),
                          ContentText(n),
                          OptText(db::JoinCodes(ObjectiveIdsOf(n))),
                          OptText(db::JoinCodes(n.session.intervention_ids))};
  auto signing = SigningParams(n.signing);
  p.insert(p.end(), signing.begin(), signing.end());
  p.insert(p.end(), {n.meta.version, n.meta.created_at, n.meta.updated_at});
  SW_TRY(tx.Execute("INSERT INTO session_notes (id, org_id, client_id, kind, group_session_id, appointment_id, "
                    "session_date, start_at, end_at, format, content, objective_ids, intervention_ids, " +
                        kSigningColumns +
                        ", version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    std::span<const Param>(p)));
  return Ok();
}

Status SessionStore::UpdateNote(db::Transaction& tx, const Note& n, std::int64_t expected, const std::string& now) {
  std::vector<Param> p = {OptText(n.appointment_id),
                          FormatDate(n.session_date),
                          n.start_at,
                          n.end_at,
                          OptText(n.kind == "group" ? "" : n.session.format),
                          ContentText(n),
                          OptText(db::JoinCodes(ObjectiveIdsOf(n))),
                          OptText(db::JoinCodes(n.session.intervention_ids))};
  auto signing = SigningParams(n.signing);
  p.insert(p.end(), signing.begin(), signing.end());
  return db::UpdateVersioned(tx, "session_notes", n.meta.org_id, n.meta.id, expected,
                             "appointment_id = ?, session_date = ?, start_at = ?, end_at = ?, format = ?, content = ?, "
                             "objective_ids = ?, intervention_ids = ?, " +
                                 kSigningSet,
                             std::move(p), now);
}

Status SessionStore::InsertAddendum(db::Transaction& tx, const Addendum& a) {
  SW_TRY(tx.Execute("INSERT INTO note_addenda (id, org_id, note_id, client_id, reason, text, text_sha256, "
                    "author_staff_id, author_user_id, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {a.id, a.org_id, a.note_id, a.client_id, a.reason, a.text, a.text_sha256, OptText(a.author_staff_id),
                     a.author_user_id, a.author_name, a.created_at}));
  return Ok();
}

Result<std::vector<Addendum>> SessionStore::AddendaOf(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& note_id) {
  return db::ReadAll<Addendum>(tx, kAddendumSelect + " WHERE org_id = ? AND note_id = ? ORDER BY created_at, id",
                               {org_id, note_id}, ReadAddendum);
}

Result<std::vector<Addendum>> SessionStore::AddendaOfClient(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& client_id) {
  return db::ReadAll<Addendum>(tx, kAddendumSelect + " WHERE org_id = ? AND client_id = ? ORDER BY created_at, id",
                               {org_id, client_id}, ReadAddendum);
}

}  // namespace stepwise::sessions
