#include "care/consent/disclosure_store.h"

#include "platform/db/records.h"

namespace stepwise::consent {

using db::OptText;
using db::Param;

namespace {

constexpr std::string_view kSelect =
    "SELECT id, org_id, client_id, consent_id, court_order_id, disclosed_at, recipient_name, recipient_address, "
    "purpose, categories, description, channel, user_id, user_name, notice_version, part2 FROM disclosures";

Disclosure ReadDisclosure(const db::Row& r) {
  Disclosure d;
  d.id = r.Text(0);
  d.org_id = r.Text(1);
  d.client_id = r.Text(2);
  d.consent_id = r.Text(3);
  d.court_order_id = r.Text(4);
  d.disclosed_at = r.Text(5);
  d.recipient_name = r.Text(6);
  d.recipient_address = r.Text(7);
  d.purpose = r.Text(8);
  d.categories = db::SplitCodes(r.Text(9));
  d.description = r.Text(10);
  d.channel = r.Text(11);
  d.user_id = r.Text(12);
  d.user_name = r.Text(13);
  d.notice_version = r.Text(14);
  d.part2 = r.Int(15) != 0;
  return d;
}

}  // namespace

Status DisclosureStore::Insert(db::Transaction& tx, const Disclosure& d) {
  std::vector<Param> values = {d.id,
                               d.org_id,
                               d.client_id,
                               OptText(d.consent_id),
                               OptText(d.court_order_id),
                               d.disclosed_at,
                               d.recipient_name,
                               OptText(d.recipient_address),
                               d.purpose,
                               db::JoinCodes(d.categories),
                               d.description,
                               d.channel,
                               d.user_id,
                               d.user_name,
                               d.notice_version};
  auto done = tx.Execute(
      "INSERT INTO disclosures (id, org_id, client_id, consent_id, court_order_id, disclosed_at, recipient_name, "
      "recipient_address, purpose, categories, description, channel, user_id, user_name, notice_version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::span<const Param>(values));
  if (!done.ok()) return std::move(done).error();
  return Ok();
}

Result<std::vector<Disclosure>> DisclosureStore::ForClientSince(db::Transaction& tx, const std::string& org_id,
                                                                const std::string& client_id,
                                                                const std::string& since) {
  return db::ReadAll<Disclosure>(
      tx, std::string(kSelect) + " WHERE org_id = ? AND client_id = ? AND disclosed_at >= ? "
                                 "ORDER BY disclosed_at DESC, id DESC",
      {org_id, client_id, since}, ReadDisclosure);
}

Result<std::optional<Disclosure>> DisclosureStore::Get(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& id) {
  SW_ASSIGN(auto rows, db::ReadAll<Disclosure>(tx, std::string(kSelect) + " WHERE org_id = ? AND id = ?",
                                               {org_id, id}, ReadDisclosure));
  if (rows.empty()) return std::optional<Disclosure>();
  return std::optional<Disclosure>(std::move(rows.front()));
}

Result<std::int64_t> DisclosureStore::CountForConsent(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& consent_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT COUNT(*) FROM disclosures WHERE org_id = ? AND consent_id = ?",
                              {org_id, consent_id}));
  return rs.rows.at(0).Int(0);
}

}  // namespace stepwise::consent
