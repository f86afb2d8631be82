// iCalendar (RFC 5545) text for the calendar feeds (ADR 0012 decision 5). Pure: events in, text out.
// Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); TEXT values are escaped
// (backslash, semicolon, comma, newline). Times are UTC ("20260309T130000Z").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/base/clock.h"

namespace stepwise::scheduling::ical {

struct Event {
  std::string uid;       // stable across reads ("<id>@stepwise")
  TimePoint start{}, end{};
  std::string summary;   // the feeds always send "Appointment"
  std::string location;  // a room name or a meeting link; "" = none
  bool cancelled = false;
};

// A VCALENDAR with one VEVENT per event; `stamp` is DTSTAMP (when the feed was generated).
std::string Calendar(const std::vector<Event>& events, TimePoint stamp);

// Pieces, exposed for tests.
std::string EscapeText(std::string_view text);
std::string FoldLine(std::string_view line);  // with the trailing CRLF
std::string UtcStamp(TimePoint t);            // "20260309T130000Z"

}  // namespace stepwise::scheduling::ical
