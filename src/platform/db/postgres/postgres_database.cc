#include "platform/db/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <condition_variable>
#include <mutex>
#include <regex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

namespace stepwise::db {

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string RedactConninfo(std::string_view conninfo) {
  std::string s(conninfo);
  s = std::regex_replace(s, std::regex(R"(://([^:/@]*):[^@]*@)"), "://$1:***@");
  s = std::regex_replace(s, std::regex(R"(password\s*=\s*('[^']*'|\S+))"), "password=***");
  return s;
}

namespace {

bool IsConnectionState(const char* sqlstate) {
  if (!sqlstate) return true;
  std::string_view s(sqlstate);
  return s.starts_with("08") || s.starts_with("57P") || s == "53300";
}

Error FromResult(PGconn* conn, PGresult* res) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (PQstatus(conn) != CONNECTION_OK || IsConnectionState(state)) {
    return Error::Unavailable("the database connection failed; retry");
  }
  std::string_view s(state);
  if (s == "23505") {
    const char* c = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    return Error::Conflict(std::string("a record with the same unique values already exists (") + (c ? c : "") + ")");
  }
  if (s == "23503") return Error::Conflict("the record refers to another record that does not exist");
  if (s.starts_with("23")) return Error::InvalidArgument("the record breaks a database rule");
  if (s == "53100" || s == "53200") return Error::Unavailable("the database is full; free space and retry");
  if (s == "40001" || s == "40P01") return Error::Unavailable("the database was busy; retry");
  if (s == "25006") return Error::Unavailable("the database is read-only");
  // The server's message can quote values (PHI); keep only the SQLSTATE and the table for the log.
  const char* table = res ? PQresultErrorField(res, PG_DIAG_TABLE_NAME) : nullptr;
  return Error::Internal("postgres error " + std::string(s) + (table ? std::string(" on ") + table : ""));
}

struct PgConn {
  PGconn* conn = nullptr;
  std::unordered_map<std::string, std::string> rewritten;  // '?' SQL -> '$n' SQL
  // '?' SQL -> the name of the server-side prepared statement, so each statement is parsed and planned
  // once per connection. Bounded: SQL built with a variable number of parameters stops being prepared.
  std::unordered_map<std::string, std::string> prepared;
  ~PgConn() {
    if (conn) PQfinish(conn);
  }
  bool healthy() const { return conn && PQstatus(conn) == CONNECTION_OK; }
};

class PostgresDatabase;

constexpr int kForEachPage = 10000;
constexpr std::size_t kMaxPrepared = 512;
constexpr const char* kFetch = "FETCH FORWARD 10000 FROM stepwise_foreach";

class PgTransaction final : public Transaction {
 public:
  PgTransaction(PostgresDatabase& owner, std::unique_ptr<PgConn> c) : owner_(owner), c_(std::move(c)) {}
  ~PgTransaction() override;
  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<ResultSet> Query(std::string_view sql, std::span<const Param> params) override {
    ResultSet rs;
    SW_TRY(Run(sql, params, &rs));
    return rs;
  }
  Result<std::int64_t> Execute(std::string_view sql, std::span<const Param> params) override {
    return Run(sql, params, nullptr);
  }
  Status ExecuteScript(std::string_view sql) override {
    std::string s(sql);
    PGresult* res = PQexec(c_->conn, s.c_str());
    auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Error e = FromResult(c_->conn, res);
      PQclear(res);
      return e;
    }
    PQclear(res);
    return Ok();
  }
  // Reads through a cursor, kForEachPage rows per round trip, handing out views into libpq's result.
  Status ForEach(std::string_view sql, std::span<const Param> params, const RowCallback& each) override {
    std::string declare = "DECLARE stepwise_foreach NO SCROLL CURSOR FOR ";
    declare += sql;
    SW_TRY(Run(declare, params, nullptr));
    std::vector<std::string_view> values;
    std::unique_ptr<bool[]> nulls;
    for (bool more = true; more;) {
      PGresult* res = PQexec(c_->conn, kFetch);
      if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        Error e = FromResult(c_->conn, res);
        PQclear(res);
        return e;
      }
      const int nf = PQnfields(res), nt = PQntuples(res);
      if (values.size() != static_cast<std::size_t>(nf)) {
        values.assign(static_cast<std::size_t>(nf), std::string_view());
        nulls = std::make_unique<bool[]>(static_cast<std::size_t>(nf));
      }
      for (int t = 0; t < nt && more; ++t) {
        for (int f = 0; f < nf; ++f) {
          const auto i = static_cast<std::size_t>(f);
          nulls[i] = PQgetisnull(res, t, f);
          values[i] = std::string_view(PQgetvalue(res, t, f), static_cast<std::size_t>(PQgetlength(res, t, f)));
        }
        more = each(RowView(values.data(), nulls.get(), values.size()));
      }
      PQclear(res);
      if (nt < kForEachPage) more = false;
    }
    return ExecuteScript("CLOSE stepwise_foreach");
  }
  Status Commit() override {
    SW_TRY(ExecuteScript("COMMIT"));
    done_ = true;
    return Ok();
  }

 private:
  Result<std::int64_t> Run(std::string_view sql, std::span<const Param> params, ResultSet* out) {
    auto it = c_->rewritten.find(std::string(sql));
    if (it == c_->rewritten.end()) {
      it = c_->rewritten.emplace(std::string(sql), RewritePlaceholders(sql)).first;
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::nullptr_t>) {
              values[i] = nullptr;
            } else {
              if constexpr (std::is_same_v<V, std::string>)
                storage[i] = v;
              else
                storage[i] = std::to_string(v);
              values[i] = storage[i].c_str();
            }
          },
          params[i]);
    }
    PGresult* res = nullptr;
    auto prep = c_->prepared.find(it->first);
    if (prep == c_->prepared.end() && c_->prepared.size() < kMaxPrepared) {
      std::string name = "sw_" + std::to_string(c_->prepared.size());
      PGresult* p = PQprepare(c_->conn, name.c_str(), it->second.c_str(), static_cast<int>(params.size()), nullptr);
      const bool prepared = PQresultStatus(p) == PGRES_COMMAND_OK;
      if (!prepared) {
        Error e = FromResult(c_->conn, p);
        PQclear(p);
        return e;
      }
      PQclear(p);
      prep = c_->prepared.emplace(it->first, std::move(name)).first;
    }
    if (prep != c_->prepared.end()) {
      res = PQexecPrepared(c_->conn, prep->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                           nullptr, 0);
    } else {
      res = PQexecParams(c_->conn, it->second.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                         nullptr, 0);
    }
    auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Error e = FromResult(c_->conn, res);
      PQclear(res);
      return e;
    }
    if (out) {
      const int nf = PQnfields(res), nt = PQntuples(res);
      if (out->columns.empty()) {
        for (int f = 0; f < nf; ++f) out->columns.emplace_back(PQfname(res, f));
      }
      out->rows.reserve(static_cast<std::size_t>(nt));
      for (int t = 0; t < nt; ++t) {
        std::vector<std::optional<std::string>> row;
        row.reserve(static_cast<std::size_t>(nf));
        for (int f = 0; f < nf; ++f) {
          if (PQgetisnull(res, t, f))
            row.emplace_back(std::nullopt);
          else
            row.emplace_back(std::string(PQgetvalue(res, t, f), static_cast<std::size_t>(PQgetlength(res, t, f))));
        }
        out->rows.emplace_back(std::move(row));
      }
    }
    const char* tuples = PQcmdTuples(res);
    std::int64_t changed = (tuples && *tuples) ? std::stoll(tuples) : 0;
    PQclear(res);
    return changed;
  }

  PostgresDatabase& owner_;
  std::unique_ptr<PgConn> c_;
  bool done_ = false;
};

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(PostgresOptions o) : options_(std::move(o)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return "postgres:" + RedactConninfo(options_.conninfo); }

  Result<std::unique_ptr<Transaction>> Begin(Access access) override {
    SW_ASSIGN(auto conn, Acquire());
    PGconn* raw = conn->conn;
    auto tx = std::make_unique<PgTransaction>(*this, std::move(conn));
    // Reads see one snapshot; writes use read committed and rely on constraints and version checks.
    auto s = tx->ExecuteScript(access == Access::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
    if (!s.ok()) return std::move(s).error();
    (void)raw;
    return std::unique_ptr<Transaction>(std::move(tx));
  }

  Status Ping() override {
    SW_ASSIGN(auto tx, Begin(Access::kRead));
    SW_TRY(tx->Query("SELECT 1"));
    return tx->Commit();
  }

  Result<std::unique_ptr<PgConn>> Acquire() {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !idle_.empty() || open_ < options_.max_connections; });
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return c;
      }
      ++open_;
    }
    auto c = std::make_unique<PgConn>();
    std::string info = options_.conninfo;
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    std::string timeout = std::to_string(options_.connect_timeout_s);
    const char* vals[] = {info.c_str(), timeout.c_str(), "stepwise", nullptr};
    c->conn = PQconnectdbParams(keys, vals, 1);
    if (!c->healthy()) {
      Release(nullptr);
      return Error::Unavailable("cannot connect to PostgreSQL (" + RedactConninfo(options_.conninfo) + ")");
    }
    PGresult* r = PQexec(c->conn, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    PQclear(r);
    return c;
  }

  // Returns a connection to the pool; a null or broken one just frees its slot.
  void Release(std::unique_ptr<PgConn> c) {
    std::lock_guard lock(mu_);
    if (c && c->healthy() && PQtransactionStatus(c->conn) == PQTRANS_IDLE) {
      idle_.push_back(std::move(c));
    } else {
      --open_;
    }
    cv_.notify_one();
  }

 private:
  PostgresOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  int open_ = 0;
  std::vector<std::unique_ptr<PgConn>> idle_;
};

PgTransaction::~PgTransaction() {
  if (!done_ && c_ && c_->healthy()) {
    PGresult* r = PQexec(c_->conn, "ROLLBACK");
    PQclear(r);
  }
  owner_.Release(std::move(c_));
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options) {
  auto db = std::make_unique<PostgresDatabase>(options);
  SW_TRY(db->Ping());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace stepwise::db
