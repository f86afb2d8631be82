// HTTP for medications, prescriber referrals and adherence check-ins (docs/api.md "Medications").
#pragma once

#include "care/medications/medication_service.h"
#include "platform/http/router.h"

namespace stepwise::medications {

void AddMedicationRoutes(http::Router& router, MedicationService& svc);

}  // namespace stepwise::medications
