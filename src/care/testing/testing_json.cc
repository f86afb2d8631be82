#include "care/testing/testing_json.h"

#include "care/testing/testing_policy_json.h"
#include "platform/base/time_zone.h"

namespace stepwise::testing {

namespace json = boost::json;
using http::Need;
using http::ObjectReader;
using http::TextOrNull;

namespace {

json::value OptNum(const std::optional<double>& d) { return d ? json::value(*d) : json::value(nullptr); }
json::value OptBool(const std::optional<bool>& b) { return b ? json::value(*b) : json::value(nullptr); }

std::string Instant(const std::string& stored) {
  auto t = ParseTimestamp(stored);
  return t ? tz::FormatInstant(*t) : stored;
}

json::object CollectionJson(const Collection& c) {
  json::object j;
  http::PutMeta(j, c.meta);
  j["client_id"] = c.client_id;
  j["program_id"] = TextOrNull(c.program_id);
  j["collected_at"] = Instant(c.collected_at);
  j["date"] = FormatDate(c.collected_on);
  j["collector_staff_id"] = TextOrNull(c.collector_staff_id);
  j["collector_name"] = c.collector_name;
  j["specimen"] = c.specimen;
  j["temperature_f"] = OptNum(c.temperature_f);
  j["temperature_in_range"] = OptBool(c.temperature_in_range);
  j["observed"] = c.observed;
  j["chain_of_custody_id"] = TextOrNull(c.chain_of_custody_id);
  j["lab"] = TextOrNull(c.lab);
  j["panel_code"] = c.panel_code;
  j["refused"] = c.refused;
  j["selected_id"] = TextOrNull(c.selected_id);
  j["outcome"] = c.outcome;
  j["validity_status"] = c.validity;
  j["part2"] = true;
  return j;
}

json::object ResultJson(const TestResult& r) {
  json::object j;
  http::PutMeta(j, r.meta);
  j["collection_id"] = r.collection_id;
  j["method"] = r.method;
  j["presumptive_method"] = TextOrNull(r.presumptive_method);
  json::array analytes;
  for (const auto& e : r.analytes) analytes.emplace_back(EntryJson(e));
  j["analytes"] = std::move(analytes);
  j["validity"] = ValidityInputJson(r.validity);
  j["import_id"] = TextOrNull(r.import_id);
  j["entered_by_name"] = r.entered_by_name;
  j["part2"] = true;
  return j;
}

json::object SelectedJson(const Selected& s) {
  json::object j;
  http::PutMeta(j, s.meta);
  j["client_id"] = s.client_id;
  j["program_id"] = s.program_id;
  j["date"] = FormatDate(s.selected_on);
  j["reason"] = s.reason;
  j["observed"] = s.observed;
  j["status"] = s.status;
  j["collection_id"] = TextOrNull(s.collection_id);
  j["part2"] = true;
  return j;
}

json::object ContractJson(const Contract& c) {
  if (!c.active) return {};
  return json::object{{"active", true},
                      {"since", FormatDate(c.since)},
                      {"until", FormatDate(c.until)},
                      {"extra_tests_per_week", c.extra_tests_per_week}};
}

}  // namespace

json::object PolicyViewJson(const PolicyView& v) {
  json::object j = PolicyJson(v.policy);
  j["program_id"] = v.program_id;
  j["source"] = v.source;
  j["version"] = v.version;
  return j;
}

json::object BoardEntryJson(const BoardEntry& e) {
  return json::object{{"selected_id", e.selected.meta.id},
                      {"client_id", e.selected.client_id},
                      {"client_name", e.client_name},
                      {"program_id", e.selected.program_id},
                      {"reason", e.selected.reason},
                      {"observed", e.selected.observed},
                      {"status", e.selected.status},
                      {"collection_id", TextOrNull(e.selected.collection_id)},
                      {"result_status", TextOrNull(e.result_status)}};
}

json::object ReviewItemJson(const ReviewItem& r) {
  json::object j = EventJson(r.event);
  j["client_name"] = r.client_name;
  j["needs_permission"] = r.needs_decide ? "testing.decide" : "testing.review";
  return j;
}

json::object BoardJson(const Board& b) {
  json::array selected, pending, review;
  for (const auto& e : b.selected) selected.emplace_back(BoardEntryJson(e));
  for (const auto& p : b.pending_results) {
    pending.emplace_back(json::object{{"collection_id", p.collection.meta.id},
                                      {"client_id", p.collection.client_id},
                                      {"client_name", p.client_name},
                                      {"collected_at", Instant(p.collection.collected_at)},
                                      {"panel_code", p.collection.panel_code},
                                      {"lab", TextOrNull(p.collection.lab)}});
  }
  for (const auto& r : b.needs_review) review.emplace_back(ReviewItemJson(r));
  return json::object{{"date", FormatDate(b.date)},
                      {"selected", std::move(selected)},
                      {"pending_results", std::move(pending)},
                      {"needs_review", std::move(review)}};
}

json::object SelectionViewJson(const SelectionView& v) {
  json::array selected;
  for (const auto& e : v.selected) selected.emplace_back(BoardEntryJson(e));
  return json::object{{"id", v.selection.id},
                      {"program_id", v.selection.program_id},
                      {"date", FormatDate(v.selection.selected_on)},
                      {"seed_fingerprint", v.selection.seed_fingerprint},
                      {"policy_version", v.selection.policy_version},
                      {"candidates", v.selection.candidates},
                      {"created", v.created},
                      {"created_at", Instant(v.selection.created_at)},
                      {"selected", std::move(selected)}};
}

json::object EventJson(const TestingEvent& e) {
  json::object j;
  http::PutMeta(j, e.meta);
  j["client_id"] = e.client_id;
  j["program_id"] = TextOrNull(e.program_id);
  j["at"] = FormatDate(e.occurred_on);
  j["kind"] = e.kind;
  j["step"] = e.step;
  j["action"] = e.action;
  j["collection_id"] = TextOrNull(e.collection_id);
  j["selected_id"] = TextOrNull(e.selected_id);
  json::array ids;
  for (const auto& id : e.result_ids) ids.emplace_back(id);
  j["result_ids"] = std::move(ids);
  j["task_id"] = TextOrNull(e.task_id);
  j["status"] = e.status;
  j["decision"] = TextOrNull(e.decision);
  j["reason"] = TextOrNull(e.reason);
  j["decided_by_name"] = TextOrNull(e.decided_by_name);
  j["decided_at"] = e.decided_at.empty() ? json::value(nullptr) : json::value(Instant(e.decided_at));
  j["part2"] = true;
  return j;
}

json::object CollectionViewJson(const CollectionView& v) {
  json::object j = CollectionJson(v.collection);
  j["client_name"] = v.client_name;
  json::array results, interpretations, billing, reasons;
  for (const auto& r : v.results) results.emplace_back(ResultJson(r));
  for (const auto& i : v.interpretations) {
    interpretations.emplace_back(json::object{{"code", i.code},
                                              {"label", i.label},
                                              {"status", i.status},
                                              {"expected", i.expected},
                                              {"screening_value", OptNum(i.screening_value)},
                                              {"confirmation_value", OptNum(i.confirmation_value)},
                                              {"screening_cutoff", i.screening_cutoff},
                                              {"confirmation_cutoff", i.confirmation_cutoff}});
  }
  for (const auto& b : v.billing) {
    billing.emplace_back(json::object{{"code", b.code}, {"units", b.units}, {"reason", b.reason}});
  }
  for (const auto& r : v.validity.reasons) reasons.emplace_back(r);
  j["results"] = std::move(results);
  j["interpretations"] = std::move(interpretations);
  j["validity"] = json::object{{"status", v.validity.status},
                               {"reasons", std::move(reasons)},
                               {"recollect_observed", v.validity.recollect_observed}};
  j["billing"] = std::move(billing);
  j["event"] = v.event ? json::value(EventJson(*v.event)) : json::value(nullptr);
  return j;
}

json::object ImportReportJson(const ImportReport& r) {
  json::array errors, collections, results;
  for (const auto& e : r.errors) {
    errors.emplace_back(json::object{{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  for (const auto& id : r.collection_ids) collections.emplace_back(id);
  for (const auto& id : r.result_ids) results.emplace_back(id);
  return json::object{{"rows", r.rows},
                      {"errors", std::move(errors)},
                      {"duplicate", r.duplicate},
                      {"imported", r.imported},
                      {"collection_ids", std::move(collections)},
                      {"result_ids", std::move(results)}};
}

json::object ClientTestsJson(const ClientTests& t) {
  json::array items, weeks;
  for (const auto& i : t.items) {
    json::object j{{"date", FormatDate(i.on)}, {"type", i.kind}};
    if (i.collection) j["collection"] = CollectionViewJson(*i.collection);
    if (i.selected) j["selected"] = SelectedJson(*i.selected);
    items.emplace_back(std::move(j));
  }
  for (const auto& w : t.weeks) {
    weeks.emplace_back(json::object{{"week_of", FormatDate(w.week_of)},
                                    {"tests", w.tests},
                                    {"negative", w.negative},
                                    {"positive", w.positive},
                                    {"missed", w.missed},
                                    {"refused", w.refused},
                                    {"share_negative", OptNum(w.share_negative)}});
  }
  return json::object{{"items", std::move(items)}, {"weeks", std::move(weeks)}, {"part2", true}};
}

json::object TestingStateJson(const TestingState& s) {
  json::array events;
  for (const auto& e : s.events) events.emplace_back(EventJson(e));
  json::object contract = ContractJson(s.contract);
  return json::object{{"step", s.step},
                      {"action", TextOrNull(s.action)},
                      {"events", std::move(events)},
                      {"contract", contract.empty() ? json::value(nullptr) : json::value(std::move(contract))},
                      {"open_review", s.open_review ? json::value(EventJson(*s.open_review)) : json::value(nullptr)},
                      {"part2", true}};
}

CollectionDraft ReadCollection(ObjectReader& r) {
  CollectionDraft d;
  if (auto at = r.String("collected_at", Need::kOptional, 40)) {
    d.collected_at = tz::ParseInstant(*at);
    if (!d.collected_at) r.errors().Add(r.PathOf("collected_at"), "must be a UTC instant such as 2026-03-09T13:00:00Z");
  }
  r.Id("collector_staff_id");  // the server records the signed-in user as the collector
  d.specimen = r.Code("specimen", Need::kOptional, {"urine", "oral_fluid"}).value_or("urine");
  d.temperature_f = r.Number("temperature_f", Need::kOptional, 50, 120);
  d.temperature_in_range = r.Bool("temperature_in_range");
  d.observed = r.Bool("observed");
  d.chain_of_custody_id = r.String("chain_of_custody_id", Need::kOptional, 64).value_or("");
  d.lab = r.String("lab", Need::kOptional, 120).value_or("");
  d.panel_code = r.String("panel_code", Need::kRequired, 40).value_or("");
  d.refused = r.Bool("refused").value_or(false);
  return d;
}

ResultDraft ReadResult(ObjectReader& r) {
  ResultDraft d;
  d.method = r.Code("method", Need::kRequired, {"poc_cup", "lab"}).value_or("poc_cup");
  d.presumptive_method =
      r.Code("presumptive_method", Need::kOptional, {"read_by_eye", "instrument", "analyzer"}).value_or("");
  r.Objects("analytes", Need::kRequired, [&](ObjectReader& a) {
    AnalyteEntry e;
    e.code = a.String("code", Need::kRequired, 40).value_or("");
    e.value = a.Number("value", Need::kOptional, -1e9, 1e9);
    e.unit = a.String("unit", Need::kOptional, 20).value_or("");
    e.reading = a.Code("reading", Need::kOptional, {"negative", "positive"}).value_or("");
    e.stage = a.Code("stage", Need::kOptional, {"screening", "confirmation"}).value_or("screening");
    d.analytes.push_back(std::move(e));
  });
  r.Object("validity", Need::kOptional, [&](ObjectReader& v) {
    d.validity.creatinine = v.Number("creatinine", Need::kOptional, -1e9, 1e9);
    d.validity.specific_gravity = v.Number("specific_gravity", Need::kOptional, -1e9, 1e9);
    d.validity.ph = v.Number("ph", Need::kOptional, -1e9, 1e9);
    d.validity.nitrite = v.Number("nitrite", Need::kOptional, -1e9, 1e9);
  });
  return d;
}

}  // namespace stepwise::testing
