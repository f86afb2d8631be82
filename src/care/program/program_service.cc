#include "care/program/program_service.h"

#include "care/program/program_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::program {

using db::Access;
using db::Transaction;

Status RequireOrganization(const Actor& actor) {
  if (actor.org_id.empty()) return Error::Conflict("the organization is not set up yet; create it first");
  return Ok();
}

namespace {

Status Audit(Transaction& tx, const Actor& actor, const char* action, const char* type, const std::string& id,
             const std::string& now, const std::string& reason = "") {
  return audit::Append(
      tx, actor,
      {.action = action, .resource_type = type, .resource_id = id, .data_category = "program", .reason = reason}, now);
}

Status CheckOrganization(const Organization& o) {
  FieldErrors errors;
  if (!LooksLikeTimeZone(o.time_zone)) errors.Add("time_zone", "must be an IANA time zone such as America/Chicago");
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

Status CheckSiteLive(Transaction& tx, const std::string& org_id, const std::string& site_id) {
  SW_ASSIGN(bool live, db::ExistsLive(tx, "sites", org_id, site_id));
  if (!live) return Error::Field("site_id", "is not a site of this organization");
  return Ok();
}

Status CheckProgramLive(Transaction& tx, const std::string& org_id, const std::string& program_id) {
  SW_ASSIGN(bool live, db::ExistsLive(tx, "programs", org_id, program_id));
  if (!live) return Error::Field("program_id", "is not a program of this organization");
  return Ok();
}

Status CheckTrack(Track& t) {
  FieldErrors errors;
  NormalizeAndCheck(t, errors);
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

}  // namespace

std::string ProgramService::Now() const { return FormatTimestamp(clock_.Now()); }

// ---- Organization ----------------------------------------------------------------------------------

Result<std::vector<Organization>> ProgramService::ListOrganizations() {
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return ProgramStore::ListOrganizations(tx); });
}

Result<Organization> ProgramService::GetOrganization(const Actor& actor) {
  if (actor.org_id.empty()) return Error::NotFound("the organization is not set up yet");
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return db::Found(ProgramStore::GetOrganization(tx, actor.org_id), "organization");
  });
}

Result<Organization> ProgramService::CreateOrganization(const Actor& actor, Organization draft) {
  SW_TRY(CheckOrganization(draft));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Organization> {
    SW_ASSIGN(auto existing, ProgramStore::ListOrganizations(tx));
    if (!existing.empty()) return Error::Conflict("the organization is already set up");
    const std::string now = Now();
    draft.meta.id = draft.meta.org_id = NewUuidV7(clock_.Now());
    draft.meta.version = 1;
    draft.meta.created_at = draft.meta.updated_at = now;
    SW_TRY(ProgramStore::InsertOrganization(tx, draft));
    Actor as = actor;
    as.org_id = draft.meta.id;
    SW_TRY(Audit(tx, as, "create", "organization", draft.meta.id, now));
    return draft;
  });
}

Result<Organization> ProgramService::AddOrganization(const Actor& actor, Organization draft) {
  SW_TRY(CheckOrganization(draft));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Organization> {
    const std::string now = Now();
    draft.meta.id = draft.meta.org_id = NewUuidV7(clock_.Now());
    draft.meta.version = 1;
    draft.meta.created_at = draft.meta.updated_at = now;
    SW_TRY(ProgramStore::InsertOrganization(tx, draft));
    Actor as = actor;
    as.org_id = draft.meta.id;
    SW_TRY(Audit(tx, as, "create", "organization", draft.meta.id, now));
    return draft;
  });
}

Result<Organization> ProgramService::UpdateOrganization(const Actor& actor, Organization changes,
                                                        std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  SW_TRY(CheckOrganization(changes));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Organization> {
    const std::string now = Now();
    changes.meta.id = actor.org_id;
    SW_TRY(ProgramStore::UpdateOrganization(tx, changes, expected, now));
    SW_TRY(Audit(tx, actor, "update", "organization", actor.org_id, now));
    return db::Found(ProgramStore::GetOrganization(tx, actor.org_id), "organization");
  });
}

// ---- Sites -----------------------------------------------------------------------------------------

Result<std::vector<Site>> ProgramService::ListSites(const Actor& actor, bool include_voided) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead,
                           [&](Transaction& tx) { return ProgramStore::ListSites(tx, actor.org_id, include_voided); });
}

Result<Site> ProgramService::GetSite(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return db::Found(ProgramStore::GetSite(tx, actor.org_id, id), "site");
  });
}

Result<Site> ProgramService::CreateSite(const Actor& actor, Site draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Site> {
    const std::string now = Now();
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(ProgramStore::InsertSite(tx, draft));
    SW_TRY(Audit(tx, actor, "create", "site", draft.meta.id, now));
    return draft;
  });
}

Result<Site> ProgramService::UpdateSite(const Actor& actor, Site changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Site> {
    const std::string now = Now();
    changes.meta.org_id = actor.org_id;
    SW_TRY(ProgramStore::UpdateSite(tx, changes, expected, now));
    SW_TRY(Audit(tx, actor, "update", "site", changes.meta.id, now));
    return db::Found(ProgramStore::GetSite(tx, actor.org_id, changes.meta.id), "site");
  });
}

Result<Site> ProgramService::VoidSite(const Actor& actor, const std::string& id, std::int64_t expected,
                                      const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Site> {
    SW_ASSIGN(auto programs, ProgramStore::ListPrograms(tx, actor.org_id, false));
    for (const auto& p : programs) {
      if (p.site_id == id) return Error::Conflict("the site still has programs; void or move them first");
    }
    const std::string now = Now();
    SW_TRY(db::VoidVersioned(tx, "sites", actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", "site", id, now, reason));
    return db::Found(ProgramStore::GetSite(tx, actor.org_id, id), "site");
  });
}

// ---- Programs --------------------------------------------------------------------------------------

Result<std::vector<Program>> ProgramService::ListPrograms(const Actor& actor, bool include_voided) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return ProgramStore::ListPrograms(tx, actor.org_id, include_voided);
  });
}

Result<Program> ProgramService::GetProgram(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return db::Found(ProgramStore::GetProgram(tx, actor.org_id, id), "program");
  });
}

Result<Program> ProgramService::CreateProgram(const Actor& actor, Program draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Program> {
    SW_TRY(CheckSiteLive(tx, actor.org_id, draft.site_id));
    const std::string now = Now();
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(ProgramStore::InsertProgram(tx, draft));
    SW_TRY(Audit(tx, actor, "create", "program", draft.meta.id, now));
    return draft;
  });
}

Result<Program> ProgramService::UpdateProgram(const Actor& actor, Program changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Program> {
    SW_TRY(CheckSiteLive(tx, actor.org_id, changes.site_id));
    const std::string now = Now();
    changes.meta.org_id = actor.org_id;
    SW_TRY(ProgramStore::UpdateProgram(tx, changes, expected, now));
    SW_TRY(Audit(tx, actor, "update", "program", changes.meta.id, now));
    return db::Found(ProgramStore::GetProgram(tx, actor.org_id, changes.meta.id), "program");
  });
}

Result<Program> ProgramService::VoidProgram(const Actor& actor, const std::string& id, std::int64_t expected,
                                            const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Program> {
    SW_ASSIGN(auto tracks, ProgramStore::ListTracks(tx, actor.org_id, id, false));
    if (!tracks.empty()) return Error::Conflict("the program still has tracks; void them first");
    const std::string now = Now();
    SW_TRY(db::VoidVersioned(tx, "programs", actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", "program", id, now, reason));
    return db::Found(ProgramStore::GetProgram(tx, actor.org_id, id), "program");
  });
}

// ---- Tracks ----------------------------------------------------------------------------------------

Result<std::vector<Track>> ProgramService::ListTracks(const Actor& actor, const std::string& program_id,
                                                      bool include_voided) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Track>> {
    if (!program_id.empty()) SW_TRY(db::Found(ProgramStore::GetProgram(tx, actor.org_id, program_id), "program"));
    return ProgramStore::ListTracks(tx, actor.org_id, program_id, include_voided);
  });
}

Result<Track> ProgramService::GetTrack(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return db::Found(ProgramStore::GetTrack(tx, actor.org_id, id), "track");
  });
}

Result<Track> ProgramService::CreateTrack(const Actor& actor, Track draft) {
  SW_TRY(RequireOrganization(actor));
  SW_TRY(CheckTrack(draft));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Track> {
    SW_TRY(CheckProgramLive(tx, actor.org_id, draft.program_id));
    const std::string now = Now();
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(ProgramStore::InsertTrack(tx, draft));
    SW_TRY(Audit(tx, actor, "create", "track", draft.meta.id, now));
    return draft;
  });
}

Result<Track> ProgramService::UpdateTrack(const Actor& actor, Track changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  SW_TRY(CheckTrack(changes));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Track> {
    const std::string now = Now();
    changes.meta.org_id = actor.org_id;
    SW_ASSIGN(auto current, ProgramStore::GetTrack(tx, actor.org_id, changes.meta.id));
    // A missing, voided or stale track is left to UpdateTrack to explain (404, 409, 412).
    if (track_change_check_ && current && !current->meta.voided && current->meta.version == expected) {
      SW_TRY(track_change_check_(tx, actor, *current, changes));
    }
    SW_TRY(ProgramStore::UpdateTrack(tx, changes, expected, now));
    SW_TRY(Audit(tx, actor, "update", "track", changes.meta.id, now));
    return db::Found(ProgramStore::GetTrack(tx, actor.org_id, changes.meta.id), "track");
  });
}

Result<Track> ProgramService::VoidTrack(const Actor& actor, const std::string& id, std::int64_t expected,
                                        const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Track> {
    const std::string now = Now();
    SW_TRY(db::VoidVersioned(tx, "tracks", actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", "track", id, now, reason));
    return db::Found(ProgramStore::GetTrack(tx, actor.org_id, id), "track");
  });
}

}  // namespace stepwise::program
