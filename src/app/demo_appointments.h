// The demo program's appointments: working hours and limits for the counselors and therapist, weekly
// availability (work, school, childcare) for clients in treatment, this week's individual sessions, one
// family session and a drug-test collection slot — all through AppointmentService, so every conflict rule
// holds. Part of CreateDemo (demo.h), after the calendar (demo_calendar.h).
#pragma once

#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

// `staff` in demo.cc's order (Karen 0, Priya 2, Tom 3, Marcus 5, Julia 6).
Status SeedAppointments(Services& svc, const Actor& system, Date today,
                        const std::vector<admissions::Episode>& episodes, const std::vector<program::Staff>& staff);

}  // namespace stepwise::app
