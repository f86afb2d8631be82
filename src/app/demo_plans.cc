#include "app/demo_plans.h"

#include <array>

namespace stepwise::app {

namespace {

using plans::Goal;
using plans::Intervention;
using plans::Objective;
using plans::PlanContent;
using plans::Problem;

Date Shift(Date d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days(days)}; }
bool After(Date a, Date b) { return std::chrono::sys_days(a) > std::chrono::sys_days(b); }

struct Story {
  int dimension;
  const char* problem;
  const char* goal;  // in the client's words
  const char* objective;
  const char* topic;
};

constexpr std::array<Story, 4> kStories = {{
    {5, "Returned to drinking within two weeks after each of two earlier treatments",
     "I want to get through the holidays without drinking", "Name three high-risk situations and a plan for each",
     "Relapse prevention"},
    {3, "Anxiety and poor sleep lead to use in the evenings", "I want to sleep without needing something",
     "Use a coping skill on at least four evenings a week, logged", "Coping with anxiety"},
    {6, "Lives with a partner who uses; no sober supports", "I want people around me who get it",
     "Attend three mutual-help meetings a week and get a sponsor", "Building a recovery network"},
    {4, "Unsure the use is a problem; came because of a court order", "I want to keep my job and my license",
     "Complete a decisional balance and review it with the counselor", "Motivation and change"},
}};

PlanContent ContentFor(const admissions::Episode& e, std::size_t k, Date start) {
  const Story& s = kStories[k % kStories.size()];
  PlanContent c;
  c.preferred_track_id = e.track_id;
  c.schedule_constraints = k % 3 == 0 ? "Works weekday afternoons" : k % 3 == 1 ? "Childcare until 8:30" : "";
  c.problems = {{"p1", s.dimension, s.problem, ""}};
  c.goals = {{"g1", {"p1"}, s.goal}};
  c.objectives = {{"o1", "g1", s.objective, Shift(start, 45), "counselor review each week"},
                  {"o2", "g1", "Negative drug tests for 30 days in a row", Shift(start, 60), "drug test results"}};
  Intervention group;
  group.id = "i1";
  group.objective_ids = {"o1", "o2"};
  group.code = "group_therapy";
  group.topic = s.topic;
  group.minutes = 180;
  group.frequency = {3, "week"};
  Intervention individual;
  individual.id = "i2";
  individual.objective_ids = {"o1"};
  individual.code = "individual_counseling";
  individual.minutes = 50;
  individual.frequency = {1, "week"};
  individual.staff_id = e.counselor_id;
  Intervention testing;
  testing.id = "i3";
  testing.objective_ids = {"o2"};
  testing.code = "drug_testing";
  testing.minutes = 15;
  testing.frequency = {2, "week"};
  Intervention meetings;
  meetings.id = "i4";
  meetings.objective_ids = {"o2"};
  meetings.code = "mutual_help";
  meetings.minutes = 60;
  meetings.frequency = {3, "week"};
  c.interventions = {group, individual, testing, meetings};
  return c;
}

documents::Signature Typed(const std::string& role, const std::string& name) {
  documents::Signature s;
  s.role = role;
  s.signer_name = name;
  s.method = "typed";
  return s;
}

Actor As(const Actor& system, const program::Staff& s) {
  Actor a = system;
  a.staff_id = s.meta.id;
  a.display_name = program::DisplayName(s);
  return a;
}

const program::Staff* StaffById(const std::vector<program::Staff>& staff, const std::string& id) {
  for (const auto& s : staff) {
    if (s.meta.id == id) return &s;
  }
  return nullptr;
}

// Creates and signs a plan as of `on` (the service's clock set to that day): client, counselor and, when
// the counselor is not licensed, Karen (LCSW) as supervisor. Returns the plan id.
Result<std::string> ActivePlan(Services& svc, const Actor& system, const admissions::Episode& e, std::size_t k,
                               Date on, const program::Staff& counselor, const program::Staff& supervisor,
                               bool sign) {
  FakeClock clock(std::chrono::sys_days(on) + std::chrono::hours(16));
  plans::PlanService service(svc.treatment_plans, clock);
  const Actor author = As(system, counselor);
  SW_ASSIGN(auto plan, service.Create(author, e.client_id));
  const std::string id = plan.plan.meta.id;
  SW_ASSIGN(auto v1, service.GetVersion(author, id, 1));
  SW_TRY(service.SaveVersion(author, id, 1, v1.version.version, ContentFor(e, k, on)));
  if (!sign) return id;
  SW_ASSIGN(auto client, svc.clients.Get(system, e.client_id));
  SW_ASSIGN(auto preview, service.PreviewVersion(author, id, 1));
  const documents::SigningContext where{"Stepwise demo", "127.0.0.1"};
  SW_TRY(service.Sign(author, id, 1, preview.content_sha256,
                      Typed("client", admissions::DisplayName(client.summary.client)), where));
  SW_ASSIGN(auto signed_by_counselor,
            service.Sign(author, id, 1, preview.content_sha256, Typed("counselor", author.display_name), where));
  if (signed_by_counselor.version.status == plans::kAwaitingCosign) {
    const Actor chief = As(system, supervisor);
    SW_TRY(service.Sign(chief, id, 1, preview.content_sha256, Typed("supervisor", chief.display_name), where));
  }
  return id;
}

}  // namespace

Status SeedPlans(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes,
                 const std::vector<program::Staff>& staff) {
  const program::Staff& karen = staff.at(0);  // LCSW: co-signs for counselors who are not licensed
  std::size_t k = 0;
  for (const auto& e : episodes) {
    if (e.stage != "treatment" || !e.admission_date) continue;
    const std::size_t n = k++;
    if (n == 0) continue;  // still waiting for an initial plan (on the due list)
    const program::Staff* counselor = StaffById(staff, e.counselor_id);
    if (!counselor) continue;
    if (n == 1) {  // a draft in progress
      SW_TRY(ActivePlan(svc, system, e, n, today, *counselor, karen, false));
      continue;
    }
    // Plans take effect three days after admission.
    Date on = Shift(*e.admission_date, 3);
    if (After(*e.admission_date, on)) on = *e.admission_date;
    if (After(on, today)) on = today;
    SW_ASSIGN(auto id, ActivePlan(svc, system, e, n, on, *counselor, karen, true));
    // Plans in effect for more than two weeks had a review in the last ten days, except one reviewed 25 days
    // ago: only its next review falls due within the dashboard's default window.
    constexpr std::size_t kDueSoon = 10;
    const Date review_on = Shift(today, n == kDueSoon ? -25 : -static_cast<int>(n % 10));
    if (After(Shift(today, -15), on) && !After(on, review_on)) {
      FakeClock clock(std::chrono::sys_days(review_on) + std::chrono::hours(17));
      plans::PlanService service(svc.treatment_plans, clock);
      plans::ReviewContent r;
      r.objectives = {{"o1", n % 2 ? "progressing" : "met", "Discussed in individual counseling"},
                      {"o2", "progressing", "One missed test, the rest negative"}};
      r.client_view = n % 2 ? "Groups help; evenings are still hard" : "I feel steadier than a month ago";
      r.level_of_care = {"continue", e.level_of_care, {{5, 2}, {6, n % 2 ? 2 : 1}}, "Still needs the structure of IOP"};
      SW_TRY(service.AddReview(As(system, *counselor), id, r));
    }
  }
  return Ok();
}

}  // namespace stepwise::app
