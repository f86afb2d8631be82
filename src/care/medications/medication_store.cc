#include "care/medications/medication_store.h"

#include "platform/db/records.h"

namespace stepwise::medications::store {
namespace {

db::Param OptDate(const std::optional<Date>& d) { return d ? db::Param(FormatDate(*d)) : db::Param(nullptr); }
std::optional<Date> ReadOptDate(const db::Row& row, std::size_t i) {
  return row.IsNull(i) ? std::nullopt : ParseDate(row.Text(i));
}

const std::string kMedicationColumns =
    std::string(db::kMetaColumns) +
    ", client_id, name, rxnorm_code, dose, route, frequency, prescriber, start_on, stop_on, stop_reason, category, "
    "mat_kind, source, note";

Medication ReadMedication(const db::Row& row) {
  Medication m;
  m.meta = db::ReadMeta(row, 0);
  std::size_t i = 7;
  m.client_id = row.Text(i++);
  m.name = row.Text(i++);
  m.rxnorm_code = row.Text(i++);
  m.dose = row.Text(i++);
  m.route = row.Text(i++);
  m.frequency = row.Text(i++);
  m.prescriber = row.Text(i++);
  m.start_on = ParseDate(row.Text(i++)).value_or(Date{});
  m.stop_on = ReadOptDate(row, i++);
  m.stop_reason = row.Text(i++);
  m.category = row.Text(i++);
  m.mat_kind = row.Text(i++);
  m.source = row.Text(i++);
  m.note = row.Text(i++);
  return m;
}

const std::string kReferralColumns =
    std::string(db::kMetaColumns) +
    ", client_id, provider_name, provider_contact, reason, status, sent_on, appointment_on, seen_on, closed_on, outcome";

Referral ReadReferral(const db::Row& row) {
  Referral r;
  r.meta = db::ReadMeta(row, 0);
  std::size_t i = 7;
  r.client_id = row.Text(i++);
  r.provider_name = row.Text(i++);
  r.provider_contact = row.Text(i++);
  r.reason = row.Text(i++);
  r.status = row.Text(i++);
  r.sent_on = ParseDate(row.Text(i++)).value_or(Date{});
  r.appointment_on = ReadOptDate(row, i++);
  r.seen_on = ReadOptDate(row, i++);
  r.closed_on = ReadOptDate(row, i++);
  r.outcome = row.Text(i++);
  return r;
}

const std::string kCheckinColumns =
    std::string(db::kMetaColumns) +
    ", client_id, medication_id, checked_on, taken_as_prescribed, missed_doses, side_effects, craving, note, recorded_by";

Checkin ReadCheckin(const db::Row& row) {
  Checkin c;
  c.meta = db::ReadMeta(row, 0);
  std::size_t i = 7;
  c.client_id = row.Text(i++);
  c.medication_id = row.Text(i++);
  c.checked_on = ParseDate(row.Text(i++)).value_or(Date{});
  c.taken_as_prescribed = row.Int(i++) != 0;
  c.missed_doses = static_cast<int>(row.Int(i++));
  c.side_effects = row.Text(i++);
  c.craving = static_cast<int>(row.Int(i++));
  c.note = row.Text(i++);
  c.recorded_by = row.Text(i++);
  return c;
}

}  // namespace

Status InsertMedication(db::Transaction& tx, const Medication& m) {
  SW_TRY(tx.Execute(
      "INSERT INTO medications (id, org_id, client_id, name, rxnorm_code, dose, route, frequency, prescriber, "
      "start_on, stop_on, stop_reason, category, mat_kind, source, note, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {m.meta.id, m.meta.org_id, m.client_id, m.name, db::OptText(m.rxnorm_code), m.dose, m.route, m.frequency,
       db::OptText(m.prescriber), FormatDate(m.start_on), OptDate(m.stop_on), db::OptText(m.stop_reason), m.category,
       db::OptText(m.mat_kind), m.source, db::OptText(m.note), m.meta.version, m.meta.created_at, m.meta.updated_at}));
  return Ok();
}

Result<std::optional<Medication>> GetMedication(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<Medication>(
      tx, "SELECT " + kMedicationColumns + " FROM medications WHERE org_id = ? AND id = ?", {org_id, id},
      ReadMedication);
}

Result<std::vector<Medication>> MedicationsOfClient(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& client_id) {
  return db::ReadAll<Medication>(tx,
                                 "SELECT " + kMedicationColumns +
                                     " FROM medications WHERE org_id = ? AND client_id = ? "
                                     "ORDER BY CASE WHEN stop_on IS NULL THEN 0 ELSE 1 END, start_on DESC, id DESC",
                                 {org_id, client_id}, ReadMedication);
}

Status UpdateMedication(db::Transaction& tx, const Medication& m, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(
      tx, "medications", m.meta.org_id, m.meta.id, expected,
      "name = ?, rxnorm_code = ?, dose = ?, route = ?, frequency = ?, prescriber = ?, start_on = ?, stop_on = ?, "
      "stop_reason = ?, category = ?, mat_kind = ?, source = ?, note = ?",
      {m.name, db::OptText(m.rxnorm_code), m.dose, m.route, m.frequency, db::OptText(m.prescriber),
       FormatDate(m.start_on), OptDate(m.stop_on), db::OptText(m.stop_reason), m.category, db::OptText(m.mat_kind),
       m.source, db::OptText(m.note)},
      now);
}

Status VoidMedication(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t expected,
                      const std::string& reason, const std::string& now) {
  return db::VoidVersioned(tx, "medications", org_id, id, expected, reason, now);
}

Status InsertReferral(db::Transaction& tx, const Referral& r) {
  SW_TRY(tx.Execute(
      "INSERT INTO medication_referrals (id, org_id, client_id, provider_name, provider_contact, reason, status, "
      "sent_on, appointment_on, seen_on, closed_on, outcome, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.meta.id, r.meta.org_id, r.client_id, r.provider_name, db::OptText(r.provider_contact), r.reason, r.status,
       FormatDate(r.sent_on), OptDate(r.appointment_on), OptDate(r.seen_on), OptDate(r.closed_on),
       db::OptText(r.outcome), r.meta.version, r.meta.created_at, r.meta.updated_at}));
  return Ok();
}

Result<std::optional<Referral>> GetReferral(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<Referral>(
      tx, "SELECT " + kReferralColumns + " FROM medication_referrals WHERE org_id = ? AND id = ?", {org_id, id},
      ReadReferral);
}

Result<std::vector<Referral>> ReferralsOfClient(db::Transaction& tx, const std::string& org_id,
                                                const std::string& client_id) {
  return db::ReadAll<Referral>(tx,
                               "SELECT " + kReferralColumns +
                                   " FROM medication_referrals WHERE org_id = ? AND client_id = ? "
                                   "ORDER BY sent_on DESC, id DESC",
                               {org_id, client_id}, ReadReferral);
}

Status UpdateReferral(db::Transaction& tx, const Referral& r, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "medication_referrals", r.meta.org_id, r.meta.id, expected,
                             "status = ?, appointment_on = ?, seen_on = ?, closed_on = ?, outcome = ?",
                             {r.status, OptDate(r.appointment_on), OptDate(r.seen_on), OptDate(r.closed_on),
                              db::OptText(r.outcome)},
                             now);
}

Status InsertCheckin(db::Transaction& tx, const Checkin& c) {
  SW_TRY(tx.Execute(
      "INSERT INTO adherence_checkins (id, org_id, client_id, medication_id, checked_on, taken_as_prescribed, "
      "missed_doses, side_effects, craving, note, recorded_by, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.meta.id, c.meta.org_id, c.client_id, db::OptText(c.medication_id), FormatDate(c.checked_on),
       std::int64_t{c.taken_as_prescribed ? 1 : 0}, std::int64_t{c.missed_doses}, db::OptText(c.side_effects),
       std::int64_t{c.craving}, db::OptText(c.note), db::OptText(c.recorded_by), c.meta.version, c.meta.created_at,
       c.meta.updated_at}));
  return Ok();
}

Result<std::optional<Checkin>> GetCheckin(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<Checkin>(tx, "SELECT " + kCheckinColumns + " FROM adherence_checkins WHERE org_id = ? AND id = ?",
                              {org_id, id}, ReadCheckin);
}

Result<std::vector<Checkin>> CheckinsOfClient(db::Transaction& tx, const std::string& org_id,
                                              const std::string& client_id) {
  return db::ReadAll<Checkin>(tx,
                              "SELECT " + kCheckinColumns +
                                  " FROM adherence_checkins WHERE org_id = ? AND client_id = ? "
                                  "ORDER BY checked_on DESC, created_at DESC, id DESC",
                              {org_id, client_id}, ReadCheckin);
}

Status VoidCheckin(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t expected,
                   const std::string& reason, const std::string& now) {
  return db::VoidVersioned(tx, "adherence_checkins", org_id, id, expected, reason, now);
}

}  // namespace stepwise::medications::store
