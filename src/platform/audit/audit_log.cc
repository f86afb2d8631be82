#include "platform/audit/audit_log.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "platform/audit/audit_hash.h"
#include "platform/base/dates.h"
#include "platform/base/log.h"
#include "platform/base/uuid.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::audit {

namespace {

std::optional<std::string_view> Opt(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return std::string_view(s);
}

db::Param ToParam(const std::optional<std::string_view>& v) {
  if (!v) return nullptr;
  return std::string(*v);
}

ChainHasher& ThreadHasher() {
  thread_local ChainHasher hasher;
  return hasher;
}

// Hashes rows written before the chain existed (migration 0002 numbered them), in seq order, and
// returns the last one's hash. Runs once, inside the first Append after the migration.
Result<std::string> SealLegacy(db::Transaction& tx, std::int64_t last_seq) {
  std::string prev(kGenesisHash);
  SW_ASSIGN(auto rs, tx.Query("SELECT " + std::string(kChainColumns) +
                                  " FROM audit_events WHERE seq <= ? AND hash IS NULL ORDER BY seq",
                              {last_seq}));
  ChainHasher& hasher = ThreadHasher();
  std::int64_t expected = 1;
  for (const auto& row : rs.rows) {
    if (row.Int(0) != expected) return Error::Internal("unsealed audit events are not numbered contiguously");
    ChainFields f;
    for (std::size_t i = 0; i < kChainFieldCount; ++i) {
      if (row.OptText(i)) f[i] = std::string_view(*row.OptText(i));
    }
    std::string hash = hasher.Hash(prev, f);
    SW_TRY(tx.Execute("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ? AND hash IS NULL",
                      {prev, hash, expected}));
    prev = std::move(hash);
    ++expected;
  }
  if (expected - 1 != last_seq) return Error::Internal("the audit chain head does not match the unsealed events");
  return prev;
}

}  // namespace

Status Append(db::Transaction& tx, const Actor& actor, const Event& e, const std::string& now) {
  if (e.action.empty() || e.resource_type.empty() || e.outcome.empty()) {
    return Error::Internal("an audit event needs an action, a resource type and an outcome");
  }
  // Both engines hash in C++ (the PL/pgSQL audit_append of migration 0002 took about twice as long per
  // event as these two round trips of prepared statements; docs/performance.md).
  const bool pg = tx.dialect() == db::Dialect::kPostgres;
  // Takes the head's row lock until the caller commits: concurrent appenders queue here, so the
  // chain stays one line.
  SW_ASSIGN(auto head, tx.Query("UPDATE audit_chain SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash"));
  if (head.rows.size() != 1) return Error::Internal("the audit chain head is missing");
  const std::int64_t seq = head.rows[0].Int(0);
  std::string prev;
  if (head.rows[0].IsNull(1)) {
    SW_ASSIGN(prev, SealLegacy(tx, seq - 1));
  } else {
    prev = head.rows[0].Text(1);
  }
  const std::string seq_text = std::to_string(seq);
  const std::string id = NewUuidV7();
  const ChainFields f = {seq_text,
                         id,
                         Opt(actor.org_id),
                         std::string_view(now),
                         std::string_view(actor.user_id),
                         Opt(actor.username),
                         Opt(actor.role),
                         std::string_view(e.action),
                         std::string_view(e.resource_type),
                         Opt(e.resource_id),
                         Opt(e.client_id),
                         Opt(e.data_category),
                         Opt(actor.source_address),
                         Opt(actor.request_id),
                         std::string_view(e.outcome),
                         Opt(e.reason)};
  const std::string hash = ThreadHasher().Hash(prev, f);
  std::vector<db::Param> params;
  params.reserve(kChainFieldCount + 3);
  params.emplace_back(seq);
  for (std::size_t i = 1; i < kChainFieldCount; ++i) params.push_back(ToParam(f[i]));
  params.emplace_back(prev);
  params.emplace_back(hash);
  params.emplace_back(hash);
  // PostgreSQL: the event and the head's new hash in one round trip; SQLite runs in-process anyway and
  // has no INSERT inside WITH.
  static const std::string kInsert = "INSERT INTO audit_events (" + std::string(kChainColumns) +
                                     ", prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static const std::string kInsertAndHead =
      "WITH appended AS (" + kInsert + ") UPDATE audit_chain SET last_hash = ? WHERE id = 1";
  if (pg) {
    SW_ASSIGN(std::int64_t changed, tx.Execute(kInsertAndHead, params));
    if (changed != 1) return Error::Internal("the audit chain head was not updated");
    return Ok();
  }
  params.pop_back();
  SW_TRY(tx.Execute(kInsert, params));
  SW_TRY(tx.Execute("UPDATE audit_chain SET last_hash = ? WHERE id = 1", {hash}));
  return Ok();
}

// ---- ReadLog: group commit -------------------------------------------------------------------------

struct ReadLog::Impl {
  struct Pending {
    const Actor* actor;
    const Event* event;
    std::string now;
    Status result;
    bool done = false;
  };

  Impl(db::Database& d, const Clock& c) : db(d), clock(c) {
    worker = std::thread([this] { Run(); });
  }

  Status Record(const Actor& actor, const Event& event) {
    Pending p{&actor, &event, FormatTimestamp(clock.Now()), Ok(), false};
    std::unique_lock lock(mu);
    if (stopping) return Error::Unavailable("the audit log is shutting down");
    queue.push_back(&p);
    work_cv.notify_one();
    done_cv.wait(lock, [&] { return p.done; });
    return std::move(p.result);
  }

  // Commits everything queued in one write transaction (one fsync), then wakes the waiters.
  void Run() {
    std::vector<Pending*> batch;
    for (;;) {
      {
        std::unique_lock lock(mu);
        work_cv.wait(lock, [&] { return stopping || !queue.empty(); });
        if (queue.empty()) return;  // stopping, and drained
        batch.swap(queue);
      }
      Status s = Commit(batch);
      if (!s.ok() && batch.size() > 1) {
        // One bad event must not cost the others their record: retry each alone.
        for (Pending* p : batch) p->result = Commit(std::span<Pending* const>(&p, 1));
      } else {
        for (Pending* p : batch) p->result = s;
      }
      if (!s.ok()) log::Error("audit_read_log_commit_failed", {{"error", s.error().message}});
      {
        std::lock_guard lock(mu);
        for (Pending* p : batch) p->done = true;
        batches += 1;
      }
      done_cv.notify_all();
      batch.clear();
    }
  }

  Status Commit(std::span<Pending* const> batch) {
    return db::InTransaction(db, db::Access::kWrite, [&](db::Transaction& tx) -> Status {
      for (const Pending* p : batch) SW_TRY(Append(tx, *p->actor, *p->event, p->now));
      return Ok();
    });
  }

  ~Impl() {
    {
      std::lock_guard lock(mu);
      stopping = true;
    }
    work_cv.notify_all();
    worker.join();
  }

  db::Database& db;
  const Clock& clock;
  std::mutex mu;
  std::condition_variable work_cv, done_cv;
  std::vector<Pending*> queue;
  bool stopping = false;
  std::uint64_t batches = 0;
  std::thread worker;
};

ReadLog::ReadLog(db::Database& db, const Clock& clock) : impl_(std::make_unique<Impl>(db, clock)) {}
ReadLog::~ReadLog() = default;
Status ReadLog::Record(const Actor& actor, const Event& event) { return impl_->Record(actor, event); }
std::uint64_t ReadLog::batches_committed() const {
  std::lock_guard lock(impl_->mu);
  return impl_->batches;
}

}  // namespace stepwise::audit
