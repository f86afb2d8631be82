// Medications, prescriber referrals and adherence check-ins as use cases (issue 9, ADR 0012). Each write is
// one transaction: client access as ClientService, the rules of medication_model.h, the store, tasks
// created or closed through care/tasks (referral follow-ups, the counselor's adherence follow-up), the
// audit event (category "medications"). Reads are recorded through the ReadLog.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/medications/medication_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::medications {

// For drug testing, inside the caller's transaction: the analyte codes the client's medications active on
// `on` make expected (config/medications.json). No access check or audit: the caller does both.
Result<std::set<std::string>> ExpectedAnalytesIn(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id, Date on);
Result<std::set<std::string>> ExpectedAnalytesIn(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id, Date on, const Settings& settings);

struct CheckinResult {
  Checkin checkin;
  std::string task_id;  // the open adherence task when the check-in made (or found) one, else ""
};

class MedicationService {
 public:
  MedicationService(db::Database& db, const Clock& clock, admissions::ClientService& clients,
                    const Settings& settings)
      : db_(db), clock_(clock), clients_(clients), settings_(&settings) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  void SetSettings(const Settings& settings) { settings_ = &settings; }
  const Settings& settings() const { return *settings_; }

  Result<Medication> Add(const Actor& actor, Medication draft);
  Result<std::vector<Medication>> OfClient(const Actor& actor, const std::string& client_id);
  // Replaces the editable fields (not stop_on/stop_reason: stopping is its own step).
  Result<Medication> Update(const Actor& actor, const std::string& id, std::int64_t expected, Medication changes);
  Result<Medication> Stop(const Actor& actor, const std::string& id, std::int64_t expected, Date stop_on,
                          const std::string& reason);
  Result<Medication> Void(const Actor& actor, const std::string& id, std::int64_t expected, const std::string& reason);

  // A new referral (status "sent") with its follow-up task for the client's counselor.
  Result<Referral> Refer(const Actor& actor, Referral draft);
  Result<std::vector<Referral>> ReferralsOf(const Actor& actor, const std::string& client_id);
  // scheduled → the follow-up moves to the appointment; seen/closed → the follow-up is done.
  Result<Referral> SetReferralStatus(const Actor& actor, const std::string& id, std::int64_t expected,
                                     const std::string& status, Date date, const std::string& outcome);

  Result<CheckinResult> CheckIn(const Actor& actor, Checkin draft);
  Result<std::vector<Checkin>> CheckinsOf(const Actor& actor, const std::string& client_id);
  Result<std::vector<WeekTrend>> Trend(const Actor& actor, const std::string& client_id);
  Result<Checkin> VoidCheckin(const Actor& actor, const std::string& id, std::int64_t expected,
                              const std::string& reason);

  Date Today() const;

 private:
  Status RecordRead(const Actor& actor, audit::Event event, const Status& outcome) const;
  Result<Medication> ChangeMedication(const Actor& actor, const std::string& id, std::int64_t expected,
                                      const char* what, const std::function<Status(Medication&)>& change);

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  const Settings* settings_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::medications
