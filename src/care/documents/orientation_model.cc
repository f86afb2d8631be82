#include "care/documents/orientation_model.h"

#include <algorithm>
#include <set>

#include "care/documents/template_model.h"

namespace stepwise::documents {

namespace {

bool IsCode(const std::string& s) {
  if (s.empty() || s.size() > 60) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool IsKind(const std::string& kind) {
  const auto& kinds = DocumentKinds();
  return std::any_of(kinds.begin(), kinds.end(), [&](const CodeLabel& c) { return c.code == kind; });
}

}  // namespace

void CheckChecklist(const std::vector<ChecklistItem>& items, FieldErrors& errors) {
  if (items.size() > kMaxChecklistItems) {
    errors.Add("items", "must have at most " + std::to_string(kMaxChecklistItems) + " items");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "]";
    const auto& item = items[i];
    if (!IsCode(item.code)) {
      errors.Add(at + ".code", "must be 1-60 of a-z, 0-9 and _");
    } else if (!seen.insert(item.code).second) {
      errors.Add(at + ".code", "is used by another item");
    }
    if (item.label.empty() || CharacterCount(item.label) > 200) errors.Add(at + ".label", "must be 1-200 characters");
    if (!item.document_kind.empty() && !IsKind(item.document_kind)) {
      errors.Add(at + ".document_kind", "is not a document kind");
    }
  }
}

OrientationStatus EvaluateOrientation(const std::vector<ChecklistItem>& items,
                                      const std::vector<ItemCompletion>& completions,
                                      const std::vector<SignedDocumentRef>& documents) {
  OrientationStatus status;
  for (const auto& d : documents) {
    if (d.kind == "part2_notice" && !d.delivery_method.empty()) status.part2_notice_delivered = true;
  }
  for (const auto& item : items) {
    ItemStatus s;
    s.item = item;
    if (!item.document_kind.empty()) {
      // The most recent signed document of that kind (documents come oldest first).
      for (const auto& d : documents) {
        if (d.kind != item.document_kind) continue;
        s.done = true;
        s.document_id = d.id;
        s.completed_at = d.signed_at;
        s.completed_by_name = d.signed_by_name;
      }
    } else {
      for (const auto& c : completions) {
        if (c.code != item.code) continue;
        s.done = c.done;
        s.note = c.note;
        s.completed_at = c.completed_at;
        s.completed_by_name = c.completed_by_name;
      }
    }
    if (item.required && !s.done) status.blocking.push_back(item.code);
    status.items.push_back(std::move(s));
  }
  if (!status.part2_notice_delivered &&
      std::find(status.blocking.begin(), status.blocking.end(), "part2_notice") == status.blocking.end()) {
    status.blocking.push_back("part2_notice");
  }
  return status;
}

std::vector<FieldError> FinalizeBlockers(const OrientationStatus& status) {
  std::vector<FieldError> out;
  for (const auto& code : status.blocking) {
    if (code == "part2_notice") {
      out.push_back({"items.part2_notice",
                     "the 42 CFR 2.22 patient notice must be delivered and acknowledged (a signed part2_notice "
                     "document with its delivery method) before the admission is finalized"});
      continue;
    }
    std::string message = "is required and not done";
    for (const auto& s : status.items) {
      if (s.item.code == code && !s.item.document_kind.empty()) {
        message = "is required: the " + s.item.document_kind + " document must be signed";
      }
    }
    out.push_back({"items." + code, message});
  }
  return out;
}

}  // namespace stepwise::documents
