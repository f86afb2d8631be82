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
#include <functional>
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

// One row while ForEach streams a result: views into the driver's buffers, valid only during the
// callback. Column values as text, NULL as IsNull().
class RowView {
 public:
  RowView(const std::string_view* values, const bool* nulls, std::size_t n) : values_(values), nulls_(nulls), n_(n) {}
  std::size_t size() const { return n_; }
  bool IsNull(std::size_t i) const { return nulls_[i]; }
  std::string_view Text(std::size_t i) const { return values_[i]; }  // "" when NULL
  std::int64_t Int(std::size_t i) const;                             // 0 when NULL or not a number

 private:
  const std::string_view* values_;
  const bool* nulls_;
  std::size_t n_;
};

// Called once per row; return false to stop early.
using RowCallback = std::function<bool(const RowView&)>;

enum class Dialect { kSqlite, kPostgres };

// One transaction. Destroying it without Commit() rolls it back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  // The engine, for the few statements that differ (see RenderDialect for the schema).
  virtual Dialect dialect() const = 0;
  virtual Result<ResultSet> Query(std::string_view sql, std::span<const Param> params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, std::span<const Param> params = {}) = 0;
  // Streams the rows of a query to `each` without holding the whole result in memory (SQLite steps the
  // statement; PostgreSQL reads through a cursor in pages). Not re-entrant: do not run another
  // ForEach on the same transaction from inside `each`.
  virtual Status ForEach(std::string_view sql, std::span<const Param> params, const RowCallback& each);
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
  Status ForEach(std::string_view sql, std::initializer_list<Param> params, const RowCallback& each) {
    return ForEach(sql, std::span<const Param>(params.begin(), params.size()), each);
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
// range searches that must use an index), {{BLOB}} a byte string. Lines between a line holding
// {{IF_SQLITE}} (or {{IF_POSTGRES}}) and one holding {{END_IF}} are kept only for that engine (for what
// has no common SQL, such as triggers); the marker lines themselves are dropped.
std::string RenderDialect(std::string_view sql, Dialect dialect);

// The smallest string greater than every string starting with `prefix` (for `col >= ? AND col < ?`).
std::string PrefixUpperBound(std::string prefix);

}  // namespace stepwise::db
