// The program calendar as data (ADR 0012): rooms, closures, group series with their one-occurrence
// changes, computed occurrences, enrollments of clients in tracks and the roster of an occurrence; and the
// rules over them: a series' shape, facilitators' credentials, room capacity, double-booking between
// series, opening hours, enrollment capacity, and the limits a roster must stay within when a size limit, a
// track's or a room's capacity goes down, a meeting moves or a client is added to one meeting. Pure: no I/O
// (time zones through platform/base).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/program/program_model.h"
#include "care/scheduling/recurrence.h"
#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::scheduling {

using program::CodeLabel;

// Code sets (stored as text; never rename a released code).
const std::vector<CodeLabel>& GroupTypes();     // process, relapse_prevention, psychoeducation, ...
const std::vector<CodeLabel>& Modalities();     // in_person, telehealth
const std::vector<CodeLabel>& ChangeActions();  // cancel, move, substitute, room
const std::vector<CodeLabel>& RosterKinds();    // drop_in, make_up (enrolled clients are computed)

// A program's opening hours: every session (group or appointment) lies within them. Shared with the
// appointments code (APPT), which checks `outside_hours` with the same value. Default 07:00–21:00.
struct OpeningHours {
  std::string program_id;
  int open_minute = 7 * 60;
  int close_minute = 21 * 60;
  std::int64_t version = 0;  // 0 while the program uses the default
};
// Field errors naming `start_field` / `end_field` when [start, end) leaves the opening hours.
void CheckOpeningHours(const OpeningHours& hours, int start_minute, int end_minute, FieldErrors& errors,
                       const std::string& start_field = "start", const std::string& end_field = "end");
// The hours themselves: open before close ("close").
void CheckOpeningHoursShape(const OpeningHours& hours, FieldErrors& errors);

struct Room {
  RecordMeta meta;
  std::string site_id;
  std::string name;
  int capacity = 0;
  bool active = true;
};

// A day the program (or the whole organization, program_id "") does not meet; its occurrences are cancelled.
struct Closure {
  RecordMeta meta;
  std::string program_id;  // "" = the whole organization
  Date date{};
  std::string name;  // "Thanksgiving"
};

struct GroupSeries {
  RecordMeta meta;
  std::string program_id;
  std::string track_id;
  std::string title;
  std::string group_type;  // a GroupTypes() code
  std::string topic;
  std::string curriculum_module;
  Recurrence rule;
  std::string room_id;  // "" for telehealth
  std::string modality = "in_person";
  std::string meeting_link;  // https:// for telehealth
  std::vector<std::string> facilitator_staff_ids;
  std::vector<std::string> required_credentials;  // CredentialTypes() codes; each held by some facilitator
  int size_limit = 12;
};

// Checks the series' own fields (recurrence, codes, modality and link, size limit); field names as in JSON.
void NormalizeAndCheck(GroupSeries& series, FieldErrors& errors);

// The one-occurrence change of a series: the occurrence's current state where it differs from the series.
// The series itself is never touched. Keyed by (series_id, original_date).
struct OccurrenceChange {
  std::string org_id;
  std::string series_id;
  Date original_date{};
  bool cancelled = false;
  std::string cancel_reason;
  std::optional<Date> date;  // moved to
  std::optional<int> start_minute, end_minute;
  std::optional<std::string> room_id;  // "" = no room
  std::optional<std::vector<std::string>> facilitator_staff_ids;
  std::string reason;  // the last change's reason
  std::int64_t version = 0;
  std::string created_at, updated_at;
};

// One meeting of a series, computed. `id` = "<series id>:<YYYY-MM-DD original local date>", stable across moves.
struct Occurrence {
  std::string id, series_id, program_id, track_id, track_name, title, group_type, topic, curriculum_module;
  Date date{}, original_date{};
  int start_minute = 0, end_minute = 0;
  TimePoint start_at, end_at;
  std::string room_id, room_name, modality, meeting_link;
  std::vector<std::string> facilitator_staff_ids;
  std::vector<std::string> facilitator_names;
  int size_limit = 12;
  std::string status;  // scheduled | cancelled
  std::string cancel_reason;
  bool moved = false;
  int enrolled_count = 0;  // enrolled clients plus drop-ins and make-ups (filled where known)
};

std::string OccurrenceId(const std::string& series_id, Date original_date);
// Splits "<series id>:<YYYY-MM-DD>"; false when malformed.
bool ParseOccurrenceId(std::string_view id, std::string* series_id, Date* original_date);

// The series' occurrences whose (possibly moved) local date lies in [from, to], with `changes` applied and
// `closures` (of the organization or the series' program) cancelling their day. Names (track, room,
// facilitators) are left for the caller. Fails only on an unknown zone.
Result<std::vector<Occurrence>> Expand(const GroupSeries& series, const std::vector<OccurrenceChange>& changes,
                                       const std::vector<Closure>& closures, std::string_view zone, Date from, Date to);

// Each required credential type must be held, unexpired on `on`, by at least one of `facilitators`.
// Errors name `field` ("facilitator_staff_ids").
void CheckCredentials(const std::vector<std::string>& required, const std::vector<program::Staff>& facilitators,
                      Date on, FieldErrors& errors, const std::string& field = "facilitator_staff_ids");

// What a double-booking check needs to name the other group.
struct BookingNames {
  std::map<std::string, std::string> rooms;  // room id -> name
  std::map<std::string, std::string> staff;  // staff id -> display name
};
// Scheduled `candidates` overlapping scheduled `others` (any other occurrence id) in the same room or with
// a shared facilitator. At most one error per field; the message names the other group and the date:
// "Room 2 is booked for Process group (Evening track) on 2026-03-10 18:00–21:00".
void CheckDoubleBooking(const std::vector<Occurrence>& candidates, const std::vector<Occurrence>& others,
                        const BookingNames& names, FieldErrors& errors, const std::string& room_field = "room_id",
                        const std::string& staff_field = "facilitator_staff_ids");

// A client's enrollment in a track: active on days starts_on <= d < ended_on (ended_on exclusive).
struct Enrollment {
  RecordMeta meta;
  std::string client_id, track_id, track_name;
  Date starts_on{};
  std::optional<Date> planned_end_on, ended_on;
  std::string end_reason;
};
bool ActiveOn(const Enrollment& e, Date day);
// Whether two enrollments share a day.
bool Overlaps(const Enrollment& a, const Enrollment& b);
// The most of `enrollments` active at once on any day `e` is active.
int PeakActiveDuring(const std::vector<Enrollment>& enrollments, const Enrollment& e);
// The most of `enrollments` active at once on any day of [from, until] (`until` inclusive; none = open-ended);
// 0 when until < from. PeakActiveDuring over those days.
int PeakActiveBetween(const std::vector<Enrollment>& enrollments, Date from, std::optional<Date> until);
// Field errors for an enrollment's own dates ("planned_end_on", "ended_on").
void CheckEnrollmentDates(const Enrollment& e, FieldErrors& errors);

// The clients a series' occurrences hold from some day on: `enrolled`, the most clients enrolled in its track
// at once (as Enroll counts them against the size limit), and `roster`, the largest roster of one of its
// occurrences with drop-ins or make-ups (as AddToRoster counts it), on `roster_date`.
struct RosterPeak {
  int enrolled = 0;
  int roster = 0;
  Date roster_date{};
};
// A size limit below the peak is a field error naming "size_limit" that says how many clients there are:
// "14 clients are enrolled; the limit cannot be below that", or, when drop-ins or make-ups make one
// occurrence larger, "13 clients are on the roster of 2026-03-10 (with drop-ins and make-ups); ...".
void CheckSizeLimitHolds(int size_limit, const RosterPeak& peak, FieldErrors& errors);
// A size limit raised to `s.size_limit` must still fit the rooms single meetings were moved to: the first (earliest)
// of `own` (changes of series `s`) that is not cancelled, meets on or after `today` on an original date of the
// series, and names a room of `rooms` (id -> room) holding fewer is a field error naming "size_limit": "the
// meeting of 2026-03-12 was moved to Small room, which holds 8".
void CheckMovedRoomsHold(const GroupSeries& s, const std::vector<OccurrenceChange>& own,
                         const std::map<std::string, Room>& rooms, Date today, FieldErrors& errors);
// A track's capacity below `enrolled`, the most clients enrolled in it at once from today on (as Enroll counts
// them), is a field error naming "capacity": "14 clients are enrolled; the capacity cannot be below that".
void CheckTrackCapacityHolds(int capacity, int enrolled, FieldErrors& errors);

// A client on an occurrence's roster. kind: enrolled | drop_in | make_up.
struct RosterEntry {
  std::string client_id, client_name, kind;
};

// A meeting moved to `date` holds `moved`: the clients enrolled in its track on that day, then its drop-ins
// and make-ups (RosterIn). It may hold at most its size limit, or its room's capacity when that is smaller
// (`room` nullopt: no room). A move that brings in a client not on `current` (its roster where it is now)
// and leaves more than that is a field error naming `field`: "13 clients are enrolled on 2026-03-12; the
// group's size limit is 12", "13 clients would be on the roster of 2026-03-12 (12 enrolled then, 1 drop-in or
// make-up); Small room holds 10". The same clients, or fewer, are fine even when the group is already over.
void CheckMovedRosterFits(const std::vector<RosterEntry>& current, const std::vector<RosterEntry>& moved, Date date,
                          int size_limit, const std::optional<Room>& room, FieldErrors& errors,
                          const std::string& field = "date");

// One more client on an occurrence whose roster holds `roster` clients: it may hold at most its size limit, and
// its room's capacity when that is smaller (`room` nullopt: no room, as after a room change to a smaller room
// on one meeting). A field error naming `field` otherwise: "the group is full (12 of 12)", or "the group is
// full: Small room holds 8 (8 on the roster)".
void CheckRosterHasPlace(int roster, int size_limit, const std::optional<Room>& room, FieldErrors& errors,
                         const std::string& field = "client_id");

// A room's capacity lowered to `capacity` must still hold the groups that meet in room `room_id` from `today` on,
// each at its series' size limit: every one of `series` (live ones) in the room that has not ended, then every
// meeting moved into it alone (one of `changes` naming the room, not cancelled, on or after today, of a live
// series meeting on that original date, not on a day of `closures` for its program), earliest first. The first
// one whose size limit is above `capacity` is a field error naming "capacity": "Process group (Evening track)
// meets here with a size limit of 12; the room would hold 8" ("... meets here on 2026-03-12 with ..." for a
// moved meeting). `track_names`: track id -> name.
void CheckRoomCapacityHolds(const std::string& room_id, int capacity, Date today,
                            const std::vector<GroupSeries>& series, const std::vector<OccurrenceChange>& changes,
                            const std::vector<Closure>& closures, const std::map<std::string, std::string>& track_names,
                            FieldErrors& errors);

// A drop-in or make-up client added to one occurrence.
struct RosterAddition {
  RecordMeta meta;
  std::string series_id;
  Date original_date{};
  std::string client_id;
  std::string kind;  // drop_in | make_up
};

}  // namespace stepwise::scheduling
