#include "care/assessment/response_store.h"

#include <cstdlib>

#include "platform/db/records.h"

namespace stepwise::assessment {

using db::OptText;
using db::Param;

namespace {

// A staff member's display name from the staff row `alias`, falling back to the user's display name.
std::string NameOf(const std::string& staff, const std::string& user) {
  return "COALESCE(COALESCE(NULLIF(" + staff + ".preferred_name, ''), " + staff + ".given_name) || ' ' || " + staff +
         ".family_name, " + user + ".display_name)";
}

std::optional<double> OptNumber(const db::Row& r, std::size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return std::strtod(r.Text(i).c_str(), nullptr);
}

Param OptNumberParam(const std::optional<double>& v) { return v ? Param(*v) : Param(nullptr); }

const std::string kResponseSelect =
    "SELECT r.client_id, r.episode_id, r.assessment_id, r.instrument, r.instrument_version, r.status, "
    "r.completed_by, r.administered_by, r.administered_by_user, " +
    NameOf("s", "u") +
    ", r.started_at, r.completed_at, r.total, r.band_code, r.band_label, r.flags, r.scoring, "
    "COALESCE(NULLIF(c.preferred_name, ''), c.given_name), r.id, r.org_id, r.version, r.voided, r.void_reason, "
    "r.created_at, r.updated_at FROM instrument_responses r JOIN clients c ON c.id = r.client_id "
    "LEFT JOIN staff s ON s.id = r.administered_by LEFT JOIN users u ON u.id = r.administered_by_user";

InstrumentResponse ReadResponse(const db::Row& row) {
  InstrumentResponse r;
  r.client_id = row.Text(0);
  r.episode_id = row.Text(1);
  r.assessment_id = row.Text(2);
  r.instrument = row.Text(3);
  r.instrument_version = row.Text(4);
  r.status = row.Text(5);
  r.completed_by = row.Text(6);
  r.administered_by = row.Text(7);
  r.administered_by_user = row.Text(8);
  r.administered_by_name = row.Text(9);
  r.started_at = row.Text(10);
  r.completed_at = row.Text(11);
  r.total = OptNumber(row, 12);
  r.band_code = row.Text(13);
  r.band_label = row.Text(14);
  r.flags = db::SplitCodes(row.Text(15));
  r.scoring_json = row.Text(16);
  r.client_first_name = row.Text(17);
  r.meta = db::ReadMeta(row, 18);
  return r;
}

Status WriteAnswers(db::Transaction& tx, const InstrumentResponse& r) {
  SW_TRY(tx.Execute("DELETE FROM instrument_answers WHERE org_id = ? AND response_id = ?", {r.meta.org_id, r.meta.id}));
  for (const auto& a : r.answers) {
    SW_TRY(
        tx.Execute("INSERT INTO instrument_answers (response_id, org_id, item_id, answer_code, value, loinc) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   {r.meta.id, r.meta.org_id, a.item_id, a.code, a.value, OptText(a.loinc)}));
  }
  return Ok();
}

const std::string kAlertSelect =
    "SELECT a.client_id, COALESCE(NULLIF(c.preferred_name, ''), c.given_name) || ' ' || c.family_name, "
    "a.response_id, r.instrument, a.program_id, a.kind, a.label, a.severity, a.raised_at, a.assigned_to, " +
    NameOf("s", "u") +
    ", a.raised_for_user, a.status, a.actions, a.note, a.resolved_by, a.resolved_by_name, a.resolved_at, "
    "a.id, a.org_id, a.version, a.voided, a.void_reason, a.created_at, a.updated_at FROM safety_alerts a "
    "JOIN clients c ON c.id = a.client_id JOIN instrument_responses r ON r.id = a.response_id "
    "LEFT JOIN staff s ON s.id = a.assigned_to LEFT JOIN users u ON u.id = a.raised_for_user";

SafetyAlert ReadAlert(const db::Row& row) {
  SafetyAlert a;
  a.client_id = row.Text(0);
  a.client_name = row.Text(1);
  a.response_id = row.Text(2);
  a.instrument = row.Text(3);
  a.program_id = row.Text(4);
  a.kind = row.Text(5);
  a.label = row.Text(6);
  a.severity = row.Text(7);
  a.raised_at = row.Text(8);
  a.assigned_to = row.Text(9);
  a.assigned_to_name = row.Text(10);
  a.raised_for_user = row.Text(11);
  a.status = row.Text(12);
  a.actions = db::SplitCodes(row.Text(13));
  a.note = row.Text(14);
  a.resolved_by = row.Text(15);
  a.resolved_by_name = row.Text(16);
  a.resolved_at = row.Text(17);
  a.meta = db::ReadMeta(row, 18);
  return a;
}

Status ReadRecipients(db::Transaction& tx, const std::string& org_id, SafetyAlert& a) {
  SW_ASSIGN(auto rs, tx.Query("SELECT staff_id FROM safety_alert_recipients WHERE org_id = ? AND alert_id = ? "
                              "ORDER BY staff_id",
                              {org_id, a.meta.id}));
  for (const auto& r : rs.rows) a.recipients.push_back(r.Text(0));
  return Ok();
}

}  // namespace

Result<std::optional<InstrumentResponse>> ResponseStore::Get(db::Transaction& tx, const std::string& org_id,
                                                             const std::string& id) {
  SW_ASSIGN(auto r, db::ReadOne<InstrumentResponse>(tx, kResponseSelect + " WHERE r.org_id = ? AND r.id = ?",
                                                    {org_id, id}, ReadResponse));
  if (!r) return r;
  SW_ASSIGN(auto rs, tx.Query("SELECT item_id, answer_code, value, loinc FROM instrument_answers "
                              "WHERE org_id = ? AND response_id = ? ORDER BY item_id",
                              {org_id, id}));
  for (const auto& row : rs.rows) {
    r->answers.push_back({row.Text(0), row.Text(1), std::strtod(row.Text(2).c_str(), nullptr), row.Text(3)});
  }
  return r;
}

Result<std::vector<InstrumentResponse>> ResponseStore::List(db::Transaction& tx, const std::string& org_id,
                                                            const ResponseQuery& q) {
  std::string sql = kResponseSelect + " WHERE r.org_id = ?";
  std::vector<Param> p{org_id};
  if (!q.client_id.empty()) {
    sql += " AND r.client_id = ?";
    p.emplace_back(q.client_id);
  }
  if (!q.assessment_id.empty()) {
    sql += " AND r.assessment_id = ?";
    p.emplace_back(q.assessment_id);
  }
  if (!q.instrument.empty()) {
    sql += " AND r.instrument = ?";
    p.emplace_back(q.instrument);
  }
  if (!q.include_voided) sql += " AND r.voided = 0";
  sql += " ORDER BY COALESCE(r.completed_at, r.started_at) DESC, r.id DESC";
  return db::ReadAll<InstrumentResponse>(tx, sql, std::move(p), ReadResponse);
}

Status ResponseStore::Insert(db::Transaction& tx, const InstrumentResponse& r) {
  SW_TRY(tx.Execute(
      "INSERT INTO instrument_responses (id, org_id, client_id, episode_id, assessment_id, instrument, "
      "instrument_version, status, completed_by, administered_by, administered_by_user, started_at, completed_at, "
      "total, band_code, band_label, flags, scoring, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {r.meta.id,
       r.meta.org_id,
       r.client_id,
       OptText(r.episode_id),
       OptText(r.assessment_id),
       r.instrument,
       r.instrument_version,
       r.status,
       r.completed_by,
       OptText(r.administered_by),
       r.administered_by_user,
       r.started_at,
       OptText(r.completed_at),
       OptNumberParam(r.total),
       OptText(r.band_code),
       OptText(r.band_label),
       OptText(db::JoinCodes(r.flags)),
       OptText(r.scoring_json),
       r.meta.created_at,
       r.meta.created_at}));
  return WriteAnswers(tx, r);
}

Status ResponseStore::Update(db::Transaction& tx, const InstrumentResponse& r, std::int64_t expected,
                             const std::string& now) {
  SW_TRY(db::UpdateVersioned(
      tx, "instrument_responses", r.meta.org_id, r.meta.id, expected,
      "status = ?, completed_by = ?, completed_at = ?, total = ?, band_code = ?, "
      "band_label = ?, flags = ?, scoring = ?",
      {r.status, r.completed_by, OptText(r.completed_at), OptNumberParam(r.total), OptText(r.band_code),
       OptText(r.band_label), OptText(db::JoinCodes(r.flags)), OptText(r.scoring_json)},
      now));
  return WriteAnswers(tx, r);
}

Status ResponseStore::Void(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t expected,
                           const std::string& reason, const std::string& now) {
  return db::UpdateVersioned(tx, "instrument_responses", org_id, id, expected,
                             "status = 'voided', voided = 1, void_reason = ?, voided_at = ?", {reason, now}, now);
}

Result<std::optional<SafetyAlert>> ResponseStore::GetAlert(db::Transaction& tx, const std::string& org_id,
                                                           const std::string& id) {
  SW_ASSIGN(auto a,
            db::ReadOne<SafetyAlert>(tx, kAlertSelect + " WHERE a.org_id = ? AND a.id = ?", {org_id, id}, ReadAlert));
  if (a) SW_TRY(ReadRecipients(tx, org_id, *a));
  return a;
}

Result<std::vector<SafetyAlert>> ResponseStore::ListAlerts(db::Transaction& tx, const std::string& org_id,
                                                           const AlertQuery& q) {
  std::string sql = kAlertSelect + " WHERE a.org_id = ? AND a.voided = 0";
  std::vector<Param> p{org_id};
  if (!q.client_id.empty()) {
    sql += " AND a.client_id = ?";
    p.emplace_back(q.client_id);
  }
  if (!q.staff_id.empty() || !q.user_id.empty()) {
    sql +=
        " AND (a.raised_for_user = ? OR EXISTS (SELECT 1 FROM safety_alert_recipients sr WHERE sr.org_id = a.org_id "
        "AND sr.alert_id = a.id AND sr.staff_id = ?))";
    p.emplace_back(q.user_id);
    p.emplace_back(q.staff_id.empty() ? std::string("-") : q.staff_id);
  }
  if (!q.status.empty()) {
    sql += " AND a.status = ?";
    p.emplace_back(q.status);
  }
  sql += " ORDER BY CASE WHEN a.status = 'open' THEN 0 ELSE 1 END, a.raised_at DESC, a.id DESC";
  SW_ASSIGN(auto alerts, db::ReadAll<SafetyAlert>(tx, sql, std::move(p), ReadAlert));
  for (auto& a : alerts) SW_TRY(ReadRecipients(tx, org_id, a));
  return alerts;
}

Status ResponseStore::InsertAlert(db::Transaction& tx, const SafetyAlert& a) {
  SW_TRY(tx.Execute(
      "INSERT INTO safety_alerts (id, org_id, client_id, response_id, program_id, kind, label, severity, raised_at, "
      "assigned_to, raised_for_user, status, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {a.meta.id, a.meta.org_id, a.client_id, a.response_id, OptText(a.program_id), a.kind, a.label, a.severity,
       a.raised_at, OptText(a.assigned_to), a.raised_for_user, a.status, a.meta.created_at, a.meta.created_at}));
  for (const auto& staff_id : a.recipients) {
    SW_TRY(tx.Execute("INSERT INTO safety_alert_recipients (alert_id, org_id, staff_id) VALUES (?, ?, ?)",
                      {a.meta.id, a.meta.org_id, staff_id}));
  }
  return Ok();
}

Result<std::vector<std::string>> ResponseStore::VoidOpenAlertsOf(db::Transaction& tx, const std::string& org_id,
                                                                 const std::string& response_id,
                                                                 const std::string& reason, const std::string& now) {
  SW_ASSIGN(auto rs, tx.Query("SELECT id FROM safety_alerts WHERE org_id = ? AND response_id = ? AND voided = 0 "
                              "AND status = 'open' ORDER BY id",
                              {org_id, response_id}));
  std::vector<std::string> ids;
  for (const auto& r : rs.rows) ids.push_back(r.Text(0));
  SW_TRY(
      tx.Execute("UPDATE safety_alerts SET voided = 1, void_reason = ?, voided_at = ?, version = version + 1, "
                 "updated_at = ? WHERE org_id = ? AND response_id = ? AND voided = 0 AND status = 'open'",
                 {reason, now, now, org_id, response_id}));
  return ids;
}

Status ResponseStore::ResolveAlert(db::Transaction& tx, const SafetyAlert& a, std::int64_t expected,
                                   const std::string& now) {
  return db::UpdateVersioned(tx, "safety_alerts", a.meta.org_id, a.meta.id, expected,
                             "status = 'resolved', actions = ?, note = ?, resolved_by = ?, resolved_by_name = ?, "
                             "resolved_at = ?",
                             {OptText(db::JoinCodes(a.actions)), a.note, a.resolved_by, a.resolved_by_name, now}, now);
}

Result<std::vector<std::string>> ResponseStore::OnCall(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& program_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT o.staff_id FROM program_on_call o JOIN staff s ON s.id = o.staff_id "
                              "WHERE o.org_id = ? AND o.program_id = ? AND s.voided = 0 ORDER BY o.position",
                              {org_id, program_id}));
  std::vector<std::string> out;
  for (const auto& r : rs.rows) out.push_back(r.Text(0));
  return out;
}

Status ResponseStore::SetOnCall(db::Transaction& tx, const std::string& org_id, const std::string& program_id,
                                const std::vector<std::string>& staff_ids) {
  SW_TRY(tx.Execute("DELETE FROM program_on_call WHERE org_id = ? AND program_id = ?", {org_id, program_id}));
  std::int64_t position = 0;
  for (const auto& id : staff_ids) {
    SW_TRY(tx.Execute("INSERT INTO program_on_call (program_id, org_id, staff_id, position) VALUES (?, ?, ?, ?)",
                      {program_id, org_id, id, position++}));
  }
  return Ok();
}

}  // namespace stepwise::assessment
