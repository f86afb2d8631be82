// SQL for medications, prescriber referrals and adherence check-ins (migration 0015).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/medications/medication_model.h"
#include "platform/db/database.h"

namespace stepwise::medications::store {

Status InsertMedication(db::Transaction& tx, const Medication& m);
Result<std::optional<Medication>> GetMedication(db::Transaction& tx, const std::string& org_id, const std::string& id);
// A client's medications: active first, then by start date, newest first (voided ones included, marked).
Result<std::vector<Medication>> MedicationsOfClient(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& client_id);
Status UpdateMedication(db::Transaction& tx, const Medication& m, std::int64_t expected, const std::string& now);
Status VoidMedication(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t expected,
                      const std::string& reason, const std::string& now);

Status InsertReferral(db::Transaction& tx, const Referral& r);
Result<std::optional<Referral>> GetReferral(db::Transaction& tx, const std::string& org_id, const std::string& id);
Result<std::vector<Referral>> ReferralsOfClient(db::Transaction& tx, const std::string& org_id,
                                                const std::string& client_id);
Status UpdateReferral(db::Transaction& tx, const Referral& r, std::int64_t expected, const std::string& now);

Status InsertCheckin(db::Transaction& tx, const Checkin& c);
Result<std::optional<Checkin>> GetCheckin(db::Transaction& tx, const std::string& org_id, const std::string& id);
// A client's check-ins, newest first.
Result<std::vector<Checkin>> CheckinsOfClient(db::Transaction& tx, const std::string& org_id,
                                              const std::string& client_id);
Status VoidCheckin(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t expected,
                   const std::string& reason, const std::string& now);

}  // namespace stepwise::medications::store
