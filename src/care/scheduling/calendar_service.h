// Use cases of the calendar core: rooms, closures, group series and programs' opening hours (program.read /
// program.write at the route), occurrences with their one-off changes and rosters, and enrollments of clients
// in tracks (schedule.read / schedule.write). One transaction per call, scoped to the actor's organization;
// every change audited in its transaction, reads of client data (rosters, enrollments) recorded through the
// ReadLog. Client access as ClientService: a client outside the actor's access is "not found", and a roster
// shows names only of clients the actor may open. Thread-safe: holds no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/scheduling/calendar_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::scheduling {

struct OccurrenceQuery {
  Date from{}, to{};  // local dates, at most 62 days
  std::string track_id, staff_id, room_id;
};

struct OccurrenceView {
  Occurrence occurrence;
  std::vector<RosterEntry> roster;
  std::int64_t version = 0;  // the occurrence's change record's version (0 = unchanged)
};

// One change to one occurrence. action: cancel | move | substitute | room.
struct ChangeRequest {
  std::string action;
  std::string reason;
  std::optional<Date> date;
  std::optional<int> start_minute, end_minute;
  std::optional<std::string> room_id;  // the room's; a move's new room when sent ("" = no room)
  std::vector<std::string> facilitator_staff_ids;
  std::optional<std::int64_t> expected_version;  // If-Match, when sent
};

class CalendarService {
 public:
  CalendarService(db::Database& db, const Clock& clock, admissions::ClientService& clients)
      : db_(db), clock_(clock), clients_(clients) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }

  // Rooms
  Result<std::vector<Room>> ListRooms(const Actor& actor);
  Result<Room> CreateRoom(const Actor& actor, Room draft);
  // A capacity lowered below the size limit of a group meeting in the room from today on (a series that has not
  // ended, or one meeting moved into it) is a 409 naming capacity (CheckRoomCapacityHolds); nothing is saved.
  Result<Room> UpdateRoom(const Actor& actor, Room changes, std::int64_t expected_version);

  // Closures
  Result<std::vector<Closure>> ListClosures(const Actor& actor, Date from, Date to);
  Result<Closure> CreateClosure(const Actor& actor, Closure draft);
  Result<Closure> VoidClosure(const Actor& actor, const std::string& id, std::int64_t expected_version,
                              const std::string& reason);

  // Group series. Create/update check the shape, the program, track, room and facilitators, credentials on
  // starts_on, room capacity, opening hours (400); a size limit below the clients on the roster from today on
  // (409 naming size_limit, checked on create and when an update lowers the limit or changes the track); and
  // double-booking of room or facilitators with another series in the first 8 weeks (409 naming the other
  // group and the date).
  Result<std::vector<GroupSeries>> ListSeries(const Actor& actor, const std::string& program_id,
                                              const std::string& track_id);
  Result<GroupSeries> GetSeries(const Actor& actor, const std::string& id);
  Result<GroupSeries> CreateSeries(const Actor& actor, GroupSeries draft);
  Result<GroupSeries> UpdateSeries(const Actor& actor, GroupSeries changes, std::int64_t expected_version);
  // Sets the last day the series meets.
  Result<GroupSeries> EndSeries(const Actor& actor, const std::string& id, std::int64_t expected_version, Date ends_on);

  // Opening hours (default 07:00–21:00); `expected_version` 0 when the program has none stored yet.
  Result<OpeningHours> GetOpeningHours(const Actor& actor, const std::string& program_id);
  Result<OpeningHours> SetOpeningHours(const Actor& actor, OpeningHours hours, std::int64_t expected_version);

  // Occurrences
  Result<std::vector<Occurrence>> ListOccurrences(const Actor& actor, const OccurrenceQuery& query);
  Result<OccurrenceView> GetOccurrence(const Actor& actor, const std::string& id);
  // One change to one occurrence. 400s name the field (reason, a move's date/start/end, a closed day, opening
  // hours, a substitute's credentials, a room that is inactive or holds fewer than the size limit, also when a
  // move brings room_id). 409: a move to a date where clients not on its roster now would make it larger than
  // its size limit or its room (CheckMovedRosterFits, naming date), or a collision with another occurrence
  // (start for moves, room_id / facilitator_staff_ids otherwise). Nothing is saved then.
  Result<OccurrenceView> ChangeOccurrence(const Actor& actor, const std::string& id, ChangeRequest change);
  // Adds a drop-in or make-up client; 409 naming client_id when already on the roster or the group is full: at
  // its size limit, or at its room's capacity when the room holds fewer (CheckRosterHasPlace).
  Result<OccurrenceView> AddToRoster(const Actor& actor, const std::string& id, const std::string& client_id,
                                     const std::string& kind);
  // Takes a drop-in or make-up client off one occurrence (the addition is voided with the reason). Enrolled
  // clients leave by ending their enrollment: 409 naming client_id.
  Result<OccurrenceView> RemoveFromRoster(const Actor& actor, const std::string& id, const std::string& client_id,
                                          const std::string& reason);

  // Enrollments (enrollment_service.cc)
  Result<std::vector<Enrollment>> EnrollmentsOfClient(const Actor& actor, const std::string& client_id);
  // One active enrollment per client (409 naming track_id); capacity: active enrollments of the track on any
  // day at most min(track capacity, the size limit of the track's series) (409 naming track_id).
  Result<Enrollment> Enroll(const Actor& actor, Enrollment draft);
  Result<Enrollment> EndEnrollment(const Actor& actor, const std::string& id, std::int64_t expected_version,
                                   Date ended_on, const std::string& reason);
  // ProgramService's check of a track update (wired by the composition root), inside its transaction: a
  // capacity lowered below the most clients enrolled in the track at once from today on is a 409 naming
  // capacity (CheckTrackCapacityHolds). Other changes pass.
  Status CheckTrackChangeIn(db::Transaction& tx, const Actor& actor, const program::Track& current,
                            const program::Track& changes);

 private:
  std::string Now() const;
  Status RecordRead(const Actor& actor, audit::Event event) const;
  // `current`: the stored series on an update, nullptr on create.
  Status CheckSeriesIn(db::Transaction& tx, const Actor& actor, GroupSeries& s, const GroupSeries* current);
  Result<OccurrenceView> ViewIn(db::Transaction& tx, const Actor& actor, const std::string& id);

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::scheduling
