// Use cases for orientation: a program's checklist (its own or the default from config/orientation.json), a
// client's progress through it in the current episode, marking items done, and finalizing the admission
// (orientation → treatment) once every required item is done and the 42 CFR 2.22 notice was delivered. The
// same check runs when an episode is moved to treatment through the episode routes (ClientService's finalize
// hook, wired by the composition root). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/documents/orientation_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::documents {

class OrientationService {
 public:
  OrientationService(db::Database& db, const Clock& clock, admissions::ClientService& clients)
      : db_(db), clock_(clock), clients_(clients) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }

  // The program's checklist; the default (version 0, is_default) until the program saves its own.
  Result<Checklist> GetChecklist(const Actor& actor, const std::string& program_id);
  // Saves the program's checklist; `expected` is its version (0 while it uses the default).
  Result<Checklist> PutChecklist(const Actor& actor, const std::string& program_id, std::vector<ChecklistItem> items,
                                 std::int64_t expected);

  // The client's orientation in the current open episode; kConflict without one.
  Result<OrientationStatus> Status(const Actor& actor, const std::string& client_id);
  // Marks an item done or not done (items tied to a document are done by signing it).
  Result<OrientationStatus> SetItem(const Actor& actor, const std::string& client_id, const std::string& code,
                                    bool done, const std::string& note);
  // Moves the episode from orientation to treatment (admission date today unless set); 409 with a field
  // error "items.<code>" per open required item and "items.part2_notice" without the notice.
  Result<admissions::Episode> Finalize(const Actor& actor, const std::string& client_id);

  // The finalize check inside the caller's transaction (ClientService's hook).
  ::stepwise::Status CheckFinalizeIn(db::Transaction& tx, const Actor& actor, const std::string& client_id,
                                     const std::string& episode_id);

 private:
  Result<Checklist> ChecklistIn(db::Transaction& tx, const Actor& actor, const std::string& program_id);
  Result<OrientationStatus> StatusIn(db::Transaction& tx, const Actor& actor, const admissions::Episode& episode);
  Result<admissions::Episode> OpenEpisodeIn(db::Transaction& tx, const Actor& actor, const std::string& client_id);
  ::stepwise::Status RecordRead(const Actor& actor, audit::Event event) const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::documents
