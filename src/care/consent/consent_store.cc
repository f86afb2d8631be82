#include "care/consent/consent_store.h"

#include "platform/db/records.h"

namespace stepwise::consent {

using db::OptText;
using db::Param;

namespace {

const std::string kConsentSelect =
    "SELECT client_id, kind, status, discloser, categories, information_description, recipient_kind, "
    "recipient_category, recipient_name, recipient_organization, recipient_address, recipient_relationship, "
    "purpose_code, purpose_text, revocation_statement, expiration_kind, expiration_date, expiration_event, "
    "tpo_redisclosure, tpo_refusal, signer_name, signed_on, activated_at, revoked_at, revoked_on, revoked_by, "
    "revoked_by_name, revocation_method, revocation_note, part2, " +
    std::string(db::kMetaColumns) + " FROM consents";

Consent ReadConsent(const db::Row& r) {
  Consent c;
  c.client_id = r.Text(0);
  c.kind = r.Text(1);
  c.status = r.Text(2);
  c.discloser = r.Text(3);
  c.categories = db::SplitCodes(r.Text(4));
  c.information_description = r.Text(5);
  c.recipient = {r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11)};
  c.purpose_code = r.Text(12);
  c.purpose_text = r.Text(13);
  c.revocation_statement = r.Text(14);
  c.expiration = {r.Text(15), ParseDate(r.Text(16)), r.Text(17)};
  c.tpo_redisclosure = r.Text(18);
  c.tpo_refusal = r.Text(19);
  c.signer_name = r.Text(20);
  c.signed_on = ParseDate(r.Text(21));
  c.activated_at = r.Text(22);
  if (!r.IsNull(23)) {
    c.revocation = Revocation{r.Text(23), ParseDate(r.Text(24)).value_or(Date{}), r.Text(25), r.Text(26), r.Text(27),
                              r.Text(28)};
  }
  c.part2 = r.Int(29) != 0;
  c.meta = db::ReadMeta(r, 30);
  return c;
}

std::vector<Param> DraftValues(const Consent& c) {
  return {c.kind,
          OptText(c.discloser),
          OptText(db::JoinCodes(c.categories)),
          OptText(c.information_description),
          OptText(c.recipient.kind),
          OptText(c.recipient.category),
          OptText(c.recipient.name),
          OptText(c.recipient.organization),
          OptText(c.recipient.address),
          OptText(c.recipient.relationship),
          OptText(c.purpose_code),
          OptText(c.purpose_text),
          OptText(c.revocation_statement),
          OptText(c.expiration.kind),
          c.expiration.date ? Param(FormatDate(*c.expiration.date)) : Param(nullptr),
          OptText(c.expiration.event),
          OptText(c.tpo_redisclosure),
          OptText(c.tpo_refusal)};
}

constexpr std::string_view kDraftSet =
    "kind = ?, discloser = ?, categories = ?, information_description = ?, recipient_kind = ?, recipient_category = ?, "
    "recipient_name = ?, recipient_organization = ?, recipient_address = ?, recipient_relationship = ?, "
    "purpose_code = ?, purpose_text = ?, revocation_statement = ?, expiration_kind = ?, expiration_date = ?, "
    "expiration_event = ?, tpo_redisclosure = ?, tpo_refusal = ?";

const std::string kCourtOrderSelect =
    "SELECT client_id, court, case_number, judge, order_date, description, expires_on, recorded_by_name, part2, " +
    std::string(db::kMetaColumns) + " FROM court_orders";

CourtOrder ReadCourtOrder(const db::Row& r) {
  CourtOrder o;
  o.client_id = r.Text(0);
  o.court = r.Text(1);
  o.case_number = r.Text(2);
  o.judge = r.Text(3);
  o.order_date = ParseDate(r.Text(4)).value_or(Date{});
  o.description = r.Text(5);
  o.expires_on = ParseDate(r.Text(6));
  o.recorded_by_name = r.Text(7);
  o.part2 = r.Int(8) != 0;
  o.meta = db::ReadMeta(r, 9);
  return o;
}

}  // namespace

Result<std::optional<Consent>> ConsentStore::Get(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& id) {
  return db::ReadOne<Consent>(tx, kConsentSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadConsent);
}

Result<std::vector<Consent>> ConsentStore::ListForClient(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& client_id) {
  return db::ReadAll<Consent>(tx,
                              kConsentSelect + " WHERE org_id = ? AND client_id = ? ORDER BY created_at DESC, id DESC",
                              {org_id, client_id}, ReadConsent);
}

Result<std::vector<Consent>> ConsentStore::ActiveExpiringBy(db::Transaction& tx, const std::string& org_id,
                                                            Date until) {
  return db::ReadAll<Consent>(tx,
                              kConsentSelect +
                                  " WHERE org_id = ? AND status = 'active' AND voided = 0 AND expiration_kind = 'date' "
                                  "AND expiration_date <= ? ORDER BY expiration_date, id",
                              {org_id, FormatDate(until)}, ReadConsent);
}

Status ConsentStore::Insert(db::Transaction& tx, const Consent& c) {
  std::vector<Param> values = {c.meta.id, c.meta.org_id, c.client_id, c.status};
  for (auto& v : DraftValues(c)) values.push_back(std::move(v));
  values.insert(values.end(), {c.meta.version, c.meta.created_at, c.meta.updated_at});
  auto done = tx.Execute(
             "INSERT INTO consents (id, org_id, client_id, status, kind, discloser, categories, information_description, "
             "recipient_kind, recipient_category, recipient_name, recipient_organization, recipient_address, "
             "recipient_relationship, purpose_code, purpose_text, revocation_statement, expiration_kind, "
             "expiration_date, expiration_event, tpo_redisclosure, tpo_refusal, version, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             std::span<const Param>(values));
  if (!done.ok()) return std::move(done).error();
  return Ok();
}

Status ConsentStore::UpdateDraft(db::Transaction& tx, const Consent& c, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "consents", c.meta.org_id, c.meta.id, expected, kDraftSet, DraftValues(c), now);
}

Status ConsentStore::Activate(db::Transaction& tx, const Consent& c, const std::string& user_id,
                              std::int64_t expected, const std::string& now) {
  std::vector<Param> values = DraftValues(c);
  values.insert(values.end(), {std::string("active"), c.signer_name, FormatDate(*c.signed_on), now, user_id});
  return db::UpdateVersioned(
      tx, "consents", c.meta.org_id, c.meta.id, expected,
      std::string(kDraftSet) + ", status = ?, signer_name = ?, signed_on = ?, activated_at = ?, activated_by = ?",
      std::move(values), now);
}

Status ConsentStore::Revoke(db::Transaction& tx, const std::string& org_id, const std::string& id, const Revocation& r,
                            std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "consents", org_id, id, expected,
                             "status = 'revoked', revoked_at = ?, revoked_on = ?, revoked_by = ?, revoked_by_name = ?, "
                             "revocation_method = ?, revocation_note = ?",
                             {r.revoked_at, FormatDate(r.revoked_on), r.recorded_by, OptText(r.recorded_by_name),
                              r.method, OptText(r.note)},
                             now);
}

Status ConsentStore::InsertCourtOrder(db::Transaction& tx, const CourtOrder& o, const std::string& user_id) {
  std::vector<Param> values = {o.meta.id,
                               o.meta.org_id,
                               o.client_id,
                               o.court,
                               o.case_number,
                               OptText(o.judge),
                               FormatDate(o.order_date),
                               o.description,
                               o.expires_on ? Param(FormatDate(*o.expires_on)) : Param(nullptr),
                               user_id,
                               OptText(o.recorded_by_name),
                               o.meta.version,
                               o.meta.created_at,
                               o.meta.updated_at};
  auto done = tx.Execute(
      "INSERT INTO court_orders (id, org_id, client_id, court, case_number, judge, order_date, description, "
      "expires_on, recorded_by, recorded_by_name, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::span<const Param>(values));
  if (!done.ok()) return std::move(done).error();
  return Ok();
}

Result<std::optional<CourtOrder>> ConsentStore::GetCourtOrder(db::Transaction& tx, const std::string& org_id,
                                                              const std::string& id) {
  return db::ReadOne<CourtOrder>(tx, kCourtOrderSelect + " WHERE org_id = ? AND id = ?", {org_id, id},
                                 ReadCourtOrder);
}

Result<std::vector<CourtOrder>> ConsentStore::CourtOrdersOf(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& client_id) {
  return db::ReadAll<CourtOrder>(
      tx, kCourtOrderSelect + " WHERE org_id = ? AND client_id = ? ORDER BY order_date DESC, id DESC",
      {org_id, client_id}, ReadCourtOrder);
}

}  // namespace stepwise::consent
