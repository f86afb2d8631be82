// The audit trail: one event per access to client data, sign-in, privilege or configuration change.
//
// Events form one SHA-256 hash chain per installation (each row stores
// SHA-256(previous hash || canonical row)); `stepwise audit verify` recomputes it. The table is
// append-only (SQLite triggers, PostgreSQL triggers plus revoked UPDATE/DELETE).
//
// Writes: `Append` adds the event inside the caller's write transaction, so a change and its trace
// commit together. Reads: `ReadLog::Record` commits the event durably (group commit, so concurrent
// readers share one fsync) before the caller returns the data, so a crash cannot lose the trace of a
// read that was answered.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::audit {

struct Event {
  std::string action;         // "create", "read", "query", "update", "void", "export", "sign_in", ...
  std::string resource_type;  // "client", "episode", "staff", "user", "session", "audit_event", ...
  std::string resource_id;
  std::string client_id;            // the client whose record this touches, if any
  std::string data_category;        // "demographics", "episode", "program", "staff", "security", "audit", ...
  std::string reason;               // reason or purpose (void reason, emergency-access reason, ...)
  std::string outcome = "success";  // "success", "denied", "failure"
};

// Appends `event` as `actor` at `now` (UTC text) in `tx`, a write transaction. It takes the chain head's
// row lock (audit_chain) until `tx` ends, so concurrent appenders extend one chain; append near the end
// of the transaction. Empty optional fields are stored as NULL.
Status Append(db::Transaction& tx, const Actor& actor, const Event& event, const std::string& now);

// Durable recording of events that happen outside a write transaction (reads, queries, refused
// requests, failed sign-ins). Thread-safe; Record blocks until the event is committed. A background
// thread commits whatever is queued in one write transaction, so concurrent callers share one commit;
// a failed commit is retried event by event and each caller gets its own event's outcome. The
// destructor commits what is queued, then stops; Record after that answers kUnavailable.
// Never call Record while holding a write transaction (on SQLite the log needs the one writer, so that
// would wait forever): inside a write transaction, use Append.
class ReadLog {
 public:
  ReadLog(db::Database& db, const Clock& clock);
  ~ReadLog();
  Status Record(const Actor& actor, const Event& event);
  // How many write transactions the log has committed (for tests and benchmarks).
  std::uint64_t batches_committed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace stepwise::audit
