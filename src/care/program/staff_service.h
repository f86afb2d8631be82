// Use cases for staff records: list and search, create, update, void. One transaction per call,
// scoped to the actor's organization, each change audited. Thread-safe.
#pragma once

#include <vector>

#include "care/program/program_model.h"
#include "care/program/staff_store.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::program {

class StaffService {
 public:
  StaffService(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<Staff>> List(const Actor& actor, StaffQuery query);
  Result<Staff> Get(const Actor& actor, const std::string& id);
  Result<Staff> Create(const Actor& actor, Staff draft);
  Result<Staff> Update(const Actor& actor, Staff changes, std::int64_t expected_version);
  Result<Staff> Void(const Actor& actor, const std::string& id, std::int64_t expected_version,
                     const std::string& reason);

  // Checks that `staff_id` is a live staff member of the actor's organization, inside `tx`.
  static Status CheckLive(db::Transaction& tx, const Actor& actor, const std::string& staff_id,
                          const std::string& field);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace stepwise::program
