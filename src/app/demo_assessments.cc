#include "app/demo_assessments.h"

#include <algorithm>

namespace stepwise::app {

namespace {

using assessment::Answers;
using assessment::AssessmentChanges;
using assessment::DimensionRating;
using assessment::NewResponse;

// 15:00 UTC `days` before `today`, or "" when that is still in the future (a demo anchored ahead).
std::string At(Date today, int days) {
  auto t = std::chrono::sys_days(today) - std::chrono::days(days) + std::chrono::hours(15);
  if (t > std::chrono::system_clock::now()) return "";
  return FormatTimestamp(std::chrono::time_point_cast<std::chrono::system_clock::duration>(t));
}

// Answers to the frequency items q1..qn summing to `total` (each 0..3), spread evenly.
Answers Frequency(int items, int total) {
  Answers a;
  for (int i = 0; i < items; ++i) {
    int v = total / items + (i < total % items ? 1 : 0);
    a["q" + std::to_string(i + 1)] = std::to_string(std::min(v, 3));
  }
  return a;
}

Actor As(const Actor& system, const std::string& staff_id) {
  Actor a = system;
  a.staff_id = staff_id;
  return a;
}

}  // namespace

Status SeedAssessments(Services& svc, const Actor& system, Date today, const program::Program& iop,
                       const std::vector<admissions::Episode>& episodes, const std::vector<program::Staff>& staff) {
  // Karen (director, therapist) and Julia (nurse) take the program's safety alerts.
  SW_TRY(svc.responses.SetOnCall(system, iop.meta.id, {staff.at(0).meta.id, staff.at(6).meta.id}));

  // Six clients in treatment: PHQ-9 and GAD-7 every two weeks, improving.
  int seeded = 0;
  for (const auto& e : episodes) {
    if (e.stage != "treatment" || seeded == 6) continue;
    const Actor clinician = As(system, e.counselor_id);
    const int start = 18 - seeded * 2;
    for (int visit = 0; visit < 4; ++visit) {
      const std::string when = At(today, 43 - visit * 14);
      if (when.empty()) continue;
      Answers phq = Frequency(8, std::max(0, start - visit * 4));
      phq["q9"] = "0";
      phq["q10"] = visit < 2 ? "somewhat" : "not_difficult";
      SW_TRY(svc.responses.RecordCompleted(clinician, NewResponse{e.client_id, "PHQ9", "", "client", phq}, when));
      SW_TRY(svc.responses.RecordCompleted(
          clinician, NewResponse{e.client_id, "GAD7", "", "client", Frequency(7, std::max(0, start - 3 - visit * 3))},
          when));
    }
    if (seeded == 1) {
      // A recent PHQ-9 with thoughts of self-harm: an open safety alert for the counselor and on call.
      Answers phq = Frequency(8, 12);
      phq["q9"] = "1";
      phq["q10"] = "very";
      const std::string when = At(today, 1);
      if (!when.empty()) {
        SW_TRY(svc.responses.RecordCompleted(clinician, NewResponse{e.client_id, "PHQ9", "", "clinician", phq}, when));
      }
    }
    ++seeded;
  }

  // A completed initial assessment for a client now in orientation, with its ratings and decision.
  auto oriented =
      std::find_if(episodes.begin(), episodes.end(), [](const auto& e) { return e.stage == "orientation"; });
  if (oriented != episodes.end()) {
    const Actor clinician = As(system, oriented->counselor_id);
    SW_ASSIGN(auto a, svc.assessments.Start(clinician, {oriented->client_id, "initial", "", oriented->meta.id}));
    const std::string id = a.assessment.meta.id;
    const std::string when = At(today, 6);
    if (!when.empty()) {
      Answers audit = {{"q1", "4_plus_week"},
                       {"q2", "7_9"},
                       {"q3", "weekly"},
                       {"q4", "monthly"},
                       {"q5", "less_than_monthly"},
                       {"q6", "never"},
                       {"q7", "weekly"},
                       {"q8", "less_than_monthly"},
                       {"q9", "no"},
                       {"q10", "yes_last_year"}};
      SW_TRY(svc.responses.RecordCompleted(clinician, NewResponse{oriented->client_id, "AUDIT", id, "clinician", audit},
                                           when));
    }
    AssessmentChanges c;
    c.sections["substance_history"] = R"({"notes":"Daily drinking for three years, more since a job loss in March."})";
    c.sections["prior_treatment"] = R"({"notes":"Outpatient counselling in 2021, eight sessions."})";
    c.sections["withdrawal"] = R"({"notes":"Morning tremor; no seizures or DTs."})";
    c.sections["living_situation"] = R"({"notes":"Lives with a supportive sister; no substances in the home."})";
    c.sections["readiness"] = R"({"ruler":7,"notes":"Wants to keep custody time with her son."})";
    c.sections["goals"] = R"({"notes":"Stop drinking; return to work by spring."})";
    c.sections["schedule_constraints"] =
        R"({"work_hours":"none at present","childcare_hours":"school pick-up 3 pm","transportation":"bus","telehealth_ok":true})";
    c.substances = std::vector<assessment::Substance>{
        {2, 17, "1", "3", "", "8-10 drinks a day", {"1", "2", "3", "4", "6", "10"}, "", "F10.20"},
        {3, 19, "6", "2", "", "weekends", {"1", "4"}, "", ""}};
    const char* why[] = {"Tremor in the mornings; CIWA-Ar 6; no history of seizures.",
                         "Hypertension, treated; no acute problems.",
                         "Moderate depressive symptoms (PHQ-9 14); no safety concerns.",
                         "Ambivalent; attends voluntarily, wants to keep her job prospects.",
                         "Relapsed twice after brief abstinence; knows some coping skills.",
                         "Supportive sister; neighbourhood with easy access to alcohol."};
    const int ratings[] = {1, 1, 2, 2, 2, 1};
    for (int n = 1; n <= 6; ++n) c.dimensions.push_back(DimensionRating{n, ratings[n - 1], why[n - 1]});
    SW_ASSIGN(auto saved, svc.assessments.Save(clinician, id, a.assessment.meta.version, c));
    SW_ASSIGN(auto done, svc.assessments.Complete(clinician, id, saved.assessment.meta.version));
    SW_TRY(svc.assessments.Decide(clinician, id, done.assessment.meta.version, done.assessment.recommended_level, ""));
  }

  // An assessment in progress for a client at stage "assessment".
  auto assessing =
      std::find_if(episodes.begin(), episodes.end(), [](const auto& e) { return e.stage == "assessment"; });
  if (assessing != episodes.end()) {
    const Actor clinician = As(system, assessing->counselor_id);
    SW_ASSIGN(auto a, svc.assessments.Start(clinician, {assessing->client_id, "initial", "", assessing->meta.id}));
    AssessmentChanges c;
    c.sections["substance_history"] = R"({"notes":"Opioid pain pills after a back injury, then heroin."})";
    c.substances = std::vector<assessment::Substance>{{5, 24, "4", "3", "", "", {"1", "2", "3", "10", "11"}}};
    c.dimensions = {{1, 2, "Last use two days ago; on buprenorphine since yesterday."}, {2, 1, ""}};
    SW_TRY(svc.assessments.Save(clinician, a.assessment.meta.id, a.assessment.meta.version, c));
  }
  return Ok();
}

}  // namespace stepwise::app
