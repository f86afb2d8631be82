// HTTP endpoints of the assessment stage (docs/api.md, "Assessment and level of care").
#pragma once

#include "care/assessment/assessment_service.h"
#include "care/assessment/response_service.h"
#include "platform/http/router.h"

namespace stepwise::assessment {

// Instruments, score previews, instrument responses, safety alerts and the programs' on-call lists.
void AddInstrumentRoutes(http::Router& router, ResponseService& responses);
// The level-of-care policy, assessment options and assessments with their decision and outcome.
void AddAssessmentRoutes(http::Router& router, AssessmentService& assessments);

}  // namespace stepwise::assessment
