// HTTP routes of the calendar core: rooms, closures, group series and opening hours (calendar_routes.cc),
// occurrences, one-off changes, rosters and enrollments (occurrence_routes.cc).
#pragma once

#include "care/scheduling/calendar_service.h"
#include "platform/http/router.h"

namespace stepwise::scheduling {

void AddCalendarRoutes(http::Router& router, CalendarService& service);
void AddOccurrenceRoutes(http::Router& router, CalendarService& service);

// Reads an optional "YYYY-MM-DD" query parameter; 400 naming it when malformed.
Result<std::optional<Date>> QueryDate(const http::Request& request, std::string_view name);

}  // namespace stepwise::scheduling
