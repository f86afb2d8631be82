#include "care/program/staff_store.h"

#include "platform/db/records.h"

namespace stepwise::program {

using db::Param;

namespace {

const std::string kSelect = "SELECT given_name, family_name, preferred_name, email, phone, roles, " +
                            std::string(db::kMetaColumns) + " FROM staff";

Staff ReadStaff(const db::Row& r) {
  Staff s;
  s.given_name = r.Text(0);
  s.family_name = r.Text(1);
  s.preferred_name = r.Text(2);
  s.email = r.Text(3);
  s.phone = r.Text(4);
  s.roles = db::SplitCodes(r.Text(5));
  s.meta = db::ReadMeta(r, 6);
  return s;
}

Status LoadCredentials(db::Transaction& tx, std::vector<Staff>& staff) {
  for (auto& s : staff) {
    SW_ASSIGN(auto rs, tx.Query("SELECT type, license_number, issuing_state, expires_on FROM staff_credentials "
                                "WHERE org_id = ? AND staff_id = ? ORDER BY position",
                                {s.meta.org_id, s.meta.id}));
    for (const auto& r : rs.rows) {
      s.credentials.push_back({r.Text(0), r.Text(1), r.Text(2), ParseDate(r.Text(3))});
    }
  }
  return Ok();
}

Status WriteCredentials(db::Transaction& tx, const Staff& s) {
  // Credentials are part of the staff record: replaced as a whole under the record's version.
  SW_TRY(tx.Execute("DELETE FROM staff_credentials WHERE org_id = ? AND staff_id = ?", {s.meta.org_id, s.meta.id}));
  std::int64_t position = 0;
  for (const auto& c : s.credentials) {
    SW_TRY(
        tx.Execute("INSERT INTO staff_credentials (staff_id, org_id, position, type, license_number, "
                   "issuing_state, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {s.meta.id, s.meta.org_id, position++, c.type, db::OptText(c.license_number),
                    db::OptText(c.issuing_state), c.expires_on ? Param(FormatDate(*c.expires_on)) : Param(nullptr)}));
  }
  return Ok();
}

}  // namespace

Result<std::vector<Staff>> StaffStore::List(db::Transaction& tx, const std::string& org_id, const StaffQuery& q) {
  std::string sql = kSelect + " WHERE org_id = ?";
  std::vector<Param> params{org_id};
  if (!q.include_voided) sql += " AND voided = 0";
  if (!q.name_prefix.empty()) {
    sql += " AND (lower(given_name) LIKE ? OR lower(family_name) LIKE ? OR lower(preferred_name) LIKE ?)";
    std::string like;
    for (char c : q.name_prefix) {
      if (c == '%' || c == '_' || c == '\\') continue;  // wildcards are not part of a name
      like.push_back(c);
    }
    like += '%';
    params.insert(params.end(), {like, like, like});
  }
  if (!q.role.empty()) {
    sql += " AND (',' || roles || ',') LIKE ?";
    params.emplace_back("%," + q.role + ",%");
  }
  if (!q.after_id.empty()) {
    sql += " AND (sort_key, id) > ((SELECT sort_key FROM staff WHERE org_id = ? AND id = ?), ?)";
    params.insert(params.end(), {org_id, q.after_id, q.after_id});
  }
  sql += " ORDER BY sort_key, id LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(q.limit));
  SW_ASSIGN(auto staff, db::ReadAll<Staff>(tx, sql, std::move(params), ReadStaff));
  SW_TRY(LoadCredentials(tx, staff));
  return staff;
}

Result<std::optional<Staff>> StaffStore::Get(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  SW_ASSIGN(auto staff, db::ReadAll<Staff>(tx, kSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadStaff));
  if (staff.empty()) return std::optional<Staff>();
  SW_TRY(LoadCredentials(tx, staff));
  return std::optional<Staff>(std::move(staff.front()));
}

Status StaffStore::Insert(db::Transaction& tx, const Staff& s) {
  SW_TRY(tx.Execute(
      "INSERT INTO staff (id, org_id, given_name, family_name, preferred_name, email, phone, roles, "
      "sort_key, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {s.meta.id, s.meta.org_id, s.given_name, s.family_name, db::OptText(s.preferred_name), db::OptText(s.email),
       db::OptText(s.phone), db::JoinCodes(s.roles), StaffSortKey(s), s.meta.created_at, s.meta.created_at}));
  return WriteCredentials(tx, s);
}

Status StaffStore::Update(db::Transaction& tx, const Staff& s, std::int64_t expected, const std::string& now) {
  SW_TRY(db::UpdateVersioned(tx, "staff", s.meta.org_id, s.meta.id, expected,
                             "given_name = ?, family_name = ?, preferred_name = ?, email = ?, phone = ?, roles = ?, "
                             "sort_key = ?",
                             {s.given_name, s.family_name, db::OptText(s.preferred_name), db::OptText(s.email),
                              db::OptText(s.phone), db::JoinCodes(s.roles), StaffSortKey(s)},
                             now));
  return WriteCredentials(tx, s);
}

}  // namespace stepwise::program
