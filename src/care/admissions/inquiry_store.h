// SQL for inquiries, their follow-up tasks and the waitlist (migrations/0004_inquiries.sql).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/admissions/inquiry_model.h"
#include "platform/db/database.h"

namespace stepwise::admissions {

struct InquiryQuery {
  std::string only_id;
  std::string stage;
  std::vector<std::string> words;         // lowercase; each must start some name word
  std::optional<Date> overdue_before;     // only inquiries with an open task due before this date
  std::optional<Date> today;              // for InquiryRecord::overdue
  int limit = 200;
};

struct TaskListQuery {
  std::string inquiry_id;
  std::optional<Date> due_before;
  std::string assigned_to;
  bool include_done = false;
  int limit = 200;
};

class InquiryStore {
 public:
  // Live inquiries (or the one `only_id`, voided too) with names, newest first.
  static Result<std::vector<InquiryRecord>> List(db::Transaction& tx, const std::string& org_id, const InquiryQuery& q);
  static Result<std::optional<Inquiry>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Status Insert(db::Transaction& tx, const Inquiry& inquiry);
  // The call's own fields (not the pipeline's).
  static Status Update(db::Transaction& tx, const Inquiry& inquiry, std::int64_t expected, const std::string& now);
  // The pipeline's fields: stage, its detail, waitlist, booking, the client link and the program.
  static Status UpdatePipeline(db::Transaction& tx, const Inquiry& inquiry, std::int64_t expected,
                               const std::string& now);
  // The newest live inquiry linked to `client_id` whose outcome is not settled yet, or "".
  static Result<std::string> OpenInquiryOfClient(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& client_id);
  // Live inquiries per stage.
  static Result<std::map<std::string, int>> CountByStage(db::Transaction& tx, const std::string& org_id);
  // Live waitlisted inquiries, of one track or ("") all.
  static Result<std::vector<Inquiry>> Waitlisted(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& track_id);

  static Result<std::vector<TaskSummary>> ListTasks(db::Transaction& tx, const std::string& org_id,
                                                    const TaskListQuery& q);
  static Result<std::optional<InquiryTask>> GetTask(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& id);
  static Status InsertTask(db::Transaction& tx, const InquiryTask& task);
  static Status CompleteTask(db::Transaction& tx, const InquiryTask& task, std::int64_t expected,
                             const std::string& now);
};

}  // namespace stepwise::admissions
