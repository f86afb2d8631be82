// HTTP routes for the admissions pipeline: inquiries, stage moves, booking, the duplicate check, linking
// a client, follow-up tasks and the waitlist (docs/api.md "Admissions pipeline").
#pragma once

#include "care/admissions/inquiry_service.h"
#include "platform/http/router.h"

namespace stepwise::admissions {

void AddInquiryRoutes(http::Router& router, InquiryService& service);

}  // namespace stepwise::admissions
