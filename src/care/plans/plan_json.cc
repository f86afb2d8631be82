#include "care/plans/plan_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>

namespace stepwise::plans {

namespace json = boost::json;

namespace {

json::array Strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : "";
}

int Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && (v->is_int64() || v->is_uint64()) ? static_cast<int>(v->to_number<std::int64_t>()) : 0;
}

std::vector<std::string> StrList(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_array()) return out;
  for (const auto& e : v->get_array()) {
    if (e.is_string()) out.emplace_back(e.get_string());
  }
  return out;
}

template <typename Each>
void ForObjects(const json::object& o, std::string_view key, Each each) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_array()) return;
  for (const auto& e : v->get_array()) {
    if (e.is_object()) each(e.get_object());
  }
}

json::object ParseObject(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.get_object());
}

double Round2(double d) { return std::round(d * 100.0) / 100.0; }

}  // namespace

json::object ContentJson(const PlanContent& c) {
  json::array problems, goals, objectives, interventions;
  for (const auto& p : c.problems) {
    json::object o{{"id", p.id}, {"dimension", p.dimension}, {"description", p.description}};
    o["from_assessment_id"] = p.from_assessment_id.empty() ? json::value(nullptr) : json::value(p.from_assessment_id);
    problems.emplace_back(std::move(o));
  }
  for (const auto& g : c.goals) {
    goals.emplace_back(json::object{{"id", g.id}, {"problem_ids", Strings(g.problem_ids)}, {"text", g.text}});
  }
  for (const auto& o : c.objectives) {
    objectives.emplace_back(json::object{
        {"id", o.id},
        {"goal_id", o.goal_id},
        {"text", o.text},
        {"target_date", o.target_date ? json::value(FormatDate(*o.target_date)) : json::value(nullptr)},
        {"measure", o.measure}});
  }
  for (const auto& i : c.interventions) {
    json::object o{{"id", i.id},
                   {"objective_ids", Strings(i.objective_ids)},
                   {"code", i.code},
                   {"label", i.label},
                   {"topic", i.topic},
                   {"minutes", i.minutes},
                   {"frequency", json::object{{"count", i.frequency.count}, {"per", i.frequency.per}}},
                   {"days", Strings(i.days)}};
    o["staff_id"] = i.staff_id.empty() ? json::value(nullptr) : json::value(i.staff_id);
    o["staff_name"] = i.staff_name;
    interventions.emplace_back(std::move(o));
  }
  json::object out;
  out["preferred_track_id"] = c.preferred_track_id.empty() ? json::value(nullptr) : json::value(c.preferred_track_id);
  out["schedule_constraints"] = c.schedule_constraints;
  out["problems"] = std::move(problems);
  out["goals"] = std::move(goals);
  out["objectives"] = std::move(objectives);
  out["interventions"] = std::move(interventions);
  return out;
}

std::string ContentText(const PlanContent& c) { return json::serialize(ContentJson(c)); }

PlanContent ContentFromText(std::string_view text) {
  const json::object o = ParseObject(text);
  PlanContent c;
  c.preferred_track_id = Str(o, "preferred_track_id");
  c.schedule_constraints = Str(o, "schedule_constraints");
  ForObjects(o, "problems", [&](const json::object& p) {
    c.problems.push_back({Str(p, "id"), Int(p, "dimension"), Str(p, "description"), Str(p, "from_assessment_id")});
  });
  ForObjects(o, "goals", [&](const json::object& g) {
    c.goals.push_back({Str(g, "id"), StrList(g, "problem_ids"), Str(g, "text")});
  });
  ForObjects(o, "objectives", [&](const json::object& x) {
    c.objectives.push_back({Str(x, "id"), Str(x, "goal_id"), Str(x, "text"), ParseDate(Str(x, "target_date")),
                            Str(x, "measure")});
  });
  ForObjects(o, "interventions", [&](const json::object& x) {
    Intervention i;
    i.id = Str(x, "id");
    i.objective_ids = StrList(x, "objective_ids");
    i.code = Str(x, "code");
    i.label = Str(x, "label");
    i.topic = Str(x, "topic");
    i.minutes = Int(x, "minutes");
    if (const json::value* f = x.if_contains("frequency"); f && f->is_object()) {
      i.frequency = {Int(f->get_object(), "count"), Str(f->get_object(), "per")};
    }
    i.days = StrList(x, "days");
    i.staff_id = Str(x, "staff_id");
    i.staff_name = Str(x, "staff_name");
    c.interventions.push_back(std::move(i));
  });
  return c;
}

json::object ReviewContentJson(const ReviewContent& r) {
  json::array objectives, ratings;
  for (const auto& o : r.objectives) {
    objectives.emplace_back(json::object{{"objective_id", o.objective_id}, {"status", o.status}, {"note", o.note}});
  }
  for (const auto& d : r.level_of_care.ratings) {
    ratings.emplace_back(json::object{{"dimension", d.dimension}, {"rating", d.rating}});
  }
  json::object out;
  out["reviewed_on"] = r.reviewed_on ? json::value(FormatDate(*r.reviewed_on)) : json::value(nullptr);
  out["objectives"] = std::move(objectives);
  out["client_view"] = r.client_view;
  out["level_of_care"] = json::object{{"direction", r.level_of_care.direction},
                                      {"level", r.level_of_care.level},
                                      {"ratings", std::move(ratings)},
                                      {"rationale", r.level_of_care.rationale}};
  return out;
}

std::string ReviewContentText(const ReviewContent& r) { return json::serialize(ReviewContentJson(r)); }

ReviewContent ReviewContentFromText(std::string_view text) {
  const json::object o = ParseObject(text);
  ReviewContent r;
  r.reviewed_on = ParseDate(Str(o, "reviewed_on"));
  ForObjects(o, "objectives", [&](const json::object& x) {
    r.objectives.push_back({Str(x, "objective_id"), Str(x, "status"), Str(x, "note")});
  });
  r.client_view = Str(o, "client_view");
  if (const json::value* l = o.if_contains("level_of_care"); l && l->is_object()) {
    const auto& lc = l->get_object();
    r.level_of_care.direction = Str(lc, "direction");
    r.level_of_care.level = Str(lc, "level");
    r.level_of_care.rationale = Str(lc, "rationale");
    ForObjects(lc, "ratings", [&](const json::object& x) {
      r.level_of_care.ratings.push_back({Int(x, "dimension"), Int(x, "rating")});
    });
  }
  return r;
}

json::object HoursJson(const PlannedHours& h) {
  json::object per_day;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
    auto it = h.per_day.find(d);
    per_day[d] = Round2(it == h.per_day.end() ? 0.0 : it->second);
  }
  return {{"per_week", Round2(h.per_week)}, {"per_day", std::move(per_day)}, {"days_per_week", h.days_per_week}};
}

json::array ChecksJson(const std::vector<CheckResult>& checks) {
  json::array out;
  for (const auto& c : checks) {
    out.emplace_back(json::object{{"code", c.code},
                                  {"label", c.label},
                                  {"kind", c.kind},
                                  {"applies", c.applies},
                                  {"ok", c.ok},
                                  {"message", c.message}});
  }
  return out;
}

json::array ChangesJson(const std::vector<Change>& changes) {
  json::array out;
  for (const auto& c : changes) {
    out.emplace_back(json::object{
        {"path", c.path}, {"kind", c.kind}, {"before", c.before}, {"after", c.after}, {"label", c.label}});
  }
  return out;
}

}  // namespace stepwise::plans
