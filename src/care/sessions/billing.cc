#include "care/sessions/billing.h"

namespace stepwise::sessions {

std::string IndividualCode(int minutes) {
  if (minutes >= 53) return "90837";
  if (minutes >= 38) return "90834";
  if (minutes >= 16) return "90832";
  return "";
}

std::vector<Suggestion> SuggestForDay(Date date, const std::vector<BilledService>& services, const BillingRules& rules) {
  std::vector<Suggestion> out;
  int total = 0;
  std::vector<std::string> attended;
  for (const auto& s : services) {
    if (s.minutes <= 0) continue;
    if (s.kind == "family" && !s.client_present) continue;  // the client did not attend
    total += s.minutes;
    attended.push_back(s.source_id);
  }
  const std::string day_minutes = std::to_string(total) + " minutes attended this day";
  const std::string rule = std::to_string(rules.h0015_min_minutes_per_day);
  if (total >= rules.h0015_min_minutes_per_day) {
    out.push_back({date, "H0015", 1, total, "intensive outpatient per diem: " + day_minutes + " (rule: at least " +
                                                rule + ")",
                   attended});
  } else if (total > 0) {
    out.push_back({date, "", 0, total, "no H0015 per diem: " + day_minutes + ", the rule needs " + rule, attended});
  }
  for (const auto& s : services) {
    Suggestion g{date, "", 0, s.minutes, "", {s.source_id}};
    const std::string mins = std::to_string(s.minutes) + " minutes";
    if (s.kind == "group") {
      if (s.minutes <= 0) continue;
      g.code = "90853";
      g.units = 1;
      g.reason = "group psychotherapy, " + mins + " attended";
      if (s.participants > rules.group_size_limit) {
        g.reason += "; " + std::to_string(s.participants) + " participants is more than the limit of " +
                    std::to_string(rules.group_size_limit) + " (Medicare)";
      }
    } else if (s.kind == "individual") {
      g.code = IndividualCode(s.minutes);
      if (g.code.empty()) {
        g.reason = "individual psychotherapy needs at least 16 minutes; " + mins;
      } else {
        g.units = 1;
        g.reason = "individual psychotherapy, " + mins;
      }
    } else if (s.kind == "family") {
      if (s.minutes >= 26) {
        g.code = s.client_present ? "90847" : "90846";
        g.units = 1;
        g.reason = std::string("family psychotherapy ") + (s.client_present ? "with" : "without") + " the client, " + mins;
      } else {
        g.reason = "family psychotherapy needs at least 26 minutes; " + mins;
      }
    } else {
      continue;
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace stepwise::sessions
