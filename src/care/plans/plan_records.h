// Stored treatment-plan records as values: the plan, its versions with their signatures, reviews, the
// due list's rows. Pure: the rules are plan_model.h; SQL is plan_store.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/documents/signature.h"
#include "care/plans/plan_model.h"
#include "platform/base/record.h"

namespace stepwise::plans {

struct PlanVersion {
  std::string id;  // the signatures' owner id
  std::string org_id;
  std::string plan_id;
  int no = 0;
  std::string status = std::string(kDraft);
  std::string reason;
  PlanContent content;
  std::string content_sha256;  // from the first signature on
  std::string author_staff_id;
  bool author_licensed = false;
  std::string created_by, created_by_name;
  std::string activated_at, superseded_at;
  std::int64_t version = 1;  // optimistic version of the row (If-Match on PUT)
  std::string created_at, updated_at;
  std::vector<documents::Signature> signatures;  // read only, in signing order
};

struct VersionSummary {
  int no = 0;
  std::string status, reason, created_at, created_by_name;
};

struct Plan {
  RecordMeta meta;
  std::string client_id;
  std::string episode_id;
  int current_version_no = 1;
  std::optional<int> active_version_no;
  std::optional<Date> activated_on;
  std::optional<Date> last_review_on;
  std::optional<Date> next_review_due;
  std::vector<VersionSummary> versions;  // read only, oldest first
  // From the episode (read only): when the initial plan is due.
  std::optional<Date> admission_date;
  std::string program_id;
};

struct Review {
  RecordMeta meta;
  std::string plan_id;
  int version_no = 0;
  Date reviewed_on{};
  std::string reviewer_staff_id, reviewer_user, reviewer_name;
  ReviewContent content;
  std::optional<Date> next_review_due;
};

// One row of the plans-due list: a client in orientation or treatment whose initial plan or next review
// is due.
struct DueItem {
  std::string client_id, client_name, episode_id, counselor_id, counselor_name;
  std::string plan_id;  // "" when no plan exists yet
  std::string kind;     // "initial", "review"
  Date due_on{};
  bool overdue = false;
};

// What the due list is computed from (plan_store reads it; the service applies the dates).
struct DueCandidate {
  std::string client_id, client_name, episode_id, counselor_id, counselor_name, plan_id;
  std::optional<Date> admission_date;
  std::optional<int> active_version_no;
  std::optional<Date> next_review_due;
};

}  // namespace stepwise::plans
