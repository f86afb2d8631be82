// Individual and family notes; signing, co-signing and addenda of any note.
#include <algorithm>

#include "care/admissions/client_store.h"
#include "care/consent/consent_model.h"
#include "care/consent/consent_store.h"
#include "care/program/program_service.h"
#include "care/sessions/session_internal.h"
#include "care/sessions/session_service.h"
#include "care/sessions/session_store.h"
#include "platform/base/time_zone.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"

namespace stepwise::sessions {

using db::Access;
using db::Transaction;
using namespace internal;

namespace {

std::string Lower(std::string s) {
  s = AsciiLower(s);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

std::string SessionTitle(const Note& n) {
  if (n.kind == "group") return n.title;
  return n.kind == "family" ? "Family session" : "Individual session";
}

}  // namespace

Status SessionService::PrepareNote(Transaction& tx, const Actor& actor, const std::string& client_id,
                                   NoteInput& input, Note& note) {
  FieldErrors errors;
  if (input.kind != "individual" && input.kind != "family") {
    return Error::Field("kind", "must be individual or family");
  }
  SW_ASSIGN(auto settings, ClientSettingsIn(tx, actor.org_id, client_id));
  auto& c = input.content;
  if (c.format.empty()) c.format = settings.note_format;
  if (c.delivery.empty()) c.delivery = "in_person";
  if (input.kind != "family") c.client_present = true;
  if (!input.appointment_id.empty()) {
    if (!calendar_.appointment) return Error::Internal("no calendar is wired");
    SW_ASSIGN(auto appointment, calendar_.appointment(tx, actor.org_id, input.appointment_id));
    if (!appointment || appointment->client_id != client_id || appointment->kind != input.kind) {
      errors.Add("appointment_id", "is not an " + input.kind + " appointment of this client");
    } else {
      if (!input.start_at) input.start_at = appointment->start_at;
      if (!input.end_at) input.end_at = appointment->end_at;
      if (c.delivery.empty() || c.delivery == "in_person") c.delivery = appointment->modality;
    }
  }
  if (!input.start_at) errors.Add("start_at", "is required");
  if (!input.end_at) errors.Add("end_at", "is required");
  if (!errors.empty()) return errors.ToError();
  CheckSessionNote(input.kind, c, *input.start_at, *input.end_at, errors);
  if (*input.start_at > clock_.Now() + std::chrono::minutes(5)) {
    errors.Add("start_at", "a note documents a session that has started");
  }
  SW_ASSIGN(auto objectives, PlanObjectiveIds(tx, actor.org_id, client_id));
  for (std::size_t i = 0; i < c.objective_ids.size(); ++i) {
    if (std::find(objectives.begin(), objectives.end(), c.objective_ids[i]) == objectives.end()) {
      errors.Add("objective_ids[" + std::to_string(i) + "]", "is not an objective of this client's treatment plan");
    }
  }
  SW_ASSIGN(auto interventions, PlanInterventionIds(tx, actor.org_id, client_id));
  for (std::size_t i = 0; i < c.intervention_ids.size(); ++i) {
    if (std::find(interventions.begin(), interventions.end(), c.intervention_ids[i]) == interventions.end()) {
      errors.Add("intervention_ids[" + std::to_string(i) + "]",
                 "is not an intervention of this client's treatment plan");
    }
  }
  if (input.kind == "family" && !c.family_members.empty()) {
    // Only people the client consented to involve: an active consent naming them as a family recipient.
    SW_ASSIGN(auto consents, consent::ConsentStore::ListForClient(tx, actor.org_id, client_id));
    SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
    const std::optional<Date> ended = episode ? episode->discharge_date : std::nullopt;
    const Date today = UtcDate(clock_.Now());
    for (std::size_t i = 0; i < c.family_members.size(); ++i) {
      const std::string name = Lower(c.family_members[i].name);
      const bool consented = std::any_of(consents.begin(), consents.end(), [&](const consent::Consent& k) {
        return !k.meta.voided && k.recipient.kind == "person" && Lower(k.recipient.name) == name &&
               consent::StatusOn(k, today, ended) == "active";
      });
      if (!name.empty() && !consented) {
        errors.Add("family_members[" + std::to_string(i) + "].name",
                   "the client has no active consent to involve this person");
      }
    }
  }
  if (!errors.empty()) return errors.ToError();
  SW_ASSIGN(const std::string zone, ZoneIn(tx, actor.org_id));
  SW_ASSIGN(auto local, tz::ToLocal(zone, *input.start_at));
  note.kind = input.kind;
  note.client_id = client_id;
  note.appointment_id = input.appointment_id;
  note.session_date = local.day;
  note.start_at = FormatTimestamp(*input.start_at);
  note.end_at = FormatTimestamp(*input.end_at);
  note.session = std::move(c);
  return Ok();
}

Result<NoteView> SessionService::CreateNote(const Actor& actor, const std::string& client_id, NoteInput input) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<NoteView> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    const std::string now = Now();
    Note note;
    note.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(PrepareNote(tx, actor, client_id, input, note));
    note.signing.author_staff_id = actor.staff_id;
    note.signing.author_user_id = actor.user_id;
    note.signing.author_name = ActorName(actor);
    SW_ASSIGN(note.signing.author_licensed, IsLicensed(tx, actor.org_id, actor.staff_id));
    SW_TRY(SessionStore::InsertNote(tx, note));
    SW_TRY(Audit(tx, actor, "create", "note", note.meta.id, client_id, now, note.kind));
    SW_ASSIGN(auto stored, LoadNote(tx, actor, note.meta.id));
    return NoteViewOf(tx, actor.org_id, std::move(stored));
  });
}

Result<NoteView> SessionService::GetNote(const Actor& actor, const std::string& id) {
  SW_TRY(program::RequireOrganization(actor));
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<NoteView> {
    SW_ASSIGN(auto note, LoadNote(tx, actor, id));
    return NoteViewOf(tx, actor.org_id, std::move(note));
  });
  audit::Event read{.action = "read", .resource_type = "note", .resource_id = id, .data_category = kCategory};
  if (view.ok()) read.client_id = view->note.client_id;
  if (!view.ok()) {
    if (view.error().code != ErrorCode::kNotFound) return view;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return view;
}

Result<NoteView> SessionService::UpdateNote(const Actor& actor, const std::string& id, std::int64_t expected,
                                            NoteInput input) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<NoteView> {
    SW_ASSIGN(auto note, LoadNote(tx, actor, id));
    if (note.signing.status != kDraft) {
      return Error::Conflict("signed notes take an addendum", {{"status", "the note is " + note.signing.status}});
    }
    if (note.kind == "group") {
      return Error::Conflict("a group note is saved with its roll call",
                             {{"kind", "use PUT /api/v1/group-sessions/{occurrence_id}"}});
    }
    if (!IsAuthor(note.signing, actor.user_id, actor.staff_id)) {
      return Error{ErrorCode::kPermissionDenied, "only the author edits a draft note",
                   {{"author", "written by " + note.signing.author_name}}};
    }
    if (note.meta.version != expected) return Error::StaleVersion();
    if (input.kind.empty()) input.kind = note.kind;
    SW_TRY(PrepareNote(tx, actor, note.client_id, input, note));
    const std::string now = Now();
    SW_TRY(SessionStore::UpdateNote(tx, note, expected, now));
    SW_TRY(Audit(tx, actor, "update", "note", id, note.client_id, now));
    SW_ASSIGN(auto stored, LoadNote(tx, actor, id));
    return NoteViewOf(tx, actor.org_id, std::move(stored));
  });
}

Result<NoteView> SessionService::SignNote(const Actor& actor, const std::string& id, const std::string& password) {
  SW_TRY(program::RequireOrganization(actor));
  // Who may sign is checked before the password so a wrong person learns that first.
  SW_TRY(db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Status {
    SW_ASSIGN(auto note, LoadNote(tx, actor, id));
    if (!IsAuthor(note.signing, actor.user_id, actor.staff_id)) {
      return Error{ErrorCode::kPermissionDenied, "only the author signs a note",
                   {{"author", "written by " + note.signing.author_name}}};
    }
    return Ok();
  }));
  SW_TRY(CheckPassword(actor, password));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<NoteView> {
    SW_ASSIGN(auto note, LoadNote(tx, actor, id));
    if (note.signing.status != kDraft) {
      return Error::Conflict("the note is signed already", {{"status", note.signing.status}});
    }
    if (note.kind == "group") {
      return Error::Conflict("a group note is signed with its group",
                             {{"kind", "use POST /api/v1/group-sessions/{occurrence_id}/sign"}});
    }
    FieldErrors errors;
    CheckSignableSections(note.session, errors);
    if (!errors.empty()) return errors.ToError("the note is not complete");
    SW_ASSIGN(auto settings, ClientSettingsIn(tx, actor.org_id, note.client_id));
    SW_ASSIGN(const bool licensed, IsLicensed(tx, actor.org_id, actor.staff_id));
    SW_ASSIGN(const std::string zone, ZoneIn(tx, actor.org_id));
    SW_ASSIGN(const std::string client_name, ClientName(tx, actor.org_id, note.client_id));
    const TimePoint start = ParseTimestamp(note.start_at).value_or(clock_.Now());
    const TimePoint end = ParseTimestamp(note.end_at).value_or(clock_.Now());
    SW_ASSIGN(auto local_start, tz::ToLocal(zone, start));
    SW_ASSIGN(auto local_end, tz::ToLocal(zone, end));
    const NoteHeader header{note.kind, client_name, SessionTitle(note), FormatDate(note.session_date),
                            TimeRange(local_start.minute, local_end.minute), note.signing.author_name};
    const std::string now = Now();
    note.signing.signed_text = RenderSessionNote(header, note.session);
    note.signing.signed_sha256 = security::Sha256Hex(note.signing.signed_text);
    note.signing.signed_at = now;
    note.signing.late_entry = IsLateEntry(end, clock_.Now(), settings.late_entry_hours);
    note.signing.author_licensed = licensed;
    note.signing.status = std::string(StatusAfterSigning(licensed));
    SW_TRY(SessionStore::UpdateNote(tx, note, note.meta.version, now));
    SW_TRY(Audit(tx, actor, "sign", "note", id, note.client_id, now, note.signing.late_entry ? "late entry" : ""));
    SW_ASSIGN(auto stored, LoadNote(tx, actor, id));
    return NoteViewOf(tx, actor.org_id, std::move(stored));
  });
}

Result<NoteView> SessionService::CosignNote(const Actor& actor, const std::string& id, const std::string& password) {
  SW_TRY(program::RequireOrganization(actor));
  SW_TRY(CheckPassword(actor, password));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<NoteView> {
    SW_ASSIGN(auto note, LoadNote(tx, actor, id));
    SW_ASSIGN(const bool licensed, IsLicensed(tx, actor.org_id, actor.staff_id));
    const bool is_author = IsAuthor(note.signing, actor.user_id, actor.staff_id);
    if (auto why = CanCosign(note.signing.status, is_author, licensed)) {
      if (note.signing.status != kAwaitingCosign) return Error::Conflict(*why, {{"status", note.signing.status}});
      return Error{ErrorCode::kPermissionDenied, *why, {{is_author ? "author" : "credential", *why}}};
    }
    const std::string now = Now();
    note.signing.status = std::string(kSigned);
    note.signing.cosigner_staff_id = actor.staff_id;
    note.signing.cosigner_name = ActorName(actor);
    note.signing.cosigned_at = now;
    SW_TRY(SessionStore::UpdateNote(tx, note, note.meta.version, now));
    SW_TRY(Audit(tx, actor, "cosign", "note", id, note.client_id, now));
    SW_ASSIGN(auto stored, LoadNote(tx, actor, id));
    return NoteViewOf(tx, actor.org_id, std::move(stored));
  });
}

Result<NoteView> SessionService::AddAddendum(const Actor& actor, const std::string& id, const std::string& reason,
                                             const std::string& text) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  if (reason.empty()) errors.Add("reason", "is required");
  if (text.empty()) errors.Add("text", "is required");
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<NoteView> {
    SW_ASSIGN(auto note, LoadNote(tx, actor, id));
    if (note.signing.status == kDraft) {
      return Error::Conflict("a draft is edited, not amended", {{"status", "the note is not signed yet"}});
    }
    if (note.kind == "group") {
      // The same confidentiality rule as the note itself: no other attendee's name.
      SW_ASSIGN(auto attendance, SessionStore::AttendanceOf(tx, actor.org_id, note.group_session_id));
      std::vector<PersonNames> others;
      for (const auto& a : attendance) {
        if (a.attendance.client_id == note.client_id) continue;
        SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, actor.org_id, a.attendance.client_id));
        if (client) others.push_back({client->legal_name.given, client->legal_name.family, client->preferred_name});
      }
      if (NamedPerson(text + "\n" + reason, others)) {
        return Error::Field("text", "names another attendee; a client's note may not name other group members");
      }
    }
    const std::string now = Now();
    Addendum a;
    a.id = NewUuidV7(clock_.Now());
    a.org_id = actor.org_id;
    a.note_id = id;
    a.client_id = note.client_id;
    a.reason = reason;
    a.text = text;
    a.text_sha256 = security::Sha256Hex(text);
    a.author_staff_id = actor.staff_id;
    a.author_user_id = actor.user_id;
    a.author_name = ActorName(actor);
    a.created_at = now;
    SW_TRY(SessionStore::InsertAddendum(tx, a));
    SW_TRY(Audit(tx, actor, "amend", "note", id, note.client_id, now, reason));
    SW_ASSIGN(auto stored, LoadNote(tx, actor, id));
    return NoteViewOf(tx, actor.org_id, std::move(stored));
  });
}

Result<std::vector<NoteView>> SessionService::NotesOfClient(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<NoteView>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(auto notes, SessionStore::NotesOfClient(tx, actor.org_id, client_id));
    std::vector<NoteView> out;
    for (auto& n : notes) {
      SW_ASSIGN(n.addenda, SessionStore::AddendaOf(tx, actor.org_id, n.meta.id));
      SW_ASSIGN(auto v, NoteViewOf(tx, actor.org_id, std::move(n)));
      out.push_back(std::move(v));
    }
    return out;
  });
  audit::Event read{.action = "query", .resource_type = "note", .client_id = client_id, .data_category = kCategory,
                    .reason = "notes of a client"};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

}  // namespace stepwise::sessions
