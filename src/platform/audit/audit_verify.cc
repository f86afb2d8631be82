#include "platform/audit/audit_verify.h"

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "platform/audit/audit_hash.h"

namespace stepwise::audit {

namespace {

constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kBatchRows = 4096;
constexpr std::size_t kBatchesInFlight = 4;

// Rows read but not yet hashed: the hash inputs back to back, and per row its seq and stored hash.
struct Batch {
  struct Item {
    std::int64_t seq;
    std::size_t offset, length;
    char stored[64];
    bool stored_ok;  // the stored hash has 64 characters
  };
  std::string bytes;
  std::vector<Item> items;
};

// Reading and hashing overlap: the caller's thread streams rows and checks the links (seq and
// prev_hash), a second thread hashes. Each is about half the work, so two cores verify about twice as
// fast as one. The hasher records the first event whose hash does not match.
class HashPipeline {
 public:
  HashPipeline() {
    for (std::size_t i = 0; i < kBatchesInFlight; ++i) {
      auto b = std::make_unique<Batch>();
      b->bytes.reserve(kBatchRows * 512);
      b->items.reserve(kBatchRows);
      free_.push_back(std::move(b));
    }
    worker_ = std::thread([this] { Run(); });
  }
  ~HashPipeline() { Finish(); }

  std::unique_ptr<Batch> Take() {
    std::unique_lock lock(mu_);
    free_cv_.wait(lock, [&] { return !free_.empty(); });
    auto b = std::move(free_.back());
    free_.pop_back();
    b->bytes.clear();
    b->items.clear();
    return b;
  }
  void Submit(std::unique_ptr<Batch> b) {
    {
      std::lock_guard lock(mu_);
      ready_.push_back(std::move(b));
    }
    ready_cv_.notify_one();
  }
  // Waits until every submitted batch is hashed.
  void Finish() {
    {
      std::lock_guard lock(mu_);
      if (done_) return;
      done_ = true;
    }
    ready_cv_.notify_one();
    worker_.join();
  }
  std::int64_t first_mismatch() const { return first_mismatch_.load(std::memory_order_relaxed); }

 private:
  void Run() {
    ChainHasher hasher;
    char computed[64];
    for (;;) {
      std::unique_ptr<Batch> b;
      {
        std::unique_lock lock(mu_);
        ready_cv_.wait(lock, [&] { return done_ || !ready_.empty(); });
        if (ready_.empty()) return;
        b = std::move(ready_.front());
        ready_.pop_front();
      }
      if (first_mismatch() == kNone) {
        for (const auto& item : b->items) {
          hasher.HashInput(std::string_view(b->bytes).substr(item.offset, item.length), computed);
          if (!item.stored_ok || std::memcmp(item.stored, computed, 64) != 0) {
            first_mismatch_.store(item.seq, std::memory_order_relaxed);
            break;
          }
        }
      }
      {
        std::lock_guard lock(mu_);
        free_.push_back(std::move(b));
      }
      free_cv_.notify_one();
    }
  }

  std::mutex mu_;
  std::condition_variable ready_cv_, free_cv_;
  std::deque<std::unique_ptr<Batch>> ready_;
  std::vector<std::unique_ptr<Batch>> free_;
  bool done_ = false;
  std::atomic<std::int64_t> first_mismatch_{kNone};
  std::thread worker_;
};

// One stretch of the chain read in one transaction: events from `from` on (up to `to`), linked to
// `prev` (or, when `prev` is empty, to whatever the first event names, which the caller then checks).
struct Segment {
  std::int64_t from = 1;
  std::int64_t to = kNone;
  std::string prev;  // the expected prev_hash of event `from`; "" = check later
  // Results:
  std::int64_t broken = kNone;  // the first event that does not check out
  std::string problem;
  std::int64_t next = 1;   // one past the last event read in order
  std::string first_prev;  // the prev_hash stored in event `from`
};

// Reads the segment, checking seq, links and (in this thread, or on `pipeline`'s thread) hashes.
Status ReadSegment(db::Transaction& tx, Segment& s, HashPipeline* pipeline) {
  std::string prev = s.prev;
  std::int64_t expected = s.from;
  auto broken = [&](std::int64_t seq, std::string problem) {
    s.broken = seq;
    s.problem = std::move(problem);
    return false;
  };
  std::unique_ptr<Batch> batch = pipeline ? pipeline->Take() : nullptr;
  ChainHasher hasher;
  std::string input;
  char computed[64];
  ChainFields f;
  const bool bounded = s.to != kNone;
  std::vector<db::Param> params{s.from};
  if (bounded) params.emplace_back(s.to);
  SW_TRY(tx.ForEach("SELECT " + std::string(kChainColumns) + ", prev_hash, hash FROM audit_events WHERE seq >= ?" +
                        (bounded ? " AND seq <= ?" : "") + " ORDER BY seq",
                    params, [&](const db::RowView& row) {
                      if (pipeline && pipeline->first_mismatch() != kNone) return false;  // an earlier one failed
                      const std::int64_t seq = row.Int(0);
                      if (seq != expected) {
                        return broken(expected, "event " + std::to_string(expected) +
                                                    " is missing (the next event is " + std::to_string(seq) + ")");
                      }
                      if (row.IsNull(kChainFieldCount + 1)) {
                        return broken(seq, "event " + std::to_string(seq) +
                                               " has no hash yet (it was written before the hash chain; the next "
                                               "audited change seals it)");
                      }
                      const std::string_view prev_hash = row.Text(kChainFieldCount);
                      const std::string_view hash = row.Text(kChainFieldCount + 1);
                      if (seq == s.from) {
                        s.first_prev.assign(prev_hash);
                        if (prev.empty()) prev.assign(prev_hash);
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
                      if (pipeline) {
                        Batch::Item item{seq, batch->bytes.size(), 0, {}, hash.size() == 64};
                        ChainHasher::AppendInput(batch->bytes, prev_hash, f);
                        item.length = batch->bytes.size() - item.offset;
                        if (item.stored_ok) std::memcpy(item.stored, hash.data(), 64);
                        batch->items.push_back(item);
                        if (batch->items.size() == kBatchRows) {
                          pipeline->Submit(std::move(batch));
                          batch = pipeline->Take();
                        }
                      } else {
                        input.clear();
                        ChainHasher::AppendInput(input, prev_hash, f);
                        hasher.HashInput(input, computed);
                        if (hash.size() != 64 || std::memcmp(hash.data(), computed, 64) != 0) {
                          return broken(seq, "event " + std::to_string(seq) + " does not match its hash");
                        }
                      }
                      prev.assign(hash);
                      ++expected;
                      return true;
                    }));
  if (pipeline) {
    pipeline->Submit(std::move(batch));
    pipeline->Finish();
    const std::int64_t mismatch = pipeline->first_mismatch();
    if (mismatch < s.broken) {
      s.broken = mismatch;
      s.problem = "event " + std::to_string(mismatch) + " does not match its hash";
    }
  }
  if (s.broken == kNone && bounded && expected <= s.to) {
    s.broken = expected;
    s.problem = "event " + std::to_string(expected) + " is missing";
  }
  s.next = s.broken == kNone ? expected : s.broken;
  s.prev = std::move(prev);  // now: the last event's hash
  return Ok();
}

struct Start {
  std::int64_t first_seq = 1;
  std::string prev = std::string(kGenesisHash);
};

Result<Start> ReadStart(db::Transaction& tx) {
  Start st;
  SW_ASSIGN(auto cp, tx.Query("SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1"));
  if (!cp.empty()) {
    st.first_seq = cp.rows[0].Int(0) + 1;
    st.prev = cp.rows[0].Text(1);
  }
  return st;
}

// Compares the chain head with where the events ended (`next`, one past the last, whose hash is `last_hash`).
Status CheckHead(db::Transaction& tx, VerifyReport& r, std::int64_t next, const std::string& last_hash) {
  SW_ASSIGN(auto head, tx.Query("SELECT seq, last_hash FROM audit_chain WHERE id = 1"));
  auto broken = [&](std::int64_t seq, std::string problem) {
    r.ok = false;
    r.first_broken_seq = seq;
    r.problem = std::move(problem);
    r.events_checked = std::max<std::int64_t>(0, seq - r.first_seq);
  };
  if (head.empty()) {
    if (r.ok) broken(next, "the chain head (audit_chain) is missing");
    return Ok();
  }
  r.head_seq = head.rows[0].Int(0);
  r.head_hash = head.rows[0].Text(1);
  if (!r.ok) return Ok();
  const std::int64_t last = next - 1;
  if (r.head_seq > last) {
    broken(next, "event " + std::to_string(next) + " is missing (the chain head is at event " +
                     std::to_string(r.head_seq) + ")");
  } else if (r.head_seq < last) {
    broken(r.head_seq + 1, "event " + std::to_string(r.head_seq + 1) + " is beyond the chain head");
  } else if (!head.rows[0].IsNull(1) && r.head_hash != last_hash) {
    broken(last, "the chain head's hash does not match event " + std::to_string(last));
  }
  return Ok();
}

void Report(VerifyReport& r, const Segment& s) {
  if (s.broken != kNone) {
    r.ok = false;
    r.first_broken_seq = s.broken;
    r.problem = s.problem;
  }
  r.events_checked = s.next - r.first_seq;
}

}  // namespace

Result<VerifyReport> VerifyIn(db::Transaction& tx) {
  VerifyReport r;
  SW_ASSIGN(Start st, ReadStart(tx));
  r.first_seq = st.first_seq;
  Segment s;
  s.from = st.first_seq;
  s.prev = st.prev;
  HashPipeline pipeline;
  SW_TRY(ReadSegment(tx, s, &pipeline));
  Report(r, s);
  SW_TRY(CheckHead(tx, r, s.next, s.prev));
  return r;
}

Result<VerifyReport> Verify(db::Database& db, std::int64_t parallel_from) {
  SW_ASSIGN(auto tx, db.Begin(db::Access::kRead));
  SW_ASSIGN(Start st, ReadStart(*tx));
  SW_ASSIGN(auto head, tx->Query("SELECT seq FROM audit_chain WHERE id = 1"));
  const std::int64_t head_seq = head.empty() ? 0 : head.rows[0].Int(0);
  if (head_seq - st.first_seq + 1 < std::max<std::int64_t>(2, parallel_from) ||
      std::thread::hardware_concurrency() < 2) {
    SW_ASSIGN(auto report, VerifyIn(*tx));
    SW_TRY(tx->Commit());
    return report;
  }
  // Two readers, each in its own read transaction and hashing its own half: reading rows is most of
  // the work, and the events up to the head never change, so the two snapshots agree on them. The
  // second half's first link is checked against the first half's last hash; the head is checked in
  // the second reader's snapshot (events appended meanwhile are simply included).
  const std::int64_t mid = st.first_seq + (head_seq - st.first_seq + 1) / 2;
  Segment a, b;
  a.from = st.first_seq;
  a.to = mid - 1;
  a.prev = st.prev;
  b.from = mid;
  Result<VerifyReport> second_head = VerifyReport{};
  Status second = Ok();
  std::thread reader([&] {
    auto tx2 = db.Begin(db::Access::kRead);
    if (!tx2.ok()) {
      second = std::move(tx2).error();
      return;
    }
    second = ReadSegment(**tx2, b, nullptr);
    if (second.ok()) {
      VerifyReport hr;
      hr.first_seq = st.first_seq;
      auto checked = CheckHead(**tx2, hr, b.broken == kNone ? b.next : b.broken, b.prev);
      if (!checked.ok()) second = std::move(checked).error();
      second_head = hr;
    }
    if (second.ok()) (void)(*tx2)->Commit();
  });
  Status first = ReadSegment(*tx, a, nullptr);
  reader.join();
  SW_TRY(first);
  SW_TRY(second);
  SW_TRY(tx->Commit());

  VerifyReport r;
  r.first_seq = st.first_seq;
  r.head_seq = second_head->head_seq;
  r.head_hash = second_head->head_hash;
  if (a.broken != kNone) {
    Report(r, a);
  } else if (b.broken == mid && b.first_prev.empty()) {
    Report(r, b);  // event `mid` itself is missing
  } else if (b.first_prev != a.prev) {
    r.ok = false;
    r.first_broken_seq = mid;
    r.problem = "event " + std::to_string(mid) + " does not link to the event before it (prev_hash differs)";
    r.events_checked = mid - r.first_seq;
  } else if (b.broken != kNone) {
    Report(r, b);
  } else if (!second_head->ok) {
    r.ok = false;
    r.first_broken_seq = second_head->first_broken_seq;
    r.problem = second_head->problem;
    r.events_checked = second_head->events_checked;
  } else {
    r.events_checked = b.next - r.first_seq;
  }
  return r;
}

}  // namespace stepwise::audit
