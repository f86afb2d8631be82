#include "care/documents/orientation_service.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "care/admissions/client_store.h"
#include "care/documents/document_store.h"
#include "care/documents/orientation_json.h"
#include "care/documents/orientation_store.h"
#include "care/program/program_service.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::documents {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

::stepwise::Status OrientationService::RecordRead(const Actor& actor, audit::Event event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<Checklist> OrientationService::ChecklistIn(Transaction& tx, const Actor& actor, const std::string& program_id) {
  SW_ASSIGN(bool live, db::ExistsLive(tx, "programs", actor.org_id, program_id));
  if (!live) return Error::NotFound("no such program");
  Checklist c;
  c.program_id = program_id;
  SW_ASSIGN(auto stored, OrientationStore::GetChecklist(tx, actor.org_id, program_id));
  if (!stored) {
    c.items = DefaultChecklistItems();
    c.meta.org_id = actor.org_id;
    return c;
  }
  SW_ASSIGN(c.items, ParseChecklistText("{\"items\":" + stored->items_json + "}"));
  c.meta = stored->meta;
  c.is_default = false;
  return c;
}

Result<Checklist> OrientationService::GetChecklist(const Actor& actor, const std::string& program_id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return ChecklistIn(tx, actor, program_id); });
}

Result<Checklist> OrientationService::PutChecklist(const Actor& actor, const std::string& program_id,
                                                   std::vector<ChecklistItem> items, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  CheckChecklist(items, errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Checklist> {
    SW_ASSIGN(auto current, ChecklistIn(tx, actor, program_id));
    if (current.meta.version != expected) return Error::StaleVersion();
    boost::json::array array;
    for (const auto& item : items) array.emplace_back(ChecklistItemJson(item));
    const std::string now = FormatTimestamp(clock_.Now());
    StoredChecklist stored{{program_id, actor.org_id, 1, false, "", now, now}, boost::json::serialize(array)};
    if (current.is_default) {
      SW_TRY(OrientationStore::InsertChecklist(tx, stored));
    } else {
      SW_TRY(OrientationStore::UpdateChecklist(tx, stored, expected, now));
    }
    SW_TRY(audit::Append(tx, actor,
                         {.action = "update",
                          .resource_type = "orientation_checklist",
                          .resource_id = program_id,
                          .data_category = "program"},
                         now));
    return ChecklistIn(tx, actor, program_id);
  });
}

Result<admissions::Episode> OrientationService::OpenEpisodeIn(Transaction& tx, const Actor& actor,
                                                              const std::string& client_id) {
  SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
  SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
  SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
  if (!episode || !admissions::IsOpenStage(episode->stage)) {
    return Error::Conflict("the client has no open episode of care");
  }
  return *episode;
}

Result<OrientationStatus> OrientationService::StatusIn(Transaction& tx, const Actor& actor,
                                                       const admissions::Episode& episode) {
  SW_ASSIGN(auto checklist, ChecklistIn(tx, actor, episode.program_id));
  SW_ASSIGN(auto completions, OrientationStore::Completions(tx, actor.org_id, episode.meta.id));
  SW_ASSIGN(auto documents, DocumentStore::EpisodeDocuments(tx, actor.org_id, episode.meta.id));
  auto status = EvaluateOrientation(checklist.items, completions, documents);
  status.episode_id = episode.meta.id;
  return status;
}

Result<OrientationStatus> OrientationService::Status(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto status = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<OrientationStatus> {
    SW_ASSIGN(auto episode, OpenEpisodeIn(tx, actor, client_id));
    return StatusIn(tx, actor, episode);
  });
  audit::Event read{.action = "read",
                    .resource_type = "orientation",
                    .client_id = client_id,
                    .data_category = "documents",
                    .reason = "orientation checklist"};
  if (!status.ok()) {
    if (status.error().code != ErrorCode::kNotFound) return status;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return status;
}

Result<OrientationStatus> OrientationService::SetItem(const Actor& actor, const std::string& client_id,
                                                      const std::string& code, bool done, const std::string& note) {
  SW_TRY(RequireOrganization(actor));
  if (CharacterCount(note) > 1000) return Error::Field("note", "must be at most 1000 characters");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<OrientationStatus> {
    SW_ASSIGN(auto episode, OpenEpisodeIn(tx, actor, client_id));
    SW_ASSIGN(auto checklist, ChecklistIn(tx, actor, episode.program_id));
    auto item = std::find_if(checklist.items.begin(), checklist.items.end(),
                             [&](const ChecklistItem& i) { return i.code == code; });
    if (item == checklist.items.end()) return Error::Field("code", "is not an item of the program's checklist");
    if (!item->document_kind.empty()) {
      return Error::Field("code", "is done by signing the " + item->document_kind + " document");
    }
    const std::string now = FormatTimestamp(clock_.Now());
    ItemCompletion c{code, done,          note,
                     now,  actor.user_id, actor.display_name.empty() ? actor.username : actor.display_name};
    SW_TRY(OrientationStore::SaveCompletion(tx, actor.org_id, client_id, episode.meta.id, c, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "update",
                          .resource_type = "orientation_item",
                          .resource_id = episode.meta.id,
                          .client_id = client_id,
                          .data_category = "documents",
                          .reason = code + (done ? " done" : " not done")},
                         now));
    return StatusIn(tx, actor, episode);
  });
}

::stepwise::Status OrientationService::CheckFinalizeIn(Transaction& tx, const Actor& actor,
                                                       const std::string& client_id, const std::string& episode_id) {
  SW_ASSIGN(auto episode, db::Found(admissions::ClientStore::GetEpisode(tx, actor.org_id, episode_id), "episode"));
  if (episode.client_id != client_id) return Error::NotFound("no such episode");
  SW_ASSIGN(auto status, StatusIn(tx, actor, episode));
  if (status.ready()) return Ok();
  return Error::Conflict("the admission cannot be finalized: orientation is not complete", FinalizeBlockers(status));
}

Result<admissions::Episode> OrientationService::Finalize(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<admissions::Episode> {
    SW_ASSIGN(auto episode, OpenEpisodeIn(tx, actor, client_id));
    if (episode.stage != "orientation") {
      return Error::Conflict("the episode is not in orientation", {{"stage", "is " + episode.stage}});
    }
    // The same check ClientService runs through its hook; run here too so it holds without the wiring.
    SW_TRY(CheckFinalizeIn(tx, actor, client_id, episode.meta.id));
    admissions::Episode changes = episode;
    changes.stage = "treatment";
    if (!changes.admission_date) changes.admission_date = UtcDate(clock_.Now());
    return clients_.UpdateEpisodeIn(tx, actor, changes, episode.meta.version);
  });
}

}  // namespace stepwise::documents
