#include "care/sessions/session_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace stepwise::sessions {

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

}  // namespace

json::object GroupNoteJson(const GroupNoteContent& c) {
  json::array progress;
  for (const auto& p : c.objective_progress) {
    progress.emplace_back(
        json::object{{"objective_id", p.objective_id}, {"progress", p.progress}, {"comment", p.comment}});
  }
  return {{"participation", c.participation},
          {"objective_progress", std::move(progress)},
          {"mood_affect", c.mood_affect},
          {"risk", json::object{{"level", c.risk.level}, {"observations", c.risk.observations}}},
          {"client_quote", c.client_quote},
          {"text", c.text}};
}

GroupNoteContent GroupNoteFromJson(const json::object& o) {
  GroupNoteContent c;
  c.participation = Str(o, "participation");
  ForObjects(o, "objective_progress", [&](const json::object& p) {
    c.objective_progress.push_back({Str(p, "objective_id"), Str(p, "progress"), Str(p, "comment")});
  });
  c.mood_affect = Str(o, "mood_affect");
  if (const json::value* r = o.if_contains("risk"); r && r->is_object()) {
    c.risk.level = Str(r->get_object(), "level");
    c.risk.observations = Str(r->get_object(), "observations");
  }
  c.client_quote = Str(o, "client_quote");
  c.text = Str(o, "text");
  return c;
}

json::object SessionNoteJson(const SessionNoteContent& c) {
  json::object sections;
  for (const auto& s : c.sections) sections[s.key] = s.text;
  json::array family;
  for (const auto& m : c.family_members) family.emplace_back(json::object{{"name", m.name}, {"relationship", m.relationship}});
  return {{"format", c.format},
          {"sections", std::move(sections)},
          {"modality", c.modality},
          {"delivery", c.delivery},
          {"objective_ids", Strings(c.objective_ids)},
          {"intervention_ids", Strings(c.intervention_ids)},
          {"family_members", std::move(family)},
          {"client_present", c.client_present}};
}

SessionNoteContent SessionNoteFromJson(const json::object& o) {
  SessionNoteContent c;
  c.format = Str(o, "format");
  if (const json::value* s = o.if_contains("sections"); s && s->is_object()) {
    // In the format's order, then anything else as stored.
    for (auto key : SectionsOf(c.format)) {
      if (const json::value* t = s->get_object().if_contains(key); t && t->is_string()) {
        c.sections.push_back({std::string(key), std::string(t->get_string())});
      }
    }
  }
  c.modality = Str(o, "modality");
  c.delivery = Str(o, "delivery");
  c.objective_ids = StrList(o, "objective_ids");
  c.intervention_ids = StrList(o, "intervention_ids");
  ForObjects(o, "family_members", [&](const json::object& m) {
    c.family_members.push_back({Str(m, "name"), Str(m, "relationship")});
  });
  if (const json::value* p = o.if_contains("client_present"); p && p->is_bool()) c.client_present = p->get_bool();
  return c;
}

std::string ToText(const json::object& o) { return json::serialize(o); }

json::object ObjectFromText(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.get_object());
}

}  // namespace stepwise::sessions
