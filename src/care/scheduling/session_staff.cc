// Who may take an individual or family appointment (ADR 0012): a licensed clinician, unless the appointment
// carries out an intervention of the client's active treatment plan whose entry in the program's catalog names
// another staff rule: "credentialed" (any current credential, e.g. a CADC for individual counseling),
// "medical" (one of the medical credentials) or "any". Unknown interventions keep the licence rule.
#include "care/plans/plan_service.h"
#include "care/plans/plan_store.h"
#include "care/scheduling/appointment_service.h"

namespace stepwise::scheduling {

Status AppointmentService::ApplyStaffRuleIn(db::Transaction& tx, const std::string& org_id, const Appointment& a,
                                            Placement& p) const {
  if (a.kind != "individual" && a.kind != "family") return Ok();
  p.needs_licensed = true;
  if (a.plan_intervention_id.empty() || a.client_id.empty()) return Ok();
  SW_ASSIGN(auto plans, plans::PlanStore::ListForClient(tx, org_id, a.client_id));
  std::string code;
  for (const auto& plan : plans) {
    if (plan.meta.voided || !plan.active_version_no) continue;
    SW_ASSIGN(auto version, plans::PlanStore::GetVersion(tx, org_id, plan.meta.id, *plan.active_version_no));
    if (!version) continue;
    for (const auto& i : version->content.interventions) {
      if (i.id == a.plan_intervention_id) code = i.code;
    }
  }
  if (code.empty()) return Ok();
  plans::PlanSettings settings = *settings_;
  if (!a.program_id.empty()) {
    SW_ASSIGN(settings, plans::SettingsForProgramIn(tx, *settings_, org_id, a.program_id));
  }
  if (const plans::CatalogIntervention* entry = settings.FindIntervention(code)) {
    SetStaffRule(entry->staff, settings.medical_credentials, p);
  }
  return Ok();
}

}  // namespace stepwise::scheduling
