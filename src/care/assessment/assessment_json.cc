#include "care/assessment/assessment_json.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace stepwise::assessment {

namespace json = boost::json;

json::object ScoringJson(const Scoring& s) {
  json::array missing;
  for (const auto& m : s.missing) missing.emplace_back(m);
  json::array scales;
  for (const auto& sc : s.scales) {
    scales.emplace_back(json::object{{"code", sc.code},
                                     {"label", sc.label},
                                     {"value", sc.value},
                                     {"band_code", sc.band_code},
                                     {"band_label", sc.band_label}});
  }
  json::array flags;
  for (const auto& f : s.flags) {
    flags.emplace_back(
        json::object{{"code", f.code}, {"label", f.label}, {"severity", f.severity}, {"safety", f.safety}});
  }
  json::array items;
  for (const auto& i : s.items) {
    items.emplace_back(json::object{{"item_id", i.item_id},
                                    {"visible", i.visible},
                                    {"answered", i.answered},
                                    {"code", i.code},
                                    {"value", i.value}});
  }
  return {{"complete", s.complete},
          {"missing", std::move(missing)},
          {"total", s.total ? json::value(*s.total) : json::value(nullptr)},
          {"band_code", s.band_code},
          {"band_label", s.band_label},
          {"scales", std::move(scales)},
          {"flags", std::move(flags)},
          {"items", std::move(items)}};
}

json::object RecommendationJson(const Recommendation& r) {
  json::array trace;
  for (const auto& t : r.trace) {
    trace.emplace_back(json::object{{"rule", t.rule},
                                    {"reason", t.reason},
                                    {"needs_level", t.needs_level},
                                    {"needs_label", t.needs_label},
                                    {"fired", t.fired},
                                    {"decisive", t.decisive}});
  }
  return {{"level", r.level},           {"level_label", r.level_label}, {"iop_excluded", r.iop_excluded},
          {"from_floor", r.from_floor}, {"trace", std::move(trace)},    {"policy_name", r.policy_name},
          {"edition", r.edition}};
}

std::string ToText(const json::value& v) { return json::serialize(v); }

json::value FromText(std::string_view text, json::value fallback) {
  if (text.empty()) return fallback;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return fallback;
  return v;
}

}  // namespace stepwise::assessment

namespace stepwise::assessment {

std::string MergeSections(std::string_view stored, const SectionChanges& changes) {
  auto value = FromText(stored, boost::json::object{});
  boost::json::object sections = value.is_object() ? value.as_object() : boost::json::object{};
  for (const auto& [code, text] : changes) {
    if (text) {
      sections[code] = FromText(*text, boost::json::object{});
    } else {
      sections.erase(code);
    }
  }
  return ToText(sections);
}

}  // namespace stepwise::assessment
