// The demo program's calendar: rooms, a staff-training closure, the morning track's groups (Mon/Wed/Thu
// 09:00–12:00) and the evening track's (Tue/Thu/Sat 18:00–21:00) of several group types, in person and by
// telehealth; the admitted demo clients enrolled in their episode's track (while there is room); next week's
// one-off changes (a cancelled group, a moved one, a substitute facilitator) and a make-up in the evening's art
// therapy. Part of CreateDemo (demo.h).
#pragma once

#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

// `staff` in demo.cc's order (Priya, Tom, Renee the counselors at 2..4, Marcus the therapist at 5).
Status SeedCalendar(Services& svc, const Actor& system, Date today, const program::Program& iop,
                    const program::Track& morning, const program::Track& evening,
                    const std::vector<admissions::Episode>& episodes, const std::vector<program::Staff>& staff);

}  // namespace stepwise::app
