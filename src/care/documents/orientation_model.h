// The orientation checklist: items a program goes through with each new client (schedule, rules,
// modalities, paperwork, …), what is done, and whether the admission may be finalized. Pure: no I/O.
//
// An item tied to a document kind is done when a document of that kind was signed in the episode; other
// items are marked done by staff. Finalizing needs every required item done and, always, the 42 CFR 2.22
// patient notice delivered (a signed part2_notice document with its delivery method).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::documents {

struct ChecklistItem {
  std::string code;  // [a-z0-9_], unique in the checklist
  std::string label;
  bool required = false;
  std::string document_kind;  // "" for items staff tick off
  bool operator==(const ChecklistItem&) const = default;
};

// A program's checklist; `is_default` when the program has none of its own (config/orientation.json).
struct Checklist {
  RecordMeta meta;  // empty id for the default
  std::string program_id;
  std::vector<ChecklistItem> items;
  bool is_default = true;
};

inline constexpr std::size_t kMaxChecklistItems = 60;

// Field errors (items[i].code, items[i].label, items[i].document_kind) for a checklist being saved.
void CheckChecklist(const std::vector<ChecklistItem>& items, FieldErrors& errors);

// A staff member's record of one item for one episode.
struct ItemCompletion {
  std::string code;
  bool done = false;
  std::string note;
  std::string completed_at;  // when marked (done or undone)
  std::string completed_by;  // user id
  std::string completed_by_name;
};

// A signed document of the episode, as the checklist sees it.
struct SignedDocumentRef {
  std::string id;
  std::string kind;
  std::string signed_at;
  std::string signed_by_name;  // the first signer
  std::string delivery_method;
};

struct ItemStatus {
  ChecklistItem item;
  bool done = false;
  std::string completed_at;
  std::string completed_by_name;
  std::string note;
  std::string document_id;
};

struct OrientationStatus {
  std::string episode_id;
  std::vector<ItemStatus> items;
  bool part2_notice_delivered = false;
  std::vector<std::string> blocking;  // codes of open required items, plus "part2_notice" until delivered
  bool ready() const { return blocking.empty(); }
};

OrientationStatus EvaluateOrientation(const std::vector<ChecklistItem>& items,
                                      const std::vector<ItemCompletion>& completions,
                                      const std::vector<SignedDocumentRef>& documents);

// One field error "items.<code>" per blocking item, saying what is missing.
std::vector<FieldError> FinalizeBlockers(const OrientationStatus& status);

}  // namespace stepwise::documents
