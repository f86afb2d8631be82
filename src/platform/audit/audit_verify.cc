#include "platform/audit/audit_verify.h"

#include <cstring>

#include "platform/audit/audit_hash.h"

namespace stepwise::audit {

Result<VerifyReport> VerifyIn(db::Transaction& tx) {
  VerifyReport r;
  std::string prev(kGenesisHash);
  std::int64_t expected = 1;
  SW_ASSIGN(auto cp, tx.Query("SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1"));
  if (!cp.empty()) {
    expected = cp.rows[0].Int(0) + 1;
    prev = cp.rows[0].Text(1);
  }
  r.first_seq = expected;
  auto broken = [&r](std::int64_t seq, std::string problem) {
    r.ok = false;
    r.first_broken_seq = seq;
    r.problem = std::move(problem);
    return false;
  };

  ChainHasher hasher;
  ChainFields f;
  char computed[64];
  SW_TRY(tx.ForEach("SELECT " + std::string(kChainColumns) +
                        ", prev_hash, hash FROM audit_events WHERE seq >= ? "
                        "ORDER BY seq",
                    {expected}, [&](const db::RowView& row) {
                      const std::int64_t seq = row.Int(0);
                      if (seq != expected) {
                        return broken(expected, "event " + std::to_string(expected) +
                                                    " is missing (the next event is " + std::to_string(seq) + ")");
                      }
                      const std::string_view prev_hash = row.Text(kChainFieldCount);
                      const std::string_view hash = row.Text(kChainFieldCount + 1);
                      if (row.IsNull(kChainFieldCount + 1)) {
                        return broken(seq, "event " + std::to_string(seq) +
                                               " has no hash yet (it was written before the hash chain; the next "
                                               "audited change seals it)");
                      }
                      if (prev_hash != prev) {
                        return broken(seq, "event " + std::to_string(seq) +
                                               " does not link to the event before it (prev_hash differs)");
                      }
                      for (std::size_t i = 0; i < kChainFieldCount; ++i) {
                        if (row.IsNull(i))
                          f[i].reset();
                        else
                          f[i] = row.Text(i);
                      }
                      hasher.Hash(prev_hash, f, computed);
                      if (hash.size() != 64 || std::memcmp(hash.data(), computed, 64) != 0) {
                        return broken(seq, "event " + std::to_string(seq) + " does not match its hash");
                      }
                      prev.assign(hash);
                      ++expected;
                      ++r.events_checked;
                      return true;
                    }));

  SW_ASSIGN(auto head, tx.Query("SELECT seq, last_hash FROM audit_chain WHERE id = 1"));
  if (head.empty()) {
    if (r.ok) broken(expected, "the chain head (audit_chain) is missing");
    return r;
  }
  r.head_seq = head.rows[0].Int(0);
  r.head_hash = head.rows[0].Text(1);
  if (!r.ok) return r;
  const std::int64_t last = expected - 1;
  if (r.head_seq > last) {
    broken(expected, "event " + std::to_string(expected) + " is missing (the chain head is at event " +
                         std::to_string(r.head_seq) + ")");
  } else if (r.head_seq < last) {
    broken(r.head_seq + 1, "event " + std::to_string(r.head_seq + 1) + " is beyond the chain head");
  } else if (!head.rows[0].IsNull(1) && r.head_hash != prev) {
    broken(last, "the chain head's hash does not match event " + std::to_string(last));
  }
  return r;
}

Result<VerifyReport> Verify(db::Database& db) {
  SW_ASSIGN(auto tx, db.Begin(db::Access::kRead));
  SW_ASSIGN(auto report, VerifyIn(*tx));
  SW_TRY(tx->Commit());
  return report;
}

}  // namespace stepwise::audit
