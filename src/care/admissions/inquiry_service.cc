#include "care/admissions/inquiry_service.h"

#include <algorithm>

#include "care/admissions/inquiry_store.h"
#include "care/program/staff_service.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::admissions {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

audit::Event InquiryEvent(std::string action, const Inquiry& q, std::string reason = "") {
  return {.action = std::move(action),
          .resource_type = "inquiry",
          .resource_id = q.meta.id,
          .client_id = q.client_id,
          .data_category = "admissions",
          .reason = std::move(reason)};
}

// Field errors of a nested object carry its path ("client.birth_date").
Error Prefixed(Error e, const std::string& prefix) {
  for (auto& f : e.fields) f.field = prefix + "." + f.field;
  return e;
}

}  // namespace

Date InquiryService::Today() const { return UtcDate(clock_.Now()); }

Status InquiryService::RecordRead(const Actor& actor, audit::Event event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<InquiryRecord> InquiryService::Load(Transaction& tx, const Actor& actor, const std::string& id) {
  InquiryQuery q;
  q.only_id = id;
  q.today = Today();
  q.limit = 1;
  SW_ASSIGN(auto rows, InquiryStore::List(tx, actor.org_id, q));
  if (rows.empty()) return Error::NotFound("no such inquiry");
  return std::move(rows.front());
}

Result<InquiryBoard> InquiryService::List(const Actor& actor, InquiryListQuery query) {
  SW_TRY(RequireOrganization(actor));
  InquiryQuery q;
  q.stage = query.stage;
  q.words = NameSearchTerms(query.q);
  q.today = query.today.value_or(Today());
  if (query.overdue_only) q.overdue_before = q.today;
  q.limit = query.limit;
  auto board = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<InquiryBoard> {
    InquiryBoard b;
    SW_ASSIGN(b.items, InquiryStore::List(tx, actor.org_id, q));
    SW_ASSIGN(auto counts, InquiryStore::CountByStage(tx, actor.org_id));
    for (const auto& stage : InquiryStages()) b.counts[std::string(stage.code)] = counts[std::string(stage.code)];
    return b;
  });
  if (!board.ok()) return board;
  SW_TRY(RecordRead(actor, {.action = "query",
                            .resource_type = "inquiry",
                            .data_category = "admissions",
                            .reason = std::to_string(board->items.size()) + " inquiry(ies) listed"}));
  return board;
}

Result<InquiryRecord> InquiryService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto record = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return Load(tx, actor, id); });
  audit::Event read{.action = "read", .resource_type = "inquiry", .resource_id = id, .data_category = "admissions"};
  if (!record.ok()) {
    if (record.error().code != ErrorCode::kNotFound) return record;
    read.outcome = "denied";
    read.reason = "not found";
  } else {
    read.client_id = record->inquiry.client_id;
  }
  SW_TRY(RecordRead(actor, read));
  return record;
}

namespace {

// The program and its checks happen through ProgramService before the write transaction.
Status CheckProgram(program::ProgramService& programs, const Actor& actor, const std::string& program_id) {
  if (program_id.empty()) return Ok();
  auto p = programs.GetProgram(actor, program_id);
  if (p.ok() && !p->meta.voided) return Ok();
  if (p.ok() || p.error().code == ErrorCode::kNotFound) {
    return Error::Field("program_id", "is not a program of this organization");
  }
  return std::move(p).error();
}

}  // namespace

Result<InquiryRecord> InquiryService::Create(const Actor& actor, Inquiry draft) {
  SW_TRY(RequireOrganization(actor));
  const std::string now = FormatTimestamp(clock_.Now());
  if (draft.received_at.empty()) draft.received_at = now;
  FieldErrors errors;
  CheckInquiry(draft, Today(), errors);
  if (!errors.empty()) return errors.ToError();
  SW_TRY(CheckProgram(programs_, actor, draft.program_id));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<InquiryRecord> {
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    draft.stage = "inquiry";
    draft.stage_changed_at = now;
    draft.stage_reason.clear();
    draft.referred_to.clear();
    draft.track_id.clear();
    draft.waitlisted_at.clear();
    draft.assessment_at.clear();
    draft.assessor_id.clear();
    draft.client_id.clear();
    draft.episode_id.clear();
    SW_TRY(InquiryStore::Insert(tx, draft));
    SW_TRY(audit::Append(tx, actor, InquiryEvent("create", draft), now));
    return Load(tx, actor, draft.meta.id);
  });
}

Result<InquiryRecord> InquiryService::Update(const Actor& actor, Inquiry changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  if (changes.received_at.empty()) errors.Add("received_at", "is required");
  CheckInquiry(changes, Today(), errors);
  if (!errors.empty()) return errors.ToError();
  SW_TRY(CheckProgram(programs_, actor, changes.program_id));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<InquiryRecord> {
    SW_ASSIGN(auto current, db::Found(InquiryStore::Get(tx, actor.org_id, changes.meta.id), "inquiry"));
    const std::string now = FormatTimestamp(clock_.Now());
    changes.meta.org_id = actor.org_id;
    SW_TRY(InquiryStore::Update(tx, changes, expected, now));
    SW_TRY(audit::Append(tx, actor, InquiryEvent("update", current), now));
    return Load(tx, actor, changes.meta.id);
  });
}

Result<InquiryRecord> InquiryService::Void(const Actor& actor, const std::string& id, std::int64_t expected,
                                           const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<InquiryRecord> {
    SW_ASSIGN(auto current, db::Found(InquiryStore::Get(tx, actor.org_id, id), "inquiry"));
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(db::VoidVersioned(tx, "inquiries", actor.org_id, id, expected, reason, now));
    SW_TRY(audit::Append(tx, actor, InquiryEvent("void", current, reason), now));
    return Load(tx, actor, id);
  });
}

Result<InquiryRecord> InquiryService::MoveStage(const Actor& actor, const std::string& id, std::int64_t expected,
                                                const StageMove& move) {
  SW_TRY(RequireOrganization(actor));
  std::string track_program;
  if (move.stage == "waitlisted" && !move.track_id.empty()) {
    auto track = programs_.GetTrack(actor, move.track_id);
    if (!track.ok() || track->meta.voided) {
      if (track.ok() || track.error().code == ErrorCode::kNotFound)
        return Error::Field("track_id", "is not a track of this organization");
      return std::move(track).error();
    }
    track_program = track->program_id;
  }
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<InquiryRecord> {
    SW_ASSIGN(auto q, db::Found(InquiryStore::Get(tx, actor.org_id, id), "inquiry"));
    if (q.meta.voided) return Error::Conflict("the inquiry is voided");
    if (q.meta.version != expected) return Error::StaleVersion();
    FieldErrors errors;
    CheckStageMove(q.stage, move, errors);
    if (!errors.empty()) return errors.ToError("this move is not allowed");
    if (!track_program.empty() && !q.program_id.empty() && track_program != q.program_id) {
      return Error::Field("track_id", "belongs to another program than the inquiry's");
    }
    const std::string now = FormatTimestamp(clock_.Now());
    const std::string from = q.stage;
    ApplyStageMove(q, move, now);
    SW_TRY(InquiryStore::UpdatePipeline(tx, q, expected, now));
    std::string why = "stage " + from + " -> " + move.stage;
    if (!move.reason.empty()) why += ": " + move.reason;
    SW_TRY(audit::Append(tx, actor, InquiryEvent("update", q, why), now));
    return Load(tx, actor, id);
  });
}

Result<InquiryRecord> InquiryService::BookAssessment(const Actor& actor, const std::string& id, std::int64_t expected,
                                                     const std::string& at, const std::string& assessor_id) {
  SW_TRY(RequireOrganization(actor));
  auto when = ParseTimestamp(at);
  if (!when) return Error::Field("at", "must be a UTC time as YYYY-MM-DDTHH:MM:SSZ");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<InquiryRecord> {
    SW_ASSIGN(auto q, db::Found(InquiryStore::Get(tx, actor.org_id, id), "inquiry"));
    if (q.meta.voided) return Error::Conflict("the inquiry is voided");
    if (q.meta.version != expected) return Error::StaleVersion();
    if (q.stage != "assessment_booked" && !IsAllowedMove(q.stage, "assessment_booked")) {
      return Error::Conflict("an assessment cannot be booked at stage " +
                                 std::string(program::LabelOf(InquiryStages(), q.stage)),
                             {{"stage", "does not allow booking"}});
    }
    if (auto received = ParseTimestamp(q.received_at); received && *when < *received - std::chrono::hours(24)) {
      return Error::Field("at", "cannot be before the call was received");
    }
    SW_TRY(program::StaffService::CheckLive(tx, actor, assessor_id, "assessor_id"));
    const std::string now = FormatTimestamp(clock_.Now());
    if (q.stage != "assessment_booked") {
      q.stage = "assessment_booked";
      q.stage_changed_at = now;
      q.stage_reason.clear();
    }
    q.waitlisted_at.clear();
    q.assessment_at = FormatTimestamp(*when);
    q.assessor_id = assessor_id;
    SW_TRY(InquiryStore::UpdatePipeline(tx, q, expected, now));
    SW_TRY(audit::Append(tx, actor, InquiryEvent("update", q, "assessment booked"), now));
    return Load(tx, actor, id);
  });
}

Result<std::vector<PossibleDuplicate>> InquiryService::PossibleDuplicates(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  if (!actor.Can("clients.read") || !actor.Can("admissions.read")) {
    return Error::PermissionDenied("the duplicate check needs clients.read and admissions.read");
  }
  auto inquiry = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Inquiry> {
    return db::Found(InquiryStore::Get(tx, actor.org_id, id), "inquiry");
  });
  if (!inquiry.ok()) {
    if (inquiry.error().code == ErrorCode::kNotFound) {
      SW_TRY(RecordRead(actor, {.action = "read",
                                .resource_type = "inquiry",
                                .resource_id = id,
                                .data_category = "admissions",
                                .reason = "duplicate check: not found",
                                .outcome = "denied"}));
    }
    return std::move(inquiry).error();
  }
  const Inquiry& q = *inquiry;
  const std::string phone = !q.phone.empty() ? q.phone : (q.caller_type == "self" ? q.caller_phone : "");
  SW_ASSIGN(auto found, clients_.PossibleDuplicates(actor, q.given_name, q.family_name, q.birth_date, phone));
  SW_TRY(RecordRead(actor, InquiryEvent("read", q,
                                        "duplicate check: " + std::to_string(found.size()) + " possible match(es)")));
  return found;
}

Result<LinkResult> InquiryService::LinkClient(const Actor& actor, const std::string& id, std::int64_t expected,
                                              ClientLink link) {
  SW_TRY(RequireOrganization(actor));
  if (link.client_id.empty() == !link.draft.has_value()) {
    return Error::InvalidArgument("send either client_id or client", {{"client_id", "or client is required (one)"}});
  }
  // The program and its level of care, read through ProgramService before the write transaction.
  auto before = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Inquiry> {
    return db::Found(InquiryStore::Get(tx, actor.org_id, id), "inquiry");
  });
  if (!before.ok()) return std::move(before).error();
  std::string program_id = before->program_id;
  if (program_id.empty()) {
    SW_ASSIGN(auto programs, programs_.ListPrograms(actor, false));
    if (programs.size() != 1) {
      return Error::Field("program_id", "is required: set the inquiry's program before linking a client");
    }
    program_id = programs.front().meta.id;
  }
  SW_ASSIGN(auto program, programs_.GetProgram(actor, program_id));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<LinkResult> {
    SW_ASSIGN(auto q, db::Found(InquiryStore::Get(tx, actor.org_id, id), "inquiry"));
    if (q.meta.voided) return Error::Conflict("the inquiry is voided");
    if (q.meta.version != expected) return Error::StaleVersion();
    if (!q.client_id.empty()) return Error::Conflict("the inquiry is already linked to a client record");
    if (q.stage != "assessment_booked" && q.stage != "assessed" && q.stage != "waitlisted") {
      return Error::Conflict("book the assessment before linking a client record",
                             {{"stage", "must be assessment_booked, assessed or waitlisted"}});
    }
    LinkResult out;
    if (link.draft) {
      auto created = clients_.CreateIn(tx, actor, std::move(*link.draft));
      if (!created.ok()) return Prefixed(std::move(created).error(), "client");
      out.client_id = created->summary.client.meta.id;
    } else {
      out.client_id = link.client_id;
    }
    Episode episode;
    episode.client_id = out.client_id;
    episode.program_id = program_id;
    episode.stage = "assessment";
    episode.level_of_care = program.level_of_care;
    episode.counselor_id = q.assessor_id;
    auto opened = clients_.OpenEpisodeIn(tx, actor, std::move(episode));
    if (!opened.ok()) {
      Error e = std::move(opened).error();
      if (link.draft) return e;
      if (e.code == ErrorCode::kNotFound) return Error::Field("client_id", "is not a client you can see");
      if (e.fields.empty()) e.fields.push_back({"client_id", e.message});
      return e;
    }
    out.episode = std::move(*opened);
    const std::string now = FormatTimestamp(clock_.Now());
    q.client_id = out.client_id;
    q.episode_id = out.episode.meta.id;
    q.program_id = program_id;  // the program chosen for the episode becomes the inquiry's
    SW_TRY(InquiryStore::UpdatePipeline(tx, q, expected, now));
    SW_TRY(audit::Append(tx, actor,
                         InquiryEvent("update", q, link.draft ? "registered a new client" : "linked a client"), now));
    SW_ASSIGN(out.inquiry, Load(tx, actor, id));
    return out;
  });
}

Result<std::string> InquiryService::InquiryOfClientIn(Transaction& tx, const Actor& actor, const std::string& client_id,
                                                     const std::string& inquiry_id) {
  SW_TRY(RequireOrganization(actor));
  if (inquiry_id.empty()) return InquiryStore::OpenInquiryOfClient(tx, actor.org_id, client_id);
  SW_ASSIGN(auto q, InquiryStore::Get(tx, actor.org_id, inquiry_id));
  if (!q || q->meta.voided) return Error::Field("inquiry_id", "is not an inquiry of this organization");
  if (!q->client_id.empty() && q->client_id != client_id) {
    return Error::Field("inquiry_id", "is linked to another client");
  }
  return inquiry_id;
}

Status InquiryService::RecordOutcomeIn(Transaction& tx, const Actor& actor, const std::string& inquiry_id,
                                       const std::string& stage, const std::string& detail) {
  SW_TRY(RequireOrganization(actor));
  if (stage != "assessed" && stage != "admitted" && stage != "referred" && stage != "waitlisted") {
    return Error::Field("stage", "must be assessed, admitted, referred or waitlisted");
  }
  SW_ASSIGN(auto q, db::Found(InquiryStore::Get(tx, actor.org_id, inquiry_id), "inquiry"));
  if (q.meta.voided) return Error::Conflict("the inquiry is voided");
  // An assessment completed after the pipeline moved on does not move it back.
  if (stage == "assessed" && q.stage != "assessed" &&
      (IsSettledStage(q.stage) || q.stage == "waitlisted")) {
    return Ok();
  }
  if (q.stage == "admitted" && stage != "admitted") {
    return Error{ErrorCode::kFailedPrecondition, "the inquiry's person is already admitted", {}};
  }
  StageMove move{.stage = stage};
  if (stage == "referred") {
    if (detail.empty()) return Error::Field("referred_to", "is required to refer elsewhere");
    move.referred_to = detail;
  } else if (stage == "waitlisted") {
    SW_ASSIGN(bool live, db::ExistsLive(tx, "tracks", actor.org_id, detail));
    if (!live) return Error::Field("track_id", "is not a track of this organization");
    move.track_id = detail;
  } else {
    move.reason = detail;
  }
  const std::string now = FormatTimestamp(clock_.Now());
  const std::string from = q.stage;
  const std::string since = q.stage_changed_at;
  ApplyStageMove(q, move, now);
  if (from == stage) q.stage_changed_at = since;  // a new detail, not a new stage
  SW_TRY(InquiryStore::UpdatePipeline(tx, q, q.meta.version, now));
  return audit::Append(tx, actor, InquiryEvent("update", q, "outcome: " + from + " -> " + stage), now);
}

}  // namespace stepwise::admissions
