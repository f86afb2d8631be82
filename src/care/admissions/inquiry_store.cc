#include "care/admissions/inquiry_store.h"

#include "platform/db/records.h"

namespace stepwise::admissions {

using db::OptText;
using db::Param;

namespace {

constexpr std::string_view kInquiryColumns =
    "i.received_at, i.caller_type, i.caller_name, i.caller_relationship, i.caller_phone, i.may_leave_message, "
    "i.given_name, i.family_name, i.birth_date, i.phone, i.email, i.referral_source, i.referrer_name, i.substances, "
    "i.urgency, i.payer, i.member_id, i.preferred_schedule, i.program_id, i.notes, i.stage, i.stage_changed_at, "
    "i.stage_reason, i.referred_to, i.track_id, i.waitlisted_at, i.assessment_at, i.assessor_id, i.client_id, "
    "i.episode_id, i.id, i.org_id, i.version, i.voided, i.void_reason, i.created_at, i.updated_at";
constexpr std::size_t kInquiryColumnCount = 37;

Inquiry ReadInquiry(const db::Row& r) {
  Inquiry q;
  q.received_at = r.Text(0);
  q.caller_type = r.Text(1);
  q.caller_name = r.Text(2);
  q.caller_relationship = r.Text(3);
  q.caller_phone = r.Text(4);
  q.may_leave_message = r.Int(5) != 0;
  q.given_name = r.Text(6);
  q.family_name = r.Text(7);
  q.birth_date = ParseDate(r.Text(8));
  q.phone = r.Text(9);
  q.email = r.Text(10);
  q.referral_source = r.Text(11);
  q.referrer_name = r.Text(12);
  q.substances = db::SplitCodes(r.Text(13));
  q.urgency = r.Text(14);
  q.payer = r.Text(15);
  q.member_id = r.Text(16);
  q.preferred_schedule = r.Text(17);
  q.program_id = r.Text(18);
  q.notes = r.Text(19);
  q.stage = r.Text(20);
  q.stage_changed_at = r.Text(21);
  q.stage_reason = r.Text(22);
  q.referred_to = r.Text(23);
  q.track_id = r.Text(24);
  q.waitlisted_at = r.Text(25);
  q.assessment_at = r.Text(26);
  q.assessor_id = r.Text(27);
  q.client_id = r.Text(28);
  q.episode_id = r.Text(29);
  q.meta = db::ReadMeta(r, 30);
  return q;
}

Param OptDate(const std::optional<Date>& d) { return d ? Param(FormatDate(*d)) : Param(nullptr); }

// The call's own fields, in the order of kCallSet.
std::vector<Param> CallValues(const Inquiry& q) {
  return {q.received_at,
          q.caller_type,
          OptText(q.caller_name),
          OptText(q.caller_relationship),
          OptText(q.caller_phone),
          std::int64_t{q.may_leave_message ? 1 : 0},
          q.given_name,
          OptText(q.family_name),
          OptDate(q.birth_date),
          OptText(q.phone),
          OptText(q.email),
          OptText(q.referral_source),
          OptText(q.referrer_name),
          OptText(db::JoinCodes(q.substances)),
          q.urgency,
          OptText(q.payer),
          OptText(q.member_id),
          q.preferred_schedule,
          OptText(q.program_id),
          OptText(q.notes),
          InquirySearchText(q)};
}
constexpr std::string_view kCallSet =
    "received_at = ?, caller_type = ?, caller_name = ?, caller_relationship = ?, caller_phone = ?, "
    "may_leave_message = ?, given_name = ?, family_name = ?, birth_date = ?, phone = ?, email = ?, "
    "referral_source = ?, referrer_name = ?, substances = ?, urgency = ?, payer = ?, member_id = ?, "
    "preferred_schedule = ?, program_id = ?, notes = ?, search_text = ?";

std::vector<Param> PipelineValues(const Inquiry& q) {
  return {q.stage,
          q.stage_changed_at,
          OptText(q.stage_reason),
          OptText(q.referred_to),
          OptText(q.track_id),
          OptText(q.waitlisted_at),
          OptText(q.assessment_at),
          OptText(q.assessor_id),
          OptText(q.client_id),
          OptText(q.episode_id),
          OptText(q.program_id)};
}
constexpr std::string_view kPipelineSet =
    "stage = ?, stage_changed_at = ?, stage_reason = ?, referred_to = ?, track_id = ?, waitlisted_at = ?, "
    "assessment_at = ?, assessor_id = ?, client_id = ?, episode_id = ?, program_id = ?";

std::string StaffName(const db::Row& r, std::size_t given) {
  if (r.IsNull(given + 2)) return "";
  return (r.Text(given + 1).empty() ? r.Text(given) : r.Text(given + 1)) + " " + r.Text(given + 2);
}

// "% word%" with LIKE's wildcards in `word` escaped.
std::string WordPattern(const std::string& word) {
  std::string out = "% ";
  for (char c : word) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "%";
}

constexpr std::string_view kOpenTasks =
    "FROM inquiry_tasks k WHERE k.org_id = i.org_id AND k.inquiry_id = i.id AND k.voided = 0 AND k.done_at IS NULL";

constexpr std::string_view kTaskColumns =
    "k.inquiry_id, k.title, k.due_on, k.assigned_to, k.done_at, k.done_by, k.id, k.org_id, k.version, k.voided, "
    "k.void_reason, k.created_at, k.updated_at";

InquiryTask ReadTask(const db::Row& r) {
  InquiryTask t;
  t.inquiry_id = r.Text(0);
  t.title = r.Text(1);
  t.due_on = ParseDate(r.Text(2)).value_or(Date{});
  t.assigned_to = r.Text(3);
  t.done_at = r.Text(4);
  t.done_by = r.Text(5);
  t.meta = db::ReadMeta(r, 6);
  return t;
}

}  // namespace

Result<std::vector<InquiryRecord>> InquiryStore::List(db::Transaction& tx, const std::string& org_id,
                                                      const InquiryQuery& q) {
  std::string sql = "SELECT " + std::string(kInquiryColumns) +
                    ", s.given_name, s.preferred_name, s.family_name, t.name, p.name, "
                    "(SELECT COUNT(*) " +
                    std::string(kOpenTasks) + "), (SELECT MIN(k.due_on) " + std::string(kOpenTasks) +
                    ") FROM inquiries i LEFT JOIN staff s ON s.id = i.assessor_id "
                    "LEFT JOIN tracks t ON t.id = i.track_id LEFT JOIN programs p ON p.id = i.program_id "
                    "WHERE i.org_id = ?";
  std::vector<Param> p{org_id};
  if (!q.only_id.empty()) {
    sql += " AND i.id = ?";
    p.emplace_back(q.only_id);
  } else {
    sql += " AND i.voided = 0";
  }
  if (!q.stage.empty()) {
    sql += " AND i.stage = ?";
    p.emplace_back(q.stage);
  }
  for (const auto& word : q.words) {
    sql += " AND i.search_text LIKE ? ESCAPE '\\'";
    p.emplace_back(WordPattern(word));
  }
  if (q.overdue_before) {
    sql += " AND EXISTS (SELECT 1 " + std::string(kOpenTasks) + " AND k.due_on < ?)";
    p.emplace_back(FormatDate(*q.overdue_before));
  }
  sql += " ORDER BY i.received_at DESC, i.id DESC LIMIT ?";
  p.emplace_back(static_cast<std::int64_t>(q.limit));
  const std::optional<Date> today = q.today;
  return db::ReadAll<InquiryRecord>(tx, sql, std::move(p), [today](const db::Row& r) {
    InquiryRecord rec;
    rec.inquiry = ReadInquiry(r);
    const std::size_t i = kInquiryColumnCount;
    rec.assessor_name = StaffName(r, i);
    rec.track_name = r.Text(i + 3);
    rec.program_name = r.Text(i + 4);
    rec.open_tasks = static_cast<int>(r.Int(i + 5));
    rec.next_due = ParseDate(r.Text(i + 6));
    rec.overdue = rec.next_due && today && std::chrono::sys_days(*rec.next_due) < std::chrono::sys_days(*today);
    return rec;
  });
}

Result<std::optional<Inquiry>> InquiryStore::Get(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& id) {
  return db::ReadOne<Inquiry>(
      tx, "SELECT " + std::string(kInquiryColumns) + " FROM inquiries i WHERE i.org_id = ? AND i.id = ?",
      {org_id, id}, ReadInquiry);
}

Status InquiryStore::Insert(db::Transaction& tx, const Inquiry& q) {
  std::vector<Param> values{q.meta.id, q.meta.org_id};
  for (auto& v : CallValues(q)) values.push_back(std::move(v));
  auto pipeline = PipelineValues(q);
  pipeline.pop_back();  // program_id is among the call's values
  for (auto& v : pipeline) values.push_back(std::move(v));
  values.insert(values.end(), {q.meta.created_at, q.meta.created_at});
  SW_TRY(tx.Execute(
      "INSERT INTO inquiries (id, org_id, received_at, caller_type, caller_name, caller_relationship, caller_phone, "
      "may_leave_message, given_name, family_name, birth_date, phone, email, referral_source, referrer_name, "
      "substances, urgency, payer, member_id, preferred_schedule, program_id, notes, search_text, stage, "
      "stage_changed_at, stage_reason, referred_to, track_id, waitlisted_at, assessment_at, assessor_id, client_id, "
      "episode_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      std::span<const Param>(values)));
  return Ok();
}

Status InquiryStore::Update(db::Transaction& tx, const Inquiry& q, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "inquiries", q.meta.org_id, q.meta.id, expected, kCallSet, CallValues(q), now);
}

Status InquiryStore::UpdatePipeline(db::Transaction& tx, const Inquiry& q, std::int64_t expected,
                                    const std::string& now) {
  return db::UpdateVersioned(tx, "inquiries", q.meta.org_id, q.meta.id, expected, kPipelineSet, PipelineValues(q),
                             now);
}

Result<std::string> InquiryStore::OpenInquiryOfClient(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& client_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT id FROM inquiries WHERE org_id = ? AND client_id = ? AND voided = 0 AND stage "
                              "NOT IN ('admitted', 'referred', 'closed') ORDER BY received_at DESC, id DESC LIMIT 1",
                              {org_id, client_id}));
  if (rs.empty()) return std::string();
  return rs.rows[0].Text(0);
}

Result<std::map<std::string, int>> InquiryStore::CountByStage(db::Transaction& tx, const std::string& org_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT stage, COUNT(*) FROM inquiries WHERE org_id = ? AND voided = 0 GROUP BY stage",
                              {org_id}));
  std::map<std::string, int> counts;
  for (const auto& r : rs.rows) counts[r.Text(0)] = static_cast<int>(r.Int(1));
  return counts;
}

Result<std::vector<Inquiry>> InquiryStore::Waitlisted(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& track_id) {
  std::string sql = "SELECT " + std::string(kInquiryColumns) +
                    " FROM inquiries i WHERE i.org_id = ? AND i.voided = 0 AND i.stage = 'waitlisted'";
  std::vector<Param> p{org_id};
  if (!track_id.empty()) {
    sql += " AND i.track_id = ?";
    p.emplace_back(track_id);
  }
  sql += " ORDER BY i.waitlisted_at, i.id";
  return db::ReadAll<Inquiry>(tx, sql, std::move(p), ReadInquiry);
}

Result<std::vector<TaskSummary>> InquiryStore::ListTasks(db::Transaction& tx, const std::string& org_id,
                                                         const TaskListQuery& q) {
  std::string sql = "SELECT " + std::string(kTaskColumns) +
                    ", i.given_name, i.family_name, i.stage, s.given_name, s.preferred_name, s.family_name "
                    "FROM inquiry_tasks k JOIN inquiries i ON i.id = k.inquiry_id "
                    "LEFT JOIN staff s ON s.id = k.assigned_to WHERE k.org_id = ? AND k.voided = 0";
  std::vector<Param> p{org_id};
  if (!q.inquiry_id.empty()) {
    sql += " AND k.inquiry_id = ?";
    p.emplace_back(q.inquiry_id);
  } else {
    sql += " AND i.voided = 0";
  }
  if (!q.include_done) sql += " AND k.done_at IS NULL";
  if (q.due_before) {
    sql += " AND k.due_on < ?";
    p.emplace_back(FormatDate(*q.due_before));
  }
  if (!q.assigned_to.empty()) {
    sql += " AND k.assigned_to = ?";
    p.emplace_back(q.assigned_to);
  }
  sql += " ORDER BY k.due_on, k.id LIMIT ?";
  p.emplace_back(static_cast<std::int64_t>(q.limit));
  return db::ReadAll<TaskSummary>(tx, sql, std::move(p), [](const db::Row& r) {
    TaskSummary s;
    s.task = ReadTask(r);
    const std::size_t i = 13;
    s.inquiry_name = r.Text(i + 1).empty() ? r.Text(i) : r.Text(i) + " " + r.Text(i + 1);
    s.inquiry_stage = r.Text(i + 2);
    s.assigned_to_name = StaffName(r, i + 3);
    return s;
  });
}

Result<std::optional<InquiryTask>> InquiryStore::GetTask(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& id) {
  return db::ReadOne<InquiryTask>(
      tx, "SELECT " + std::string(kTaskColumns) + " FROM inquiry_tasks k WHERE k.org_id = ? AND k.id = ?",
      {org_id, id}, ReadTask);
}

Status InquiryStore::InsertTask(db::Transaction& tx, const InquiryTask& t) {
  SW_TRY(tx.Execute(
      "INSERT INTO inquiry_tasks (id, org_id, inquiry_id, title, due_on, assigned_to, done_at, done_by, version, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {t.meta.id, t.meta.org_id, t.inquiry_id, t.title, FormatDate(t.due_on), OptText(t.assigned_to),
       OptText(t.done_at), OptText(t.done_by), t.meta.created_at, t.meta.created_at}));
  return Ok();
}

Status InquiryStore::CompleteTask(db::Transaction& tx, const InquiryTask& t, std::int64_t expected,
                                  const std::string& now) {
  return db::UpdateVersioned(tx, "inquiry_tasks", t.meta.org_id, t.meta.id, expected, "done_at = ?, done_by = ?",
                             {t.done_at, t.done_by}, now);
}

}  // namespace stepwise::admissions
