// SQL for instrument responses and their item answers, safety alerts with their recipients, and the
// programs' on-call lists.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/assessment/assessment_model.h"
#include "platform/db/database.h"

namespace stepwise::assessment {

struct ResponseQuery {
  std::string client_id;
  std::string assessment_id;
  std::string instrument;
  bool include_voided = false;
};

struct AlertQuery {
  std::string client_id;  // a chart's alerts
  std::string staff_id;   // alerts addressed to this staff member ...
  std::string user_id;    // ... or raised for this user
  std::string status;     // "" = any
};

class ResponseStore {
 public:
  // With answers and the administering clinician's name.
  static Result<std::optional<InstrumentResponse>> Get(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& id);
  // Newest first, without answers.
  static Result<std::vector<InstrumentResponse>> List(db::Transaction& tx, const std::string& org_id,
                                                      const ResponseQuery& q);
  static Status Insert(db::Transaction& tx, const InstrumentResponse& r);
  // Saves the answers, status and scores of a live response (versioned).
  static Status Update(db::Transaction& tx, const InstrumentResponse& r, std::int64_t expected, const std::string& now);
  static Status Void(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t expected,
                     const std::string& reason, const std::string& now);

  static Result<std::optional<SafetyAlert>> GetAlert(db::Transaction& tx, const std::string& org_id,
                                                     const std::string& id);
  // Open first, newest first.
  static Result<std::vector<SafetyAlert>> ListAlerts(db::Transaction& tx, const std::string& org_id,
                                                     const AlertQuery& q);
  static Status InsertAlert(db::Transaction& tx, const SafetyAlert& a);
  // Voids the open alerts a response raised (the response was voided); returns their ids.
  static Result<std::vector<std::string>> VoidOpenAlertsOf(db::Transaction& tx, const std::string& org_id,
                                                           const std::string& response_id, const std::string& reason,
                                                           const std::string& now);
  static Status ResolveAlert(db::Transaction& tx, const SafetyAlert& a, std::int64_t expected, const std::string& now);

  static Result<std::vector<std::string>> OnCall(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& program_id);
  static Status SetOnCall(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                          const std::vector<std::string>& staff_ids);
};

}  // namespace stepwise::assessment
