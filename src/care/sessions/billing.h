// Billing suggestions per client per day from what was attended (clinical.md §5): H0015 per diem when the
// day's attended minutes meet the program's rule, 90853 per group, 90832/90834/90837 by an individual
// session's minutes, 90846/90847 for family therapy without/with the client. Pure; suggestions for a later
// billing export, never claims. Thresholds are inclusive: 16 minutes is 90832, 37 still 90832, 38 is 90834.
#pragma once

#include <string>
#include <vector>

#include "platform/base/dates.h"

namespace stepwise::sessions {

// One attended service of one client on one day.
struct BilledService {
  std::string kind;  // group | individual | family
  std::string source_id;  // the group session record or the note
  int minutes = 0;        // attended by the client (family without the client: the session's length)
  bool client_present = true;  // family: 90847 with the client, 90846 without
  int participants = 0;        // group: attendees present
};

struct BillingRules {
  int h0015_min_minutes_per_day = 180;
  int group_size_limit = 12;
};

struct Suggestion {
  Date date{};
  std::string code;  // "" when a service earns no code (see reason)
  int units = 0;
  int minutes = 0;
  std::string reason;
  std::vector<std::string> source_ids;
};

// The individual psychotherapy code for a session's minutes: 90832 (16–37), 90834 (38–52), 90837 (≥ 53);
// "" below 16.
std::string IndividualCode(int minutes);

// The suggestions of one client's day, in the order H0015, then each service as given.
std::vector<Suggestion> SuggestForDay(Date date, const std::vector<BilledService>& services, const BillingRules& rules);

}  // namespace stepwise::sessions
