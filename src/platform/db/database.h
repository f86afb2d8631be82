// The storage interface every store writes through. Two implementations: SQLite (sqlite/) and
// PostgreSQL (postgres/); only app/ names one.
//
// SQL is written once with `?` placeholders; the PostgreSQL driver rewrites them to $1..$n. Values go
// in as Params and come back as text (NULL as nullopt), the one representation both drivers share.
// Driver errors are converted at this edge: unique violations become kConflict, a database that is
// unreachable, locked too long, read-only or full becomes kUnavailable.
//
// Thread-safety: a Database is shared by all threads; a Transaction belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/base/result.h"

namespace stepwise::db {

using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

inline Param Text(std::optional<std::string> s) {
  if (!s) return nullptr;
  return std::move(*s);
}

// One result row: column values as text, NULL as nullopt.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t i) const { return !values_.at(i).has_value(); }
  const std::string& Text(std::size_t i) const;  // "" when NULL
  const std::optional<std::string>& OptText(std::size_t i) const { return values_.at(i); }
  std::int64_t Int(std::size_t i) const;  // 0 when NULL

 private:
  std::vector<std::optional<std::string>> values_;
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  bool empty() const { return rows.empty(); }
};

enum class Dialect { kSqlite, kPostgres };

// One transaction. Destroying it without Commit() rolls it back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Result<ResultSet> Query(std::string_view sql, std::span<const Param> params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, std::span<const Param> params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;
  virtual Status Commit() = 0;

  // Convenience overloads taking a braced list.
  Result<ResultSet> Query(std::string_view sql, std::initializer_list<Param> params) {
    return Query(sql, std::span<const Param>(params.begin(), params.size()));
  }
  Result<std::int64_t> Execute(std::string_view sql, std::initializer_list<Param> params) {
    return Execute(sql, std::span<const Param>(params.begin(), params.size()));
  }
};

enum class Access { kRead, kWrite };

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Begins a transaction. kRead transactions may run concurrently with each other and with the writer;
  // kWrite transactions are serialized where the engine requires it (SQLite has one writer).
  virtual Result<std::unique_ptr<Transaction>> Begin(Access access) = 0;
  // A cheap round trip proving the database answers (for /readyz).
  virtual Status Ping() = 0;
  // A short description without credentials, for logs ("sqlite:/var/lib/stepwise/stepwise.db").
  virtual std::string Describe() const = 0;
};

// Replaces dialect tokens in migration SQL: {{TEXT_C}} is a text type compared bytewise (for prefix
// range searches that must use an index), {{BLOB}} a byte string.
std::string RenderDialect(std::string_view sql, Dialect dialect);

// The smallest string greater than every string starting with `prefix` (for `col >= ? AND col < ?`).
std::string PrefixUpperBound(std::string prefix);

}  // namespace stepwise::db
