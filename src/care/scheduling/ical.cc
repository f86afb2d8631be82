#include "care/scheduling/ical.h"

#include <chrono>
#include <cstdio>

namespace stepwise::scheduling::ical {

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  std::size_t limit = 75;  // octets on the first line; continuation lines start with a space (1 + 74)
  std::size_t used = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    len = std::min(len, line.size() - i);
    if (used + len > limit) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

std::string UtcStamp(TimePoint t) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<std::chrono::days>(secs);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{secs - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string Calendar(const std::vector<Event>& events, TimePoint stamp) {
  std::string out;
  auto line = [&](std::string_view l) { out += FoldLine(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Stepwise//Calendar feed//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  const std::string dtstamp = UtcStamp(stamp);
  for (const auto& e : events) {
    line("BEGIN:VEVENT");
    line("UID:" + EscapeText(e.uid));
    line("DTSTAMP:" + dtstamp);
    line("DTSTART:" + UtcStamp(e.start));
    line("DTEND:" + UtcStamp(e.end));
    line("SUMMARY:" + EscapeText(e.summary));
    if (!e.location.empty()) line("LOCATION:" + EscapeText(e.location));
    line(e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    line("TRANSP:OPAQUE");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace stepwise::scheduling::ical
