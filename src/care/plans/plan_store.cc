#include "care/plans/plan_store.h"

#include "care/plans/plan_json.h"
#include "platform/db/records.h"

namespace stepwise::plans {

using db::OptText;
using db::Param;

namespace {

const std::string kPlanSelect =
    "SELECT p.client_id, p.episode_id, p.current_version_no, p.active_version_no, p.activated_on, "
    "p.last_review_on, p.next_review_due, e.admission_date, e.program_id, p.id, p.org_id, p.version, p.voided, "
    "p.void_reason, p.created_at, p.updated_at FROM plans p JOIN episodes e ON e.id = p.episode_id";

std::optional<Date> OptDate(const db::Row& r, std::size_t i) { return ParseDate(r.Text(i)); }
Param DateParam(const std::optional<Date>& d) { return d ? Param(FormatDate(*d)) : Param(nullptr); }
Param OptInt(const std::optional<int>& v) { return v ? Param(static_cast<std::int64_t>(*v)) : Param(nullptr); }

Plan ReadPlan(const db::Row& r) {
  Plan p;
  p.client_id = r.Text(0);
  p.episode_id = r.Text(1);
  p.current_version_no = static_cast<int>(r.Int(2));
  if (!r.IsNull(3)) p.active_version_no = static_cast<int>(r.Int(3));
  p.activated_on = OptDate(r, 4);
  p.last_review_on = OptDate(r, 5);
  p.next_review_due = OptDate(r, 6);
  p.admission_date = OptDate(r, 7);
  p.program_id = r.Text(8);
  p.meta = db::ReadMeta(r, 9);
  return p;
}

Status ReadSummaries(db::Transaction& tx, Plan& p) {
  SW_ASSIGN(auto rs, tx.Query("SELECT no, status, reason, created_at, created_by_name FROM plan_versions WHERE "
                              "org_id = ? AND plan_id = ? ORDER BY no",
                              {p.meta.org_id, p.meta.id}));
  for (const auto& r : rs.rows) {
    p.versions.push_back({static_cast<int>(r.Int(0)), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  }
  return Ok();
}

const std::string kVersionSelect =
    "SELECT id, org_id, plan_id, no, status, reason, content, content_sha256, author_staff_id, author_licensed, "
    "created_by, created_by_name, activated_at, superseded_at, version, created_at, updated_at FROM plan_versions";

PlanVersion ReadVersion(const db::Row& r) {
  PlanVersion v;
  v.id = r.Text(0);
  v.org_id = r.Text(1);
  v.plan_id = r.Text(2);
  v.no = static_cast<int>(r.Int(3));
  v.status = r.Text(4);
  v.reason = r.Text(5);
  v.content = ContentFromText(r.Text(6));
  v.content_sha256 = r.Text(7);
  v.author_staff_id = r.Text(8);
  v.author_licensed = r.Int(9) != 0;
  v.created_by = r.Text(10);
  v.created_by_name = r.Text(11);
  v.activated_at = r.Text(12);
  v.superseded_at = r.Text(13);
  v.version = r.Int(14);
  v.created_at = r.Text(15);
  v.updated_at = r.Text(16);
  return v;
}

}  // namespace

Result<std::optional<Plan>> PlanStore::Get(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  SW_ASSIGN(auto p, db::ReadOne<Plan>(tx, kPlanSelect + " WHERE p.org_id = ? AND p.id = ?", {org_id, id}, ReadPlan));
  if (p) SW_TRY(ReadSummaries(tx, *p));
  return p;
}

Result<std::vector<Plan>> PlanStore::ListForClient(db::Transaction& tx, const std::string& org_id,
                                                   const std::string& client_id) {
  SW_ASSIGN(auto list, db::ReadAll<Plan>(tx, kPlanSelect + " WHERE p.org_id = ? AND p.client_id = ? ORDER BY p.created_at DESC, p.id DESC",
                                         {org_id, client_id}, ReadPlan));
  for (auto& p : list) SW_TRY(ReadSummaries(tx, p));
  return list;
}

Result<std::optional<std::string>> PlanStore::PlanOfEpisode(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& episode_id) {
  return db::ReadOne<std::string>(tx, "SELECT id FROM plans WHERE org_id = ? AND episode_id = ? AND voided = 0",
                                  {org_id, episode_id}, [](const db::Row& r) { return r.Text(0); });
}

Status PlanStore::Insert(db::Transaction& tx, const Plan& p) {
  SW_TRY(tx.Execute(
      "INSERT INTO plans (id, org_id, client_id, episode_id, current_version_no, active_version_no, activated_on, "
      "last_review_on, next_review_due, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {p.meta.id, p.meta.org_id, p.client_id, p.episode_id, static_cast<std::int64_t>(p.current_version_no),
       OptInt(p.active_version_no), DateParam(p.activated_on), DateParam(p.last_review_on),
       DateParam(p.next_review_due), p.meta.version, p.meta.created_at, p.meta.updated_at}));
  return Ok();
}

Status PlanStore::Update(db::Transaction& tx, const Plan& p, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "plans", p.meta.org_id, p.meta.id, expected,
                             "current_version_no = ?, active_version_no = ?, activated_on = ?, last_review_on = ?, "
                             "next_review_due = ?",
                             {static_cast<std::int64_t>(p.current_version_no), OptInt(p.active_version_no),
                              DateParam(p.activated_on), DateParam(p.last_review_on), DateParam(p.next_review_due)},
                             now);
}

Result<std::optional<PlanVersion>> PlanStore::GetVersion(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& plan_id, int no) {
  return db::ReadOne<PlanVersion>(tx, kVersionSelect + " WHERE org_id = ? AND plan_id = ? AND no = ?",
                                  {org_id, plan_id, static_cast<std::int64_t>(no)}, ReadVersion);
}

Status PlanStore::InsertVersion(db::Transaction& tx, const PlanVersion& v) {
  SW_TRY(tx.Execute(
      "INSERT INTO plan_versions (id, org_id, plan_id, no, status, reason, content, content_sha256, author_staff_id, "
      "author_licensed, created_by, created_by_name, activated_at, superseded_at, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {v.id, v.org_id, v.plan_id, static_cast<std::int64_t>(v.no), v.status, OptText(v.reason), ContentText(v.content),
       OptText(v.content_sha256), OptText(v.author_staff_id), static_cast<std::int64_t>(v.author_licensed ? 1 : 0),
       v.created_by, v.created_by_name, OptText(v.activated_at), OptText(v.superseded_at), v.version, v.created_at,
       v.updated_at}));
  return Ok();
}

Status PlanStore::UpdateVersion(db::Transaction& tx, const PlanVersion& v, std::int64_t expected,
                                const std::string& now) {
  SW_ASSIGN(auto changed,
            tx.Execute("UPDATE plan_versions SET status = ?, reason = ?, content = ?, content_sha256 = ?, "
                       "author_staff_id = ?, author_licensed = ?, activated_at = ?, superseded_at = ?, "
                       "version = version + 1, updated_at = ? WHERE org_id = ? AND id = ? AND version = ?",
                       {v.status, OptText(v.reason), ContentText(v.content), OptText(v.content_sha256),
                        OptText(v.author_staff_id), static_cast<std::int64_t>(v.author_licensed ? 1 : 0),
                        OptText(v.activated_at), OptText(v.superseded_at), now, v.org_id, v.id, expected}));
  if (changed == 0) return Error::StaleVersion();
  return Ok();
}

Status PlanStore::InsertReview(db::Transaction& tx, const Review& r) {
  SW_TRY(tx.Execute(
      "INSERT INTO plan_reviews (id, org_id, plan_id, version_no, reviewed_on, reviewer_staff_id, reviewer_user, "
      "reviewer_name, direction, content, next_review_due, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?)",
      {r.meta.id, r.meta.org_id, r.plan_id, static_cast<std::int64_t>(r.version_no), FormatDate(r.reviewed_on),
       OptText(r.reviewer_staff_id), r.reviewer_user, r.reviewer_name, r.content.level_of_care.direction,
       ReviewContentText(r.content), DateParam(r.next_review_due), r.meta.version, r.meta.created_at,
       r.meta.updated_at}));
  return Ok();
}

Result<std::vector<Review>> PlanStore::Reviews(db::Transaction& tx, const std::string& org_id,
                                               const std::string& plan_id) {
  return db::ReadAll<Review>(
      tx,
      "SELECT plan_id, version_no, reviewed_on, reviewer_staff_id, reviewer_user, reviewer_name, content, "
      "next_review_due, id, org_id, version, voided, void_reason, created_at, updated_at FROM plan_reviews WHERE "
      "org_id = ? AND plan_id = ? ORDER BY reviewed_on DESC, id DESC",
      {org_id, plan_id}, [](const db::Row& r) {
        Review v;
        v.plan_id = r.Text(0);
        v.version_no = static_cast<int>(r.Int(1));
        v.reviewed_on = ParseDate(r.Text(2)).value_or(Date{});
        v.reviewer_staff_id = r.Text(3);
        v.reviewer_user = r.Text(4);
        v.reviewer_name = r.Text(5);
        v.content = ReviewContentFromText(r.Text(6));
        v.next_review_due = ParseDate(r.Text(7));
        v.meta = db::ReadMeta(r, 8);
        return v;
      });
}

Result<std::vector<DueCandidate>> PlanStore::DueCandidates(db::Transaction& tx, const std::string& org_id,
                                                           bool caseload_only, const std::string& counselor_id,
                                                           const std::vector<std::string>& also_client_ids) {
  std::string sql =
      "SELECT e.client_id, COALESCE(NULLIF(c.preferred_name, ''), c.given_name) || ' ' || c.family_name, e.id, "
      "e.counselor_id, COALESCE(COALESCE(NULLIF(s.preferred_name, ''), s.given_name) || ' ' || s.family_name, ''), "
      "p.id, e.admission_date, p.active_version_no, p.next_review_due FROM episodes e JOIN clients c ON c.id = "
      "e.client_id LEFT JOIN staff s ON s.id = e.counselor_id LEFT JOIN plans p ON p.episode_id = e.id AND "
      "p.voided = 0 WHERE e.org_id = ? AND e.voided = 0 AND c.voided = 0 AND e.stage IN ('orientation', "
      "'treatment')";
  std::vector<Param> params{org_id};
  if (caseload_only) {
    sql += " AND (1 = 0";
    if (!counselor_id.empty()) {
      sql += " OR e.counselor_id = ?";
      params.emplace_back(counselor_id);
    }
    for (const auto& id : also_client_ids) {
      sql += " OR e.client_id = ?";
      params.emplace_back(id);
    }
    sql += ")";
  }
  sql += " ORDER BY e.client_id";
  return db::ReadAll<DueCandidate>(tx, sql, std::move(params), [](const db::Row& r) {
    DueCandidate d;
    d.client_id = r.Text(0);
    d.client_name = r.Text(1);
    d.episode_id = r.Text(2);
    d.counselor_id = r.Text(3);
    d.counselor_name = r.Text(4);
    d.plan_id = r.Text(5);
    d.admission_date = ParseDate(r.Text(6));
    if (!r.IsNull(7)) d.active_version_no = static_cast<int>(r.Int(7));
    d.next_review_due = ParseDate(r.Text(8));
    return d;
  });
}

Result<std::optional<StoredCatalog>> PlanStore::Catalog(db::Transaction& tx, const std::string& org_id,
                                                        const std::string& program_id) {
  return db::ReadOne<StoredCatalog>(
      tx, "SELECT program_id, catalog, version, updated_at FROM plan_catalogs WHERE org_id = ? AND program_id = ?",
      {org_id, program_id},
      [](const db::Row& r) { return StoredCatalog{r.Text(0), r.Text(1), r.Int(2), r.Text(3)}; });
}

Status PlanStore::PutCatalog(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                             const std::string& catalog_json, std::int64_t expected, const std::string& now) {
  SW_ASSIGN(auto existing, Catalog(tx, org_id, program_id));
  const std::int64_t current = existing ? existing->version : 0;
  if (current != expected) return Error::StaleVersion();
  if (!existing) {
    SW_TRY(tx.Execute("INSERT INTO plan_catalogs (program_id, org_id, catalog, version, created_at, updated_at) "
                      "VALUES (?, ?, ?, 1, ?, ?)",
                      {program_id, org_id, catalog_json, now, now}));
    return Ok();
  }
  SW_ASSIGN(auto changed, tx.Execute("UPDATE plan_catalogs SET catalog = ?, version = version + 1, updated_at = ? "
                                     "WHERE org_id = ? AND program_id = ? AND version = ?",
                                     {catalog_json, now, org_id, program_id, expected}));
  if (changed == 0) return Error::StaleVersion();
  return Ok();
}

}  // namespace stepwise::plans
