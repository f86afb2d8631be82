#include "app/demo_testing.h"

#include "care/testing/testing_policy_json.h"

namespace stepwise::app {

namespace {

using testing::AnalyteEntry;
using testing::CollectionDraft;
using testing::ResultDraft;
using testing::TestingService;

Date Shift(Date d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days(days)}; }
// 15:00 UTC: mid-morning in Minneapolis, the demo's zone.
TimePoint MidMorning(Date d) { return std::chrono::sys_days(d) + std::chrono::hours(15); }

// A cup read by eye: every analyte of the 12-panel negative except those named positive.
ResultDraft Cup(const std::vector<std::string>& positive) {
  ResultDraft r;
  r.method = "poc_cup";
  for (const auto& a : testing::BuiltinPolicy().FindPanel("cup12")->analytes) {
    AnalyteEntry e;
    e.code = a.code;
    e.reading = std::find(positive.begin(), positive.end(), a.code) != positive.end() ? "positive" : "negative";
    r.analytes.push_back(std::move(e));
  }
  return r;
}

// What each client's cup shows: buprenorphine or methadone for those prescribed it.
std::vector<std::string> Expected(std::size_t k) {
  if (k == 0) return {"buprenorphine"};
  if (k == 1) return {"methadone"};
  return {};
}

}  // namespace

Status SeedTesting(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes) {
  std::vector<std::string> clients;
  std::string program_id;
  for (const auto& e : episodes) {
    if (e.stage != "treatment") continue;
    clients.push_back(e.client_id);
    program_id = e.program_id;
  }
  if (clients.size() < 8) return Ok();

  // The program's own policy: the installation's, with the pH rule of the current HHS guidance noted.
  testing::Policy policy = testing::BuiltinPolicy();
  policy.random_rate_per_week = 1;
  SW_TRY(svc.testing.PutPolicy(system, program_id, 0, policy));

  auto at = [&](Date day) { return std::make_unique<FakeClock>(MidMorning(day)); };
  auto index_of = [&](const std::string& id) {
    return static_cast<std::size_t>(std::find(clients.begin(), clients.end(), id) - clients.begin());
  };
  // Three weeks of selections: every selected client collected and read the same morning.
  for (int back = 21; back >= 1; --back) {
    const Date day = Shift(today, -back);
    auto clock = at(day);
    TestingService as_of(svc.testing, *clock);
    SW_ASSIGN(auto sel, as_of.Select(system, program_id, day));
    for (const auto& entry : sel.selected) {
      CollectionDraft d;
      d.panel_code = "cup12";
      d.temperature_f = 95.5 + static_cast<double>(back % 4);
      d.collected_at = MidMorning(day) - std::chrono::minutes(30);
      SW_ASSIGN(auto c, as_of.Collect(system, entry.selected.client_id, d));
      const std::size_t k = index_of(entry.selected.client_id);
      SW_TRY(as_of.AddResult(system, c.collection.meta.id, Cup(k < clients.size() ? Expected(k) : std::vector<std::string>{})));
    }
    SW_TRY(as_of.CloseDay(system, day, program_id));
  }

  // The client on buprenorphine: an expected positive, not a violation (when medications are wired).
  {
    auto clock = at(Shift(today, -3));
    TestingService as_of(svc.testing, *clock);
    CollectionDraft d;
    d.panel_code = "cup12";
    d.temperature_f = 96.8;
    d.collected_at = MidMorning(Shift(today, -3)) - std::chrono::minutes(10);
    SW_ASSIGN(auto c, as_of.Collect(system, clients[0], d));
    SW_TRY(as_of.AddResult(system, c.collection.meta.id, Cup({"buprenorphine"})));
  }
  // An unexpected cocaine positive: step 1 of the ladder, a warning and a task for the counselor.
  {
    auto clock = at(Shift(today, -2));
    TestingService as_of(svc.testing, *clock);
    CollectionDraft d;
    d.panel_code = "cup12";
    d.temperature_f = 97.1;
    d.observed = true;
    d.chain_of_custody_id = "NS-" + std::to_string(40000 + static_cast<int>(clients.size()));
    d.lab = "Northland Toxicology";
    d.collected_at = MidMorning(Shift(today, -2)) - std::chrono::minutes(5);
    SW_ASSIGN(auto c, as_of.Collect(system, clients[5], d));
    SW_TRY(as_of.AddResult(system, c.collection.meta.id, Cup({"cocaine"})));
  }
  // A specimen sent to the lab yesterday, its result still pending.
  {
    auto clock = at(Shift(today, -1));
    TestingService as_of(svc.testing, *clock);
    CollectionDraft d;
    d.panel_code = "lab_definitive";
    d.temperature_f = 96.2;
    d.chain_of_custody_id = "NS-40117";
    d.lab = "Northland Toxicology";
    d.collected_at = MidMorning(Shift(today, -1)) - std::chrono::minutes(20);
    SW_TRY(as_of.Collect(system, clients[7], d));
  }
  // Today's selection (mid-morning in the program's zone), still to collect.
  auto clock = at(today);
  TestingService as_of(svc.testing, *clock);
  SW_TRY(as_of.Select(system, program_id, today));
  return Ok();
}

}  // namespace stepwise::app
