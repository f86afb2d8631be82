// Recomputes the audit hash chain and reports the first broken link.
//
// Streams every event in seq order (from the latest purge checkpoint, if any), checks that seq is
// contiguous, that each prev_hash is the previous event's hash, that each hash matches the event's
// contents, and that the chain head (audit_chain) names the last event. It catches a changed byte in
// any column, a deleted or inserted event, reordered contents and a rewritten hash; it cannot catch
// someone who rewrites every later hash and the head as well, which is why the head is an anchor to
// keep off the machine (docs/operations.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/base/result.h"
#include "platform/db/database.h"

namespace stepwise::audit {

struct VerifyReport {
  bool ok = true;
  std::int64_t events_checked = 0;               // events whose link and hash were confirmed
  std::optional<std::int64_t> first_broken_seq;  // the first event that does not check out
  std::string problem;                           // what is wrong with it ("" when ok)
  std::int64_t first_seq = 1;                    // where checking started (after the latest checkpoint)
  std::int64_t head_seq = 0;                     // the chain head, to keep as an anchor
  std::string head_hash;
};

// Verifies a chain of at least `parallel_from` events with two readers in two read transactions (one
// per core: reading rows is most of the work), a shorter one in one read transaction with hashing on a
// second thread. Events up to the head never change, so the two snapshots agree on them.
inline constexpr std::int64_t kParallelVerifyFrom = 100'000;
Result<VerifyReport> Verify(db::Database& db, std::int64_t parallel_from = kParallelVerifyFrom);
// Verifies what `tx` sees (tests tamper inside a transaction and verify before rolling back).
Result<VerifyReport> VerifyIn(db::Transaction& tx);

}  // namespace stepwise::audit
