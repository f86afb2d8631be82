#include "care/documents/signature_store.h"

#include <boost/json/serialize.hpp>

#include "care/documents/signature_json.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"

namespace stepwise::documents {

Status InsertSignature(db::Transaction& tx, const std::string& org_id, const std::string& owner_kind,
                       const std::string& owner_id, Signature& s) {
  if (s.id.empty()) s.id = NewUuidV7();
  SW_ASSIGN(auto next, tx.Query("SELECT COALESCE(MAX(seq), 0) + 1 FROM signatures WHERE owner_kind = ? AND owner_id = ?",
                                {owner_kind, owner_id}));
  const std::int64_t seq = next.rows.at(0).Int(0);
  const std::string image = s.image.empty() ? std::string() : boost::json::serialize(ImageJson(s.image));
  SW_TRY(tx.Execute(
      "INSERT INTO signatures (id, org_id, owner_kind, owner_id, seq, role, signer_name, staff_id, user_id, method, "
      "image, content_sha256, signed_at, device, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.id, org_id, owner_kind, owner_id, seq, s.role, s.signer_name, db::OptText(s.staff_id),
       db::OptText(s.user_id), s.method,
       db::OptText(image), s.content_sha256, s.signed_at,
       db::OptText(s.device),
       db::OptText(s.address)}));
  return Ok();
}

Result<std::vector<Signature>> SignaturesOf(db::Transaction& tx, const std::string& org_id,
                                            const std::string& owner_kind, const std::string& owner_id) {
  SW_ASSIGN(auto rs, tx.Query("SELECT id, role, signer_name, staff_id, user_id, method, image, content_sha256, "
                              "signed_at, device, address FROM signatures WHERE org_id = ? AND owner_kind = ? "
                              "AND owner_id = ? ORDER BY seq",
                              {org_id, owner_kind, owner_id}));
  std::vector<Signature> out;
  for (const auto& row : rs.rows) {
    Signature s;
    s.id = row.Text(0);
    s.role = row.Text(1);
    s.signer_name = row.Text(2);
    s.staff_id = row.Text(3);
    s.user_id = row.Text(4);
    s.method = row.Text(5);
    s.image = ImageFromJson(row.Text(6));
    s.content_sha256 = row.Text(7);
    s.signed_at = row.Text(8);
    s.device = row.Text(9);
    s.address = row.Text(10);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace stepwise::documents
