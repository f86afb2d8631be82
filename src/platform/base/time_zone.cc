#include "platform/base/time_zone.h"

#include <date/tz.h>


namespace stepwise::tz {
namespace {

const date::time_zone* Find(std::string_view zone) {
  if (zone.empty()) return nullptr;
  try {
    return date::locate_zone(std::string(zone));
  } catch (const std::exception&) {
    return nullptr;
  }
}

Error UnknownZone(std::string_view zone) {
  return Error::InvalidArgument("unknown time zone \"" + std::string(zone) + "\"");
}

}  // namespace

bool Known(std::string_view zone) { return Find(zone) != nullptr; }

Result<TimePoint> ToUtc(std::string_view zone, Date day, int minute) {
  const auto* z = Find(zone);
  if (z == nullptr) return UnknownZone(zone);
  if (!day.ok()) return Error::InvalidArgument("invalid date");
  if (minute < 0 || minute > 1440) return Error::InvalidArgument("minute of the day out of range");
  using namespace std::chrono;
  const auto days_since_epoch = sys_days(day).time_since_epoch();
  const date::local_seconds local{duration_cast<seconds>(days_since_epoch) + minutes(minute)};
  const auto info = z->get_info(local);
  // unique: the one offset. ambiguous (fall back): `first` is the earlier, daylight offset, giving the earlier
  // instant. nonexistent (spring forward): `first` is the offset before the jump, which lands the time
  // after the gap (02:30 EST → 07:30 UTC = 03:30 EDT).
  const date::sys_seconds utc{local.time_since_epoch() - info.first.offset};
  return TimePoint(utc);
}

Result<LocalTime> ToLocal(std::string_view zone, TimePoint t) {
  const auto* z = Find(zone);
  if (z == nullptr) return UnknownZone(zone);
  using namespace std::chrono;
  const auto secs = floor<seconds>(t);
  const auto info = z->get_info(date::sys_seconds{secs.time_since_epoch()});
  const auto local = secs.time_since_epoch() + info.offset;
  const auto day = floor<days>(local);
  LocalTime out;
  out.day = Date(sys_days(day));
  out.minute = static_cast<int>(duration_cast<minutes>(local - day).count());
  return out;
}

std::string FormatInstant(TimePoint t) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(t);
  return date::format("%Y-%m-%dT%H:%M:%SZ", date::sys_seconds{secs.time_since_epoch()});
}

std::optional<TimePoint> ParseInstant(std::string_view text) { return ParseTimestamp(text); }

}  // namespace stepwise::tz
