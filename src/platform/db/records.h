// SQL helpers shared by every store for the bookkeeping columns every mutable record has:
// id, org_id, version, voided, void_reason, voided_at, created_at, updated_at.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/record.h"
#include "platform/db/database.h"

namespace stepwise::db {

// The column list a store appends to its SELECTs, in the order ReadMeta expects.
inline constexpr std::string_view kMetaColumns = "id, org_id, version, voided, void_reason, created_at, updated_at";

RecordMeta ReadMeta(const Row& row, std::size_t first);

// Updates one record if it is current: runs
//   UPDATE <table> SET <set_sql>, version = version + 1, updated_at = ? WHERE org_id = ? AND id = ?
//   AND version = ? AND voided = 0
// and, when nothing changed, tells why: kNotFound, kFailedPrecondition (stale) or kConflict (voided).
Status UpdateVersioned(Transaction& tx, std::string_view table, const std::string& org_id, const std::string& id,
                       std::int64_t expected_version, std::string_view set_sql, std::vector<Param> params,
                       const std::string& now);

// Voids one record with a reason, with the same version check.
Status VoidVersioned(Transaction& tx, std::string_view table, const std::string& org_id, const std::string& id,
                     std::int64_t expected_version, const std::string& reason, const std::string& now);

// NULL for an empty string, so optional text stays NULL rather than "".
inline Param OptText(const std::string& s) { return s.empty() ? Param(nullptr) : Param(s); }

// Code lists are stored comma-separated ("mon,wed,fri").
std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(const std::string& text);

// Runs a query and maps every row with `read(const Row&)`.
template <typename T, typename Reader>
Result<std::vector<T>> ReadAll(Transaction& tx, const std::string& sql, std::vector<Param> params, Reader read) {
  auto rs = tx.Query(sql, std::span<const Param>(params));
  if (!rs.ok()) return std::move(rs).error();
  std::vector<T> out;
  out.reserve(rs->rows.size());
  for (const auto& row : rs->rows) out.push_back(read(row));
  return out;
}

// Like ReadAll for a query that finds at most one row.
template <typename T, typename Reader>
Result<std::optional<T>> ReadOne(Transaction& tx, const std::string& sql, std::vector<Param> params, Reader read) {
  auto all = ReadAll<T>(tx, sql, std::move(params), read);
  if (!all.ok()) return std::move(all).error();
  if (all->empty()) return std::optional<T>();
  return std::optional<T>(std::move(all->front()));
}

// Turns "no row" into kNotFound naming `what`.
template <typename T>
Result<T> Found(Result<std::optional<T>> r, std::string_view what) {
  if (!r.ok()) return std::move(r).error();
  if (!r->has_value()) return Error::NotFound("no such " + std::string(what));
  return std::move(**r);
}

// True when `id` names a live (not voided) row of `table` in the organization.
Result<bool> ExistsLive(Transaction& tx, std::string_view table, const std::string& org_id, const std::string& id);

}  // namespace stepwise::db
