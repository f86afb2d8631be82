// SQL for staff records and their credentials.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/program/program_model.h"
#include "platform/db/database.h"

namespace stepwise::program {

struct StaffQuery {
  std::string name_prefix;  // lowercase; matches given, family or preferred name
  std::string role;         // a role code, or ""
  bool include_voided = false;
  std::string after_id;  // keyset cursor: the last id of the previous page
  int limit = 50;
};

class StaffStore {
 public:
  static Result<std::vector<Staff>> List(db::Transaction& tx, const std::string& org_id, const StaffQuery& q);
  static Result<std::optional<Staff>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Status Insert(db::Transaction& tx, const Staff& s);
  static Status Update(db::Transaction& tx, const Staff& s, std::int64_t expected, const std::string& now);
};

}  // namespace stepwise::program
