#include "care/documents/orientation_json.h"

#include <boost/json/parse.hpp>

namespace stepwise::documents {

extern const char* const kDefaultOrientationText;  // generated from config/orientation.json

namespace json = boost::json;

Result<std::vector<ChecklistItem>> ParseChecklistText(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::Field("", "the checklist must be a JSON object");
  const auto* items = v.as_object().if_contains("items");
  if (!items || !items->is_array()) return Error::Field("items", "must be an array");
  std::vector<ChecklistItem> out;
  FieldErrors errors;
  for (std::size_t i = 0; i < items->as_array().size(); ++i) {
    const auto& e = items->as_array()[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!e.is_object()) {
      errors.Add(at, "must be an object");
      continue;
    }
    ChecklistItem item;
    const auto& o = e.as_object();
    if (const auto* c = o.if_contains("code"); c && c->is_string()) item.code = std::string(c->as_string());
    if (const auto* l = o.if_contains("label"); l && l->is_string()) item.label = std::string(l->as_string());
    if (const auto* r = o.if_contains("required")) {
      if (!r->is_bool())
        errors.Add(at + ".required", "must be true or false");
      else
        item.required = r->as_bool();
    }
    if (const auto* k = o.if_contains("document_kind"); k && k->is_string()) {
      item.document_kind = std::string(k->as_string());
    }
    out.push_back(std::move(item));
  }
  CheckChecklist(out, errors);
  if (!errors.empty()) return errors.ToError("the orientation checklist is invalid");
  return out;
}

const std::vector<ChecklistItem>& DefaultChecklistItems() {
  static const std::vector<ChecklistItem> items = [] {
    auto parsed = ParseChecklistText(kDefaultOrientationText);
    return parsed.ok() ? parsed.value() : std::vector<ChecklistItem>{};
  }();
  return items;
}

json::object ChecklistItemJson(const ChecklistItem& item) {
  return {{"code", item.code},
          {"label", item.label},
          {"required", item.required},
          {"document_kind", item.document_kind.empty() ? json::value(nullptr) : json::value(item.document_kind)}};
}

json::object OrientationStatusJson(const OrientationStatus& status) {
  json::array items;
  for (const auto& s : status.items) {
    auto j = ChecklistItemJson(s.item);
    j["done"] = s.done;
    j["completed_at"] = s.completed_at.empty() ? json::value(nullptr) : json::value(s.completed_at);
    j["completed_by_name"] = s.completed_by_name.empty() ? json::value(nullptr) : json::value(s.completed_by_name);
    j["note"] = s.note;
    j["document_id"] = s.document_id.empty() ? json::value(nullptr) : json::value(s.document_id);
    items.emplace_back(std::move(j));
  }
  json::array blocking;
  for (const auto& b : status.blocking) blocking.emplace_back(b);
  return {{"episode_id", status.episode_id.empty() ? json::value(nullptr) : json::value(status.episode_id)},
          {"items", std::move(items)},
          {"part2_notice_delivered", status.part2_notice_delivered},
          {"ready", status.ready()},
          {"blocking", std::move(blocking)},
          {"part2", true}};
}

}  // namespace stepwise::documents
