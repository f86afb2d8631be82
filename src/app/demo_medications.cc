#include "app/demo_medications.h"

namespace stepwise::app {

namespace {

using medications::Checkin;
using medications::Medication;
using medications::Referral;

Date Ago(Date today, int days) { return Date{std::chrono::sys_days(today) - std::chrono::days(days)}; }

struct DemoMedication {
  std::size_t client;  // index among the clients in treatment
  const char* name;
  const char* rxnorm;
  const char* dose;
  const char* route;
  const char* frequency;
  const char* prescriber;
  const char* category;
  const char* mat_kind;
  const char* source;
  int started_days_ago;
  int stopped_days_ago;  // -1 = still taking
  const char* stop_reason;
};

constexpr DemoMedication kMedications[] = {
    {0, "Buprenorphine/naloxone sublingual film 8 mg/2 mg", "", "8 mg/2 mg", "sublingual", "once daily",
     "Dr. Samuel Adeyemi", "addiction", "buprenorphine", "prescriber", 40, -1, ""},
    {0, "Sertraline 50 mg tablet", "", "50 mg", "oral", "once daily", "Dr. Samuel Adeyemi", "psychiatric", "",
     "prescriber", 60, -1, ""},
    {1, "Methadone oral concentrate", "", "80 mg", "oral", "once daily (dosed at the opioid treatment program)",
     "Twin Cities OTP", "addiction", "methadone", "client_report", 120, -1, ""},
    {2, "Naltrexone extended-release injectable suspension 380 mg", "", "380 mg", "intramuscular", "every 4 weeks",
     "Dr. Samuel Adeyemi", "addiction", "naltrexone_er", "prescriber", 20, -1, ""},
    {3, "Acamprosate 333 mg delayed-release tablet", "", "666 mg", "oral", "three times daily",
     "Lakeside Family Medicine", "addiction", "acamprosate", "prescriber", 30, -1, ""},
    {3, "Clonazepam 0.5 mg tablet", "", "0.5 mg", "oral", "twice daily as needed", "Lakeside Family Medicine",
     "psychiatric", "", "client_report", 90, 12, "Tapered off with the prescriber"},
    {4, "Naltrexone 50 mg tablet", "", "50 mg", "oral", "once daily", "Dr. Samuel Adeyemi", "addiction",
     "naltrexone_oral", "prescriber", 14, -1, ""},
    {5, "Disulfiram 250 mg tablet", "", "250 mg", "oral", "once daily", "Lakeside Family Medicine", "addiction",
     "disulfiram", "client_report", 25, -1, ""},
};

}  // namespace

Status SeedMedications(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes) {
  std::vector<std::string> clients;
  for (const auto& e : episodes)
    if (e.stage == "treatment") clients.push_back(e.client_id);
  if (clients.size() < 8) return Ok();

  std::vector<std::string> first_med(clients.size());
  for (const auto& d : kMedications) {
    Medication m;
    m.client_id = clients[d.client];
    m.name = d.name;
    m.rxnorm_code = d.rxnorm;
    m.dose = d.dose;
    m.route = d.route;
    m.frequency = d.frequency;
    m.prescriber = d.prescriber;
    m.category = d.category;
    m.mat_kind = d.mat_kind;
    m.source = d.source;
    m.start_on = Ago(today, d.started_days_ago);
    SW_ASSIGN(auto added, svc.medications.Add(system, m));
    if (first_med[d.client].empty()) first_med[d.client] = added.meta.id;
    if (d.stopped_days_ago >= 0)
      SW_TRY(svc.medications.Stop(system, added.meta.id, added.meta.version, Ago(today, d.stopped_days_ago),
                                  d.stop_reason));
  }

  // Referrals to a prescriber: one just sent, one scheduled, one seen, one closed.
  auto refer = [&](std::size_t client, const char* provider, const char* reason, int sent_days_ago) {
    Referral r;
    r.client_id = clients[client];
    r.provider_name = provider;
    r.provider_contact = "(612) 555-0199";
    r.reason = reason;
    r.sent_on = Ago(today, sent_days_ago);
    return svc.medications.Refer(system, r);
  };
  SW_TRY(refer(6, "Dr. Samuel Adeyemi", "Evaluation for medication for alcohol use disorder", 2));
  SW_ASSIGN(auto scheduled, refer(7, "Lakeside Family Medicine", "Evaluation for buprenorphine", 6));
  SW_TRY(svc.medications.SetReferralStatus(system, scheduled.meta.id, 1, "scheduled", Ago(today, -3), ""));
  SW_ASSIGN(auto seen, refer(2, "Dr. Samuel Adeyemi", "Evaluation for extended-release naltrexone", 24));
  SW_TRY(svc.medications.SetReferralStatus(system, seen.meta.id, 1, "seen", Ago(today, 20),
                                           "Started extended-release naltrexone"));
  SW_ASSIGN(auto closed, refer(3, "Riverside Psychiatry", "Review of anxiety medication", 40));
  SW_TRY(svc.medications.SetReferralStatus(system, closed.meta.id, 1, "closed", Ago(today, 15),
                                           "Benzodiazepine tapered; follow-up with primary care"));

  // Four weeks of check-ins at group days: most as prescribed; client 1 misses doses twice in two weeks.
  for (std::size_t c = 0; c < 6; ++c) {
    for (int week = 3; week >= 0; --week) {
      for (int day : {5, 2}) {
        Checkin k;
        k.client_id = clients[c];
        k.medication_id = first_med[c];
        k.checked_on = Ago(today, week * 7 + day);
        const bool missed = c == 1 && week <= 1 && day == 2;
        k.taken_as_prescribed = !missed;
        k.missed_doses = missed ? 2 : 0;
        k.craving = static_cast<int>((c * 3 + static_cast<std::size_t>(week) * 2 + static_cast<std::size_t>(day)) % 7);
        if (c == 0 && week == 3) k.side_effects = "Mild headache in the mornings";
        if (missed) k.note = "Missed the clinic on the weekend";
        SW_TRY(svc.medications.CheckIn(system, k));
      }
    }
  }
  return Ok();
}

}  // namespace stepwise::app
