#include "care/plans/plan_document.h"

namespace stepwise::plans {

namespace {

std::string Join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string DaysText(const Intervention& i) { return i.days.empty() ? "track days" : Join(i.days); }

}  // namespace

pdf::Document PlanDocument(const PlanHeader& header, int version_no, const std::string& reason,
                           const PlanContent& content, const PlannedHours& hours,
                           const std::vector<CheckResult>& checks) {
  pdf::Document doc;
  doc.title = "Individualized treatment plan";
  doc.subtitle = header.client_name + " - version " + std::to_string(version_no);
  doc.blocks.push_back(pdf::Fields({{"Client", header.client_name},
                                    {"Date of birth", header.birth_date},
                                    {"MRN", header.mrn},
                                    {"Program", header.program_name},
                                    {"Level of care", header.level_of_care},
                                    {"Preferred track", header.track_name.empty() ? "none" : header.track_name},
                                    {"Schedule constraints",
                                     content.schedule_constraints.empty() ? "none" : content.schedule_constraints},
                                    {"Version", std::to_string(version_no)},
                                    {"Reason for this version", reason.empty() ? "initial plan" : reason}}));

  doc.blocks.push_back(pdf::Heading("Problems"));
  std::vector<std::vector<std::string>> problems;
  for (std::size_t i = 0; i < content.problems.size(); ++i) {
    const auto& p = content.problems[i];
    problems.push_back({"P" + std::to_string(i + 1), "Dimension " + std::to_string(p.dimension), p.description});
  }
  if (problems.empty()) doc.blocks.push_back(pdf::Paragraph("No problems recorded."));
  else doc.blocks.push_back(pdf::Table({"", "ASAM dimension", "Problem"}, problems));

  doc.blocks.push_back(pdf::Heading("Goals and objectives"));
  if (content.goals.empty()) doc.blocks.push_back(pdf::Paragraph("No goals recorded."));
  for (std::size_t g = 0; g < content.goals.size(); ++g) {
    const auto& goal = content.goals[g];
    std::vector<std::string> refs;
    for (const auto& pid : goal.problem_ids) {
      for (std::size_t i = 0; i < content.problems.size(); ++i) {
        if (content.problems[i].id == pid) refs.push_back("P" + std::to_string(i + 1));
      }
    }
    doc.blocks.push_back(pdf::Paragraph("Goal " + std::to_string(g + 1) + ": \"" + goal.text + "\"" +
                                        (refs.empty() ? "" : " (" + Join(refs) + ")")));
    std::vector<std::vector<std::string>> rows;
    for (const auto& o : content.objectives) {
      if (o.goal_id != goal.id) continue;
      rows.push_back({o.text, o.target_date ? FormatDate(*o.target_date) : "", o.measure});
    }
    if (!rows.empty()) doc.blocks.push_back(pdf::Table({"Objective", "Target date", "Measured by"}, rows));
  }

  doc.blocks.push_back(pdf::Heading("Interventions"));
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : content.interventions) {
    rows.push_back({i.label.empty() ? i.code : i.label, i.topic, std::to_string(i.minutes) + " min",
                    FrequencyText(i.frequency), DaysText(i), i.staff_name});
  }
  if (rows.empty()) doc.blocks.push_back(pdf::Paragraph("No interventions recorded."));
  else doc.blocks.push_back(pdf::Table({"Intervention", "Topic", "Session", "Frequency", "Days", "Staff"}, rows));

  doc.blocks.push_back(pdf::Heading("Planned hours"));
  std::vector<std::pair<std::string, std::string>> fields{{"Hours per week", HoursText(hours.per_week)},
                                                          {"Days per week", std::to_string(hours.days_per_week)}};
  doc.blocks.push_back(pdf::Fields(fields));
  std::vector<std::vector<std::string>> check_rows;
  for (const auto& c : checks) {
    check_rows.push_back({c.label, !c.applies ? "does not apply" : c.ok ? "met" : "not met", c.message});
  }
  if (!check_rows.empty()) doc.blocks.push_back(pdf::Table({"Intensity check", "Result", "Why"}, check_rows));
  return doc;
}

pdf::Document SignedPlanDocument(pdf::Document document, const std::vector<documents::Signature>& signatures,
                                 const std::string& plan_id, int version_no, const std::string& content_sha256) {
  document.blocks.push_back(pdf::Heading("Signatures"));
  if (signatures.empty()) document.blocks.push_back(pdf::Paragraph("Not signed yet."));
  for (const auto& s : signatures) document.blocks.push_back(documents::SignatureBlock(s));
  document.footer = "Plan " + plan_id + " version " + std::to_string(version_no) +
                    (content_sha256.empty() ? "" : " - SHA-256 " + content_sha256);
  return document;
}

}  // namespace stepwise::plans
