#include "platform/db/records.h"

namespace stepwise::db {

RecordMeta ReadMeta(const Row& row, std::size_t i) {
  RecordMeta m;
  m.id = row.Text(i);
  m.org_id = row.Text(i + 1);
  m.version = row.Int(i + 2);
  m.voided = row.Int(i + 3) != 0;
  m.void_reason = row.Text(i + 4);
  m.created_at = row.Text(i + 5);
  m.updated_at = row.Text(i + 6);
  return m;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto j = text.find(',', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

namespace {

Status ExplainNoChange(Transaction& tx, std::string_view table, const std::string& org_id, const std::string& id,
                       std::int64_t expected_version) {
  std::string sql = "SELECT version, voided FROM " + std::string(table) + " WHERE org_id = ? AND id = ?";
  SW_ASSIGN(auto rs, tx.Query(sql, {org_id, id}));
  if (rs.empty()) return Error::NotFound("no such " + std::string(table) + " record");
  if (rs.rows[0].Int(1) != 0) return Error::Conflict("the record is voided and can no longer change");
  if (rs.rows[0].Int(0) != expected_version) return Error::StaleVersion();
  return Error::Internal("update changed no row for an unknown reason");
}

}  // namespace

Status UpdateVersioned(Transaction& tx, std::string_view table, const std::string& org_id, const std::string& id,
                       std::int64_t expected_version, std::string_view set_sql, std::vector<Param> params,
                       const std::string& now) {
  std::string sql =
      "UPDATE " + std::string(table) + " SET " + std::string(set_sql) +
      ", version = version + 1, updated_at = ? WHERE org_id = ? AND id = ? AND version = ? AND voided = 0";
  params.emplace_back(now);
  params.emplace_back(org_id);
  params.emplace_back(id);
  params.emplace_back(expected_version);
  SW_ASSIGN(auto changed, tx.Execute(sql, std::span<const Param>(params)));
  if (changed == 1) return Ok();
  return ExplainNoChange(tx, table, org_id, id, expected_version);
}

Status VoidVersioned(Transaction& tx, std::string_view table, const std::string& org_id, const std::string& id,
                     std::int64_t expected_version, const std::string& reason, const std::string& now) {
  return UpdateVersioned(tx, table, org_id, id, expected_version, "voided = 1, void_reason = ?, voided_at = ?",
                         {reason, now}, now);
}

Result<bool> ExistsLive(Transaction& tx, std::string_view table, const std::string& org_id, const std::string& id) {
  std::string sql = "SELECT 1 FROM " + std::string(table) + " WHERE org_id = ? AND id = ? AND voided = 0";
  SW_ASSIGN(auto rs, tx.Query(sql, {org_id, id}));
  return !rs.empty();
}

}  // namespace stepwise::db
