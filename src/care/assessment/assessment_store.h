// SQL for assessments with their substances and dimension ratings (child rows, so reports can query them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/assessment/assessment_model.h"
#include "platform/db/database.h"

namespace stepwise::assessment {

class AssessmentStore {
 public:
  // With substances, dimensions and the assessor's name.
  static Result<std::optional<Assessment>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  // A client's assessments, newest first, without substances and dimensions.
  static Result<std::vector<Assessment>> ListForClient(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& client_id);
  static Status Insert(db::Transaction& tx, const Assessment& a);
  // Saves every field of a live assessment and rewrites its substances and dimensions (versioned).
  static Status Update(db::Transaction& tx, const Assessment& a, std::int64_t expected, const std::string& now);
  // Whether a live inquiry with this id exists in the organization (an assessment may answer one).
  static Status Void(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t expected,
                     const std::string& reason, const std::string& now);
};

}  // namespace stepwise::assessment
