// The demo program's session records: the last week's groups with roll call, a shared note and a note per
// attendee (most signed on time, one group awaiting a supervisor's co-signature, one left unsigned past the
// deadline), a few individual sessions, and the outreach task two absences in a row create. Part of
// CreateDemo (demo.h); runs after the calendar demo.
#pragma once

#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

// `staff` in demo.cc's order (Karen the director and licensed therapist at 0, the counselors at 2..4).
Status SeedSessions(Services& svc, const Actor& system, Date today, const std::vector<program::Staff>& staff);

}  // namespace stepwise::app
