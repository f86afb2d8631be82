// iCalendar feeds (ADR 0012 decision 5): a random 32-byte token behind /ical/<token>.ics, stored only as its
// SHA-256, revocable. Events say "Appointment", the time and the place or link — nothing else.
#include <algorithm>

#include "care/program/program_service.h"
#include "care/program/staff_store.h"
#include "care/scheduling/appointment_service.h"
#include "care/scheduling/calendar_store.h"
#include "care/scheduling/ical.h"
#include "care/scheduling/occurrences.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"

namespace stepwise::scheduling {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

constexpr int kDaysBack = 28;
constexpr int kDaysAhead = 84;

}  // namespace

Result<FeedCreated> AppointmentService::CreateFeed(const Actor& actor, const std::string& owner_type,
                                                   const std::string& owner_id) {
  SW_TRY(RequireOrganization(actor));
  if (owner_type != "staff" && owner_type != "client") return Error::Field("owner_type", "must be staff or client");
  if (owner_id.empty()) return Error::Field("owner_id", "is required");
  const bool own = owner_type == "staff" && owner_id == actor.staff_id;
  if (!own && !actor.Can("schedule.write"))
    return Error::PermissionDenied("a feed for someone else needs the schedule.write permission");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<FeedCreated> {
    if (owner_type == "client") {
      SW_TRY(CheckClientAccess(tx, actor, owner_id));
    } else {
      SW_ASSIGN(auto staff, program::StaffStore::Get(tx, actor.org_id, owner_id));
      if (!staff || staff->meta.voided) return Error::Field("owner_id", "no such staff member");
    }
    const std::string now = Now();
    FeedCreated out;
    out.feed.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    out.feed.owner_type = owner_type;
    out.feed.owner_id = owner_id;
    out.feed.created_by = actor.user_id;
    const std::string token = security::RandomToken(32);
    SW_TRY(AppointmentStore::InsertFeed(tx, out.feed, security::Sha256Hex(token)));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "create", .resource_type = "calendar_feed", .resource_id = out.feed.meta.id,
                          .client_id = owner_type == "client" ? owner_id : "", .data_category = "schedule"},
                         now));
    out.url = "/ical/" + token + ".ics";
    return out;
  });
}

Result<std::vector<CalendarFeed>> AppointmentService::ListFeeds(const Actor& actor, const std::string& owner_type,
                                                                const std::string& owner_id) {
  SW_TRY(RequireOrganization(actor));
  if (owner_type != "staff" && owner_type != "client") return Error::Field("owner_type", "must be staff or client");
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<CalendarFeed>> {
    if (owner_type == "client") SW_TRY(CheckClientAccess(tx, actor, owner_id));
    return AppointmentStore::Feeds(tx, actor.org_id, owner_type, owner_id);
  });
}

Result<CalendarFeed> AppointmentService::RevokeFeed(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<CalendarFeed> {
    SW_ASSIGN(auto feed, db::Found(AppointmentStore::GetFeed(tx, actor.org_id, id), "calendar feed"));
    const bool own = feed.owner_type == "staff" && feed.owner_id == actor.staff_id;
    if (!own && !actor.Can("schedule.write"))
      return Error::PermissionDenied("revoking someone else's feed needs the schedule.write permission");
    if (feed.owner_type == "client") SW_TRY(CheckClientAccess(tx, actor, feed.owner_id));
    const std::string now = Now();
    SW_TRY(AppointmentStore::RevokeFeed(tx, actor.org_id, id, actor.user_id, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "revoke", .resource_type = "calendar_feed", .resource_id = id,
                          .client_id = feed.owner_type == "client" ? feed.owner_id : "", .data_category = "schedule"},
                         now));
    return db::Found(AppointmentStore::GetFeed(tx, actor.org_id, id), "calendar feed");
  });
}

Result<std::string> AppointmentService::FeedText(const std::string& token) {
  if (token.size() < 40 || token.size() > 64) return Error::NotFound("no such calendar feed");
  const std::string hash = security::Sha256Hex(token);
  CalendarFeed feed;
  auto text = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::string> {
    SW_ASSIGN(auto found, AppointmentStore::FeedByToken(tx, hash));
    if (!found || !found->revoked_at.empty() || found->meta.voided) return Error::NotFound("no such calendar feed");
    feed = *found;
    const std::string& org = feed.meta.org_id;
    const TimePoint now = clock_.Now();
    const Date today = Date{std::chrono::floor<std::chrono::days>(now)};
    const Date from = AddDays(today, -kDaysBack), to = AddDays(today, kDaysAhead);
    std::vector<ical::Event> events;
    SW_ASSIGN(auto occurrences, OccurrencesIn(tx, org, from, to));
    for (const auto& o : occurrences) {
      if (o.status != "scheduled") continue;
      if (feed.owner_type == "staff") {
        const auto& f = o.facilitator_staff_ids;
        if (std::find(f.begin(), f.end(), feed.owner_id) == f.end()) continue;
      } else {
        SW_ASSIGN(auto roster, RosterIn(tx, org, o));
        if (std::none_of(roster.begin(), roster.end(), [&](const auto& e) { return e.client_id == feed.owner_id; }))
          continue;
      }
      events.push_back({o.id + "@stepwise", o.start_at, o.end_at, "Appointment",
                        o.modality == "telehealth" ? o.meeting_link : o.room_name});
    }
    AppointmentQuery q;
    SW_ASSIGN(auto zone, TimeZoneIn(tx, org));
    SW_ASSIGN(auto start, InstantsOf(zone, from, 0, 0));
    SW_ASSIGN(auto end, InstantsOf(zone, to, 0, 0));
    q.from = start.start;
    q.to = end.start;
    (feed.owner_type == "staff" ? q.staff_id : q.client_id) = feed.owner_id;
    q.include_cancelled = false;
    SW_ASSIGN(auto appointments, AppointmentStore::List(tx, org, q));
    SW_ASSIGN(auto rooms, CalendarStore::ListRooms(tx, org));
    for (const auto& a : appointments) {
      std::string location = a.meeting_link;
      for (const auto& r : rooms) {
        if (r.meta.id == a.room_id) location = r.name;
      }
      events.push_back({a.meta.id + "@stepwise", a.start_at, a.end_at, "Appointment", location});
    }
    std::stable_sort(events.begin(), events.end(), [](const auto& x, const auto& y) { return x.start < y.start; });
    return ical::Calendar(events, now);
  });
  if (!text.ok()) return text;
  Actor reader;
  reader.org_id = feed.meta.org_id;
  reader.user_id = "feed:" + feed.meta.id;
  reader.username = "calendar-feed";
  reader.role = "calendar_feed";
  SW_TRY(RecordRead(reader, {.action = "read", .resource_type = "calendar_feed", .resource_id = feed.meta.id,
                             .client_id = feed.owner_type == "client" ? feed.owner_id : "",
                             .data_category = "schedule"}));
  return text;
}

}  // namespace stepwise::scheduling
