// Diff of two plan versions: items matched by their stable ids, field by field.
#include "care/plans/plan_model.h"

namespace stepwise::plans {

namespace {

struct Field {
  std::string name;   // path segment
  std::string label;  // what a reader sees
  std::string value;
};

std::string Join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Short(const std::string& text) { return text.size() > 60 ? text.substr(0, 57) + "..." : text; }

std::vector<Field> FieldsOf(const Problem& p) {
  return {{"dimension", "dimension", std::to_string(p.dimension)}, {"description", "description", p.description}};
}
std::vector<Field> FieldsOf(const Goal& g) {
  return {{"text", "text", g.text}, {"problem_ids", "problems", Join(g.problem_ids)}};
}
std::vector<Field> FieldsOf(const Objective& o) {
  return {{"text", "text", o.text},
          {"goal_id", "goal", o.goal_id},
          {"target_date", "target date", o.target_date ? FormatDate(*o.target_date) : ""},
          {"measure", "measure", o.measure}};
}
std::vector<Field> FieldsOf(const Intervention& v) {
  return {{"code", "intervention", v.code},
          {"topic", "topic", v.topic},
          {"minutes", "minutes", std::to_string(v.minutes)},
          {"frequency", "frequency", FrequencyText(v.frequency)},
          {"days", "days", Join(v.days)},
          {"staff_id", "staff", v.staff_name.empty() ? v.staff_id : v.staff_name},
          {"objective_ids", "objectives", Join(v.objective_ids)}};
}

std::string NameOf(const Problem& p) { return "Problem (D" + std::to_string(p.dimension) + ") '" + Short(p.description) + "'"; }
std::string NameOf(const Goal& g) { return "Goal '" + Short(g.text) + "'"; }
std::string NameOf(const Objective& o) { return "Objective '" + Short(o.text) + "'"; }
std::string NameOf(const Intervention& v) {
  return "Intervention '" + (v.label.empty() ? v.code : v.label) + (v.topic.empty() ? "" : ": " + v.topic) + "'";
}

std::string Summary(const std::vector<Field>& fields) {
  std::string out;
  for (const auto& f : fields) {
    if (!f.value.empty()) out += (out.empty() ? "" : "; ") + f.label + ": " + f.value;
  }
  return out;
}

template <typename Item>
void DiffList(const std::string& list, const std::vector<Item>& before, const std::vector<Item>& after,
              std::vector<Change>& out) {
  auto find = [](const std::vector<Item>& items, const std::string& id) -> const Item* {
    for (const auto& i : items) {
      if (i.id == id) return &i;
    }
    return nullptr;
  };
  for (const auto& b : before) {
    if (!find(after, b.id)) out.push_back({list + "." + b.id, "removed", Summary(FieldsOf(b)), "", NameOf(b) + " removed"});
  }
  for (const auto& a : after) {
    const Item* b = find(before, a.id);
    if (!b) {
      out.push_back({list + "." + a.id, "added", "", Summary(FieldsOf(a)), NameOf(a) + " added"});
      continue;
    }
    const auto fb = FieldsOf(*b);
    const auto fa = FieldsOf(a);
    for (std::size_t i = 0; i < fa.size(); ++i) {
      if (fb[i].value == fa[i].value) continue;
      out.push_back({list + "." + a.id + "." + fa[i].name, "changed", fb[i].value, fa[i].value,
                     NameOf(a) + ": " + fa[i].label});
    }
  }
}

}  // namespace

std::vector<Change> Diff(const PlanContent& before, const PlanContent& after) {
  std::vector<Change> out;
  if (before.preferred_track_id != after.preferred_track_id) {
    out.push_back({"preferred_track_id", "changed", before.preferred_track_id, after.preferred_track_id, "Preferred track"});
  }
  if (before.schedule_constraints != after.schedule_constraints) {
    out.push_back({"schedule_constraints", "changed", before.schedule_constraints, after.schedule_constraints,
                   "Schedule constraints"});
  }
  DiffList("problems", before.problems, after.problems, out);
  DiffList("goals", before.goals, after.goals, out);
  DiffList("objectives", before.objectives, after.objectives, out);
  DiffList("interventions", before.interventions, after.interventions, out);
  return out;
}

}  // namespace stepwise::plans
