// HTTP for appointments, availability, the live check, the merged calendar, proposals, scheduled hours and
// calendar feeds (docs/api.md "Appointments and availability"); the public /ical/<token>.ics feed.
#pragma once

#include "care/scheduling/appointment_service.h"
#include "platform/http/router.h"

namespace stepwise::scheduling {

void AddAppointmentRoutes(http::Router& router, AppointmentService& service);

}  // namespace stepwise::scheduling
