#include "care/assessment/assessment_store.h"

#include <cstdlib>

#include "platform/db/records.h"

namespace stepwise::assessment {

using db::OptText;
using db::Param;

namespace {

const std::string kSelect =
    "SELECT a.client_id, a.episode_id, a.inquiry_id, a.kind, a.status, a.assessor_id, a.assessor_user, "
    "COALESCE(COALESCE(NULLIF(s.preferred_name, ''), s.given_name) || ' ' || s.family_name, u.display_name), "
    "a.sections, a.asam_edition, a.flags, a.started_at, a.completed_at, a.recommendation, a.recommended_level, "
    "a.current_level, a.direction, a.decided_level, a.decision_reason, a.decided_by, a.decided_by_name, "
    "a.decided_at, a.outcome_kind, a.outcome_detail, a.outcome_at, a.id, a.org_id, a.version, a.voided, "
    "a.void_reason, a.created_at, a.updated_at FROM assessments a LEFT JOIN staff s ON s.id = a.assessor_id "
    "LEFT JOIN users u ON u.id = a.assessor_user";

Assessment Read(const db::Row& r) {
  Assessment a;
  a.client_id = r.Text(0);
  a.episode_id = r.Text(1);
  a.inquiry_id = r.Text(2);
  a.kind = r.Text(3);
  a.status = r.Text(4);
  a.assessor_id = r.Text(5);
  a.assessor_user = r.Text(6);
  a.assessor_name = r.Text(7);
  a.sections_json = r.Text(8);
  a.asam_edition = static_cast<int>(r.Int(9));
  a.flags = db::SplitCodes(r.Text(10));
  a.started_at = r.Text(11);
  a.completed_at = r.Text(12);
  a.recommendation_json = r.Text(13);
  a.recommended_level = r.Text(14);
  a.current_level = r.Text(15);
  a.direction = r.Text(16);
  a.decided_level = r.Text(17);
  a.decision_reason = r.Text(18);
  a.decided_by = r.Text(19);
  a.decided_by_name = r.Text(20);
  a.decided_at = r.Text(21);
  a.outcome_kind = r.Text(22);
  a.outcome_detail_json = r.Text(23);
  a.outcome_at = r.Text(24);
  a.meta = db::ReadMeta(r, 25);
  return a;
}

Param OptInt(const std::optional<int>& v) { return v ? Param(static_cast<std::int64_t>(*v)) : Param(nullptr); }

std::optional<int> ReadOptInt(const db::Row& r, std::size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return static_cast<int>(r.Int(i));
}

Status WriteChildren(db::Transaction& tx, const Assessment& a) {
  SW_TRY(tx.Execute("DELETE FROM assessment_substances WHERE org_id = ? AND assessment_id = ?",
                    {a.meta.org_id, a.meta.id}));
  std::int64_t position = 0;
  for (const auto& s : a.substances) {
    SW_TRY(tx.Execute(
        "INSERT INTO assessment_substances (assessment_id, org_id, position, teds_code, age_first_use, route, "
        "frequency_30d, last_use, amount, criteria, severity, diagnosis_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)",
        {a.meta.id, a.meta.org_id, position++, OptInt(s.teds_code), OptInt(s.age_first_use), OptText(s.route),
         OptText(s.frequency_30d), OptText(s.last_use), OptText(s.amount), OptText(db::JoinCodes(s.criteria)),
         OptText(s.severity), OptText(s.diagnosis_code)}));
  }
  SW_TRY(tx.Execute("DELETE FROM assessment_dimensions WHERE org_id = ? AND assessment_id = ?",
                    {a.meta.org_id, a.meta.id}));
  for (const auto& d : a.dimensions) {
    SW_TRY(tx.Execute(
        "INSERT INTO assessment_dimensions (assessment_id, org_id, number, rating, rationale) VALUES (?, ?, ?, ?, ?)",
        {a.meta.id, a.meta.org_id, static_cast<std::int64_t>(d.number), OptInt(d.rating), OptText(d.rationale)}));
  }
  return Ok();
}

std::vector<Param> Values(const Assessment& a) {
  return {a.status,
          OptText(a.episode_id),
          a.sections_json,
          static_cast<std::int64_t>(a.asam_edition),
          OptText(db::JoinCodes(a.flags)),
          OptText(a.completed_at),
          OptText(a.recommendation_json),
          OptText(a.recommended_level),
          OptText(a.current_level),
          OptText(a.direction),
          OptText(a.decided_level),
          OptText(a.decision_reason),
          OptText(a.decided_by),
          OptText(a.decided_by_name),
          OptText(a.decided_at),
          OptText(a.outcome_kind),
          OptText(a.outcome_detail_json),
          OptText(a.outcome_at)};
}

}  // namespace

Result<std::optional<Assessment>> AssessmentStore::Get(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& id) {
  SW_ASSIGN(auto a, db::ReadOne<Assessment>(tx, kSelect + " WHERE a.org_id = ? AND a.id = ?", {org_id, id}, Read));
  if (!a) return a;
  SW_ASSIGN(auto subs, tx.Query("SELECT teds_code, age_first_use, route, frequency_30d, last_use, amount, criteria, "
                                "severity, diagnosis_code FROM assessment_substances WHERE org_id = ? AND "
                                "assessment_id = ? ORDER BY position",
                                {org_id, id}));
  for (const auto& r : subs.rows) {
    a->substances.push_back({ReadOptInt(r, 0), ReadOptInt(r, 1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                             db::SplitCodes(r.Text(6)), r.Text(7), r.Text(8)});
  }
  a->dimensions = EmptyDimensions();
  SW_ASSIGN(auto dims, tx.Query("SELECT number, rating, rationale FROM assessment_dimensions WHERE org_id = ? AND "
                                "assessment_id = ? ORDER BY number",
                                {org_id, id}));
  for (const auto& r : dims.rows) {
    const auto n = r.Int(0);
    if (n < 1 || n > 6) continue;
    a->dimensions[static_cast<std::size_t>(n - 1)] = {static_cast<int>(n), ReadOptInt(r, 1), r.Text(2)};
  }
  return a;
}

Result<std::vector<Assessment>> AssessmentStore::ListForClient(db::Transaction& tx, const std::string& org_id,
                                                               const std::string& client_id) {
  return db::ReadAll<Assessment>(
      tx, kSelect + " WHERE a.org_id = ? AND a.client_id = ? ORDER BY a.started_at DESC, a.id DESC",
      {org_id, client_id}, Read);
}

Status AssessmentStore::Insert(db::Transaction& tx, const Assessment& a) {
  auto values = Values(a);
  values.insert(values.begin(), {a.meta.id, a.meta.org_id, a.client_id, OptText(a.inquiry_id), a.kind,
                                 OptText(a.assessor_id), a.assessor_user, a.started_at});
  values.insert(values.end(), {a.meta.created_at, a.meta.created_at});
  SW_TRY(tx.Execute(
      "INSERT INTO assessments (id, org_id, client_id, inquiry_id, kind, assessor_id, assessor_user, started_at, "
      "status, episode_id, sections, asam_edition, flags, completed_at, recommendation, recommended_level, "
      "current_level, direction, decided_level, decision_reason, decided_by, decided_by_name, decided_at, "
      "outcome_kind, outcome_detail, outcome_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      std::span<const Param>(values)));
  return WriteChildren(tx, a);
}

Status AssessmentStore::Update(db::Transaction& tx, const Assessment& a, std::int64_t expected,
                               const std::string& now) {
  SW_TRY(db::UpdateVersioned(tx, "assessments", a.meta.org_id, a.meta.id, expected,
                             "status = ?, episode_id = ?, sections = ?, asam_edition = ?, flags = ?, "
                             "completed_at = ?, recommendation = ?, recommended_level = ?, current_level = ?, "
                             "direction = ?, decided_level = ?, decision_reason = ?, decided_by = ?, "
                             "decided_by_name = ?, decided_at = ?, outcome_kind = ?, outcome_detail = ?, "
                             "outcome_at = ?",
                             Values(a), now));
  return WriteChildren(tx, a);
}

Status AssessmentStore::Void(db::Transaction& tx, const std::string& org_id, const std::string& id,
                             std::int64_t expected, const std::string& reason, const std::string& now) {
  return db::UpdateVersioned(tx, "assessments", org_id, id, expected,
                             "status = 'voided', voided = 1, void_reason = ?, voided_at = ?", {reason, now}, now);
}

}  // namespace stepwise::assessment
