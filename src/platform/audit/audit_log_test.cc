// The audit trail on both engines: the hash chain, concurrent appenders, append-only enforcement,
// durable read logging, the verifier against each kind of tampering, the report query and the purge.
#include "platform/audit/audit_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "platform/audit/audit_hash.h"
#include "platform/audit/audit_purge.h"
#include "platform/audit/audit_report.h"
#include "platform/audit/audit_verify.h"
#include "platform/base/dates.h"
#include "platform/db/migrations.h"
#include "platform/db/sqlite/sqlite_database.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::audit {
namespace {

using db::Access;
using db::Transaction;

constexpr const char* kOrg = "0192f000-0000-7000-8000-000000000001";

Actor Someone(const std::string& user = "u-1", const std::string& role = "counselor") {
  Actor a;
  a.org_id = kOrg;
  a.user_id = user;
  a.username = "name-" + user;
  a.role = role;
  a.source_address = "192.0.2.7";
  a.request_id = "00000000000000ab";
  return a;
}

Event Read(const std::string& client = "0192f000-0000-7000-8000-0000000000c1") {
  return {.action = "read",
          .resource_type = "client",
          .resource_id = client,
          .client_id = client,
          .data_category = "demographics"};
}

class AuditTest : public stepwise::testing::StoreTest {
 protected:
  bool pg() const { return GetParam() == "postgres"; }
  std::string Now() const { return FormatTimestamp(clock_.Now()); }

  void AppendMany(int n, const std::string& now = "") {
    for (int i = 0; i < n; ++i) {
      Actor a = Someone("u-" + std::to_string(i % 3), i % 2 ? "counselor" : "program_director");
      Event e = Read();
      if (i % 4 == 3) e.reason = "follow-up, \"urgent\"";
      if (i % 5 == 4) e.client_id.clear();
      auto s = db::InTransaction(database(), Access::kWrite,
                                 [&](Transaction& tx) { return Append(tx, a, e, now.empty() ? Now() : now); });
      ASSERT_TRUE(s.ok()) << s.error().message;
      clock_.Advance(std::chrono::seconds(1));
    }
  }

  VerifyReport VerifyNow() {
    auto r = Verify(database());
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : VerifyReport{};
  }

  // Lifts the append-only guard inside `tx` (the change rolls back with it).
  void DropGuards(Transaction& tx) {
    if (pg()) {
      ASSERT_TRUE(tx.ExecuteScript("ALTER TABLE audit_events DISABLE TRIGGER USER").ok());
    } else {
      ASSERT_TRUE(tx.ExecuteScript(
                        "DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;")
                      .ok());
    }
  }

  // Tampers inside a transaction that rolls back, and returns what the verifier sees meanwhile.
  VerifyReport TamperAndVerify(const std::function<void(Transaction&)>& tamper) {
    auto tx = database().Begin(Access::kWrite);
    EXPECT_TRUE(tx.ok());
    DropGuards(**tx);
    tamper(**tx);
    auto r = VerifyIn(**tx);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : VerifyReport{};
  }
};

TEST_P(AuditTest, EventsFormOneChainFromGenesis) {
  AppendMany(5);
  auto rs = db::InTransaction(database(), Access::kRead, [](Transaction& tx) {
    return tx.Query(
        "SELECT seq, prev_hash, hash, username, role, source_address, data_category, request_id, outcome FROM "
        "audit_events ORDER BY seq");
  });
  ASSERT_TRUE(rs.ok());
  ASSERT_EQ(rs->rows.size(), 5u);
  std::string prev(kGenesisHash);
  for (std::size_t i = 0; i < 5; ++i) {
    const auto& row = rs->rows[i];
    EXPECT_EQ(row.Int(0), static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(row.Text(1), prev);
    EXPECT_EQ(row.Text(2).size(), 64u);
    EXPECT_NE(row.Text(2), prev);
    prev = row.Text(2);
    EXPECT_EQ(row.Text(3), "name-u-" + std::to_string(i % 3));
    EXPECT_EQ(row.Text(5), "192.0.2.7");
    EXPECT_EQ(row.Text(6), "demographics");
    EXPECT_EQ(row.Text(7), "00000000000000ab");
    EXPECT_EQ(row.Text(8), "success");
  }
  auto v = VerifyNow();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.events_checked, 5);
  EXPECT_EQ(v.head_seq, 5);
  EXPECT_EQ(v.head_hash, prev);
}

TEST_P(AuditTest, AnEmptyChainVerifies) {
  auto v = VerifyNow();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.events_checked, 0);
  EXPECT_EQ(v.head_hash, kGenesisHash);
}

TEST_P(AuditTest, ARolledBackWriteLeavesNoGapInTheChain) {
  AppendMany(2);
  auto failed = db::InTransaction(database(), Access::kWrite, [&](Transaction& tx) -> Status {
    SW_TRY(Append(tx, Someone(), Read(), Now()));
    return Error::InvalidArgument("the change itself failed");
  });
  EXPECT_FALSE(failed.ok());
  AppendMany(1);
  auto v = VerifyNow();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.events_checked, 3);
}

TEST_P(AuditTest, ConcurrentWritersExtendOneUnbrokenChain) {
  constexpr int kThreads = 6, kEach = 40;
  std::vector<std::unique_ptr<db::Database>> handles;
  for (int t = 0; t < kThreads; ++t) handles.push_back(OpenAgain());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto s = db::InTransaction(*handles[t], Access::kWrite, [&](Transaction& tx) -> Status {
          // Some work before and after, as a service would do.
          SW_TRY(tx.Query("SELECT COUNT(*) FROM organizations"));
          SW_TRY(Append(tx, Someone("t" + std::to_string(t)), Read(), Now()));
          return Ok();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto v = VerifyNow();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.events_checked, kThreads * kEach);
  EXPECT_EQ(v.head_seq, kThreads * kEach);
}

TEST_P(AuditTest, UpdateDeleteAndTruncateAreRefused) {
  AppendMany(3);
  const std::vector<std::string> attempts = {
      "UPDATE audit_events SET reason = 'changed' WHERE seq = 2",
      "UPDATE audit_events SET hash = NULL WHERE seq = 2",
      "DELETE FROM audit_events WHERE seq = 3",
      "DELETE FROM audit_events",
      "DELETE FROM audit_chain",
      "INSERT INTO audit_events (id, occurred_at, user_id, action, resource_type, outcome) VALUES ('x', 'now', 'u', "
      "'read', 'client', 'success')",
      "INSERT INTO audit_checkpoints (seq, hash, occurred_at, events_purged, cutoff, created_at, created_by) VALUES "
      "(3, 'h', '2000-01-01T00:00:00.000Z', 3, 'c', 'c', 'me')",
  };
  for (const auto& sql : attempts) {
    auto s = db::InTransaction(database(), Access::kWrite, [&](Transaction& tx) -> Status {
      SW_TRY(tx.Execute(sql));
      // A forged checkpoint still does not allow deleting young events.
      SW_TRY(tx.Execute("DELETE FROM audit_events WHERE seq = 1"));
      return Ok();
    });
    EXPECT_FALSE(s.ok()) << sql;
  }
  if (pg()) {
    auto s = db::InTransaction(database(), Access::kWrite,
                               [](Transaction& tx) { return tx.ExecuteScript("TRUNCATE audit_events"); });
    EXPECT_FALSE(s.ok());
  }
  auto v = VerifyNow();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.events_checked, 3);
}

TEST_P(AuditTest, ReadLogCommitsEachEventBeforeRecordReturns) {
  constexpr int kThreads = 8, kEach = 25;
  auto other = OpenAgain();  // a second handle sees only what is committed
  {
    ReadLog log(database(), clock_);
    std::atomic<int> missing{0}, failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          Actor a = Someone("reader-" + std::to_string(t));
          a.request_id = std::to_string(t * 1000 + i);
          if (!log.Record(a, Read()).ok()) {
            ++failures;
            continue;
          }
          auto seen = db::InTransaction(*other, Access::kRead, [&](Transaction& tx) {
            return tx.Query("SELECT COUNT(*) FROM audit_events WHERE request_id = ?", {a.request_id});
          });
          if (!seen.ok() || seen->rows[0].Int(0) != 1) ++missing;
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(missing.load(), 0);
    EXPECT_LE(log.batches_committed(), static_cast<std::uint64_t>(kThreads * kEach));
  }
  auto v = VerifyNow();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.events_checked, kThreads * kEach);
}

TEST_P(AuditTest, ReadLogReportsAFailedCommitToTheCaller) {
  ReadLog log(database(), clock_);
  Event bad = Read();
  bad.action.clear();  // refused by Append
  EXPECT_FALSE(log.Record(Someone(), bad).ok());
  EXPECT_TRUE(log.Record(Someone(), Read()).ok());
  EXPECT_EQ(VerifyNow().events_checked, 1);
}

// Every column, the link and the hash: a changed byte anywhere is found at that event.
TEST_P(AuditTest, VerifierFindsAChangedByteInAnyColumn) {
  AppendMany(12);
  const std::vector<std::string> columns = {
      "id",         "org_id",        "occurred_at", "user_id",   "username",      "role",
      "action",     "resource_type", "resource_id", "client_id", "data_category", "source_address",
      "request_id", "outcome",       "reason",      "prev_hash", "hash"};
  for (const auto& column : columns) {
    auto v = TamperAndVerify([&](Transaction& tx) {
      auto rs = tx.Query("SELECT " + column + " FROM audit_events WHERE seq = 7");
      ASSERT_TRUE(rs.ok());
      std::string value = rs->rows[0].IsNull(0) ? "x" : rs->rows[0].Text(0);
      value[0] = static_cast<char>(value[0] ^ 1);
      auto n = tx.Execute("UPDATE audit_events SET " + column + " = ? WHERE seq = 7", {value});
      ASSERT_TRUE(n.ok()) << column << ": " << n.error().message;
    });
    EXPECT_FALSE(v.ok) << column;
    EXPECT_EQ(v.first_broken_seq.value_or(-1), 7) << column << ": " << v.problem;
    EXPECT_EQ(v.events_checked, 6) << column;
  }
  auto renumbered = TamperAndVerify(
      [](Transaction& tx) { ASSERT_TRUE(tx.Execute("UPDATE audit_events SET seq = 100 WHERE seq = 7").ok()); });
  EXPECT_EQ(renumbered.first_broken_seq.value_or(-1), 7) << renumbered.problem;
  EXPECT_TRUE(VerifyNow().ok);  // every tampering rolled back
}

TEST_P(AuditTest, VerifierFindsDeletedAndSwappedEvents) {
  AppendMany(12);
  auto deleted =
      TamperAndVerify([](Transaction& tx) { ASSERT_TRUE(tx.Execute("DELETE FROM audit_events WHERE seq = 5").ok()); });
  EXPECT_EQ(deleted.first_broken_seq.value_or(-1), 5) << deleted.problem;
  auto first =
      TamperAndVerify([](Transaction& tx) { ASSERT_TRUE(tx.Execute("DELETE FROM audit_events WHERE seq = 1").ok()); });
  EXPECT_EQ(first.first_broken_seq.value_or(-1), 1) << first.problem;
  auto last =
      TamperAndVerify([](Transaction& tx) { ASSERT_TRUE(tx.Execute("DELETE FROM audit_events WHERE seq = 12").ok()); });
  EXPECT_EQ(last.first_broken_seq.value_or(-1), 12) << last.problem;
  // Deleting an event and renumbering the rest still breaks the link.
  auto renumbered = TamperAndVerify([](Transaction& tx) {
    ASSERT_TRUE(tx.Execute("DELETE FROM audit_events WHERE seq = 5").ok());
    for (int s = 6; s <= 12; ++s) {
      ASSERT_TRUE(
          tx.Execute("UPDATE audit_events SET seq = ? WHERE seq = ?", {std::int64_t{s - 1}, std::int64_t{s}}).ok());
    }
    ASSERT_TRUE(tx.Execute("UPDATE audit_chain SET seq = 11").ok());
  });
  EXPECT_EQ(renumbered.first_broken_seq.value_or(-1), 5) << renumbered.problem;
  // Two events' contents swapped (each keeps its seq).
  auto swapped = TamperAndVerify([](Transaction& tx) {
    const std::string cols = std::string(kChainColumns) + ", prev_hash, hash";
    auto a = tx.Query("SELECT " + cols + " FROM audit_events WHERE seq = 4");
    auto b = tx.Query("SELECT " + cols + " FROM audit_events WHERE seq = 9");
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_TRUE(tx.Execute("UPDATE audit_events SET id = 'moving' WHERE seq = 4").ok());
    auto put = [&](std::int64_t seq, const db::Row& from) {
      std::string set;
      std::vector<db::Param> params;
      const auto& names = a->columns;
      for (std::size_t i = 1; i < names.size(); ++i) {
        set += (set.empty() ? "" : ", ") + names[i] + " = ?";
        params.push_back(db::Text(from.OptText(i)));
      }
      params.emplace_back(seq);
      auto n = tx.Execute("UPDATE audit_events SET " + set + " WHERE seq = ?", params);
      ASSERT_TRUE(n.ok()) << n.error().message;
    };
    put(9, a->rows[0]);
    put(4, b->rows[0]);
  });
  EXPECT_EQ(swapped.first_broken_seq.value_or(-1), 4) << swapped.problem;
  // A rewritten hash (with the head left alone) is caught where it no longer matches.
  auto rehashed = TamperAndVerify([](Transaction& tx) {
    ASSERT_TRUE(tx.Execute("UPDATE audit_events SET hash = ? WHERE seq = 12", {std::string(64, 'a')}).ok());
  });
  EXPECT_EQ(rehashed.first_broken_seq.value_or(-1), 12) << rehashed.problem;
}

// The offline case from the requirements: tamper with a copy of the SQLite file, then verify the copy.
TEST_P(AuditTest, VerifierFindsTamperingInACopyOfTheFile) {
  if (pg()) GTEST_SKIP() << "file copies are a SQLite matter; PostgreSQL is covered in the tests above";
  AppendMany(10);
  const std::string source = database().Describe().substr(std::string("sqlite:").size());
  const std::vector<std::pair<std::string, std::int64_t>> cases = {
      {"UPDATE audit_events SET reason = 'Follow-up, \"urgent\"' WHERE seq = 4", 4},  // one byte: f -> F
      {"DELETE FROM audit_events WHERE seq = 6", 6},
      {"UPDATE audit_events SET seq = -2 WHERE seq = 2; UPDATE audit_events SET seq = 2 WHERE seq = 8; "
       "UPDATE audit_events SET seq = 8 WHERE seq = -2;",
       2},
  };
  int n = 0;
  for (const auto& [sql, expected] : cases) {
    const std::string copy = source + ".copy" + std::to_string(n++);
    ASSERT_TRUE(db::SqliteBackup(source, copy).ok());
    {
      auto opened = db::OpenSqlite({copy});
      ASSERT_TRUE(opened.ok());
      auto& c = **opened;
      EXPECT_TRUE(Verify(c)->ok);
      auto s = db::InTransaction(c, Access::kWrite, [&](Transaction& tx) -> Status {
        SW_TRY(tx.ExecuteScript("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;"));
        return tx.ExecuteScript(sql);
      });
      ASSERT_TRUE(s.ok()) << s.error().message;
      auto v = Verify(c);
      ASSERT_TRUE(v.ok());
      EXPECT_FALSE(v->ok) << sql;
      EXPECT_EQ(v->first_broken_seq.value_or(-1), expected) << sql << ": " << v->problem;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(copy + suffix);
  }
}

// The two-reader path of Verify (used from 100,000 events) finds breaks in either half and at the seam.
TEST_P(AuditTest, ParallelVerifierFindsBreaksInEitherHalfAndAtTheSeam) {
  AppendMany(24);  // halves: 1-12 and 13-24
  auto both = [&](const char* what) {
    auto parallel = Verify(database(), 1);
    auto tx = database().Begin(Access::kRead);
    auto single = VerifyIn(**tx);
    EXPECT_TRUE(parallel.ok() && single.ok()) << what;
    EXPECT_EQ(parallel->ok, single->ok) << what;
    EXPECT_EQ(parallel->first_broken_seq, single->first_broken_seq) << what << ": " << parallel->problem;
    EXPECT_EQ(parallel->events_checked, single->events_checked) << what;
    return *parallel;
  };
  auto ok = both("intact");
  EXPECT_TRUE(ok.ok);
  EXPECT_EQ(ok.events_checked, 24);
  EXPECT_EQ(ok.head_seq, 24);
  auto tamper = [&](const std::string& sql) {
    auto s = db::InTransaction(database(), Access::kWrite, [&](Transaction& tx) -> Status {
      DropGuards(tx);
      return tx.ExecuteScript(sql);
    });
    ASSERT_TRUE(s.ok()) << sql << ": " << s.error().message;
  };
  tamper("UPDATE audit_events SET hash = '" + std::string(64, 'b') + "' WHERE seq = 24");
  EXPECT_EQ(both("head").first_broken_seq.value_or(-1), 24);
  tamper("UPDATE audit_events SET action = 'reat' WHERE seq = 20");
  EXPECT_EQ(both("second half").first_broken_seq.value_or(-1), 20);
  tamper("DELETE FROM audit_events WHERE seq = 13");
  EXPECT_EQ(both("seam, missing").first_broken_seq.value_or(-1), 13);
  tamper("UPDATE audit_events SET role = 'x' WHERE seq = 12");
  EXPECT_EQ(both("first half").first_broken_seq.value_or(-1), 12);
  tamper("DELETE FROM audit_events WHERE seq = 1");
  EXPECT_EQ(both("first").first_broken_seq.value_or(-1), 1);
}

TEST_P(AuditTest, ReportFiltersSortsAndPagesWithAKeyset) {
  AppendMany(11);
  auto list = [&](EventQuery q) {
    q.org_id = kOrg;
    q.dialect = database().dialect();
    auto tx = database().Begin(Access::kRead);
    auto page = ListEvents(**tx, q);
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? *page : EventPage{};
  };
  for (auto column : SortColumns()) {
    for (bool desc : {false, true}) {
      std::vector<std::int64_t> seen;
      std::vector<std::string> keys;
      EventQuery q{.sort = std::string(column), .descending = desc, .limit = 3};
      for (int guard = 0; guard < 10; ++guard) {
        auto page = list(q);
        for (const auto& e : page.items) {
          seen.push_back(e.seq);
          keys.push_back(column == "occurred_at" ? e.occurred_at
                         : column == "user_id"   ? e.user_id
                         : column == "role"      ? e.role
                         : column == "client_id" ? e.client_id
                                                 : e.action);
        }
        if (!page.next_cursor) break;
        q.after_seq = page.next_cursor;
      }
      EXPECT_EQ(seen.size(), 11u) << column;
      std::sort(seen.begin(), seen.end());
      EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end()) << column;
      if (column == "occurred_at" || column == "user_id" || column == "role" || column == "client_id") {
        EXPECT_TRUE(desc ? std::is_sorted(keys.rbegin(), keys.rend()) : std::is_sorted(keys.begin(), keys.end()))
            << column << (desc ? " desc" : " asc");
      }
    }
  }
  EXPECT_EQ(list({.user_id = "u-1"}).items.size(), 4u);
  EXPECT_EQ(list({.from = "2026-11-02T15:00:03.000Z", .to = "2026-11-02T15:00:05.000Z"}).items.size(), 2u);
  auto tx = database().Begin(Access::kRead);
  auto bad = ListEvents(**tx, {.org_id = kOrg, .sort = "nope"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "sort");
  EXPECT_TRUE(ListEvents(**tx, {.org_id = "another"})->items.empty());
}

TEST_P(AuditTest, PurgeKeepsTheFloorArchivesAndLeavesAVerifiableChain) {
  AppendMany(4, "2015-03-01T10:00:00.000Z");
  AppendMany(3);  // 2026
  const std::string archive =
      (std::filesystem::temp_directory_path() / ("stepwise-audit-archive-" + GetParam() + "-" +
                                                 std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                                 std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".jsonl"))
          .string();
  Actor officer = Someone("officer", "privacy_officer");
  auto refused = Purge(database(), clock_, officer, {5, archive});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "older_than_years");
  EXPECT_FALSE(std::filesystem::exists(archive));

  auto purged = Purge(database(), clock_, officer, {6, archive});
  ASSERT_TRUE(purged.ok()) << purged.error().message;
  EXPECT_EQ(purged->events_purged, 4);
  EXPECT_EQ(purged->checkpoint_seq, 4);
  std::ifstream in(archive);
  int lines = 0;
  for (std::string line; std::getline(in, line);) {
    ++lines;
    EXPECT_EQ(line.rfind("{\"seq\":" + std::to_string(lines) + ",", 0), 0u) << line;
  }
  EXPECT_EQ(lines, 4);
  std::filesystem::remove(archive);

  auto v = VerifyNow();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.first_seq, 5);
  EXPECT_EQ(v.events_checked, 4);  // three from 2026 and the purge's own event
  auto again = Purge(database(), clock_, officer, {6, archive});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->events_purged, 0);
  EXPECT_FALSE(std::filesystem::exists(archive));
  // The young events stay protected even though a checkpoint now exists.
  auto young = db::InTransaction(database(), Access::kWrite,
                                 [](Transaction& tx) { return tx.Execute("DELETE FROM audit_events WHERE seq = 5"); });
  EXPECT_FALSE(young.ok());
}

// PostgreSQL's one-round-trip append hands unsealed pre-chain events back to the C++ sealing path.
TEST_P(AuditTest, PostgresSealsEventsWrittenBeforeTheChain) {
  if (!pg()) GTEST_SKIP() << "SQLite: AuditMigration.SealsEventsWrittenBeforeTheChain";
  auto legacy = db::InTransaction(database(), Access::kWrite, [&](Transaction& tx) -> Status {
    SW_TRY(tx.ExecuteScript("ALTER TABLE audit_events DISABLE TRIGGER USER"));
    for (std::int64_t i = 1; i <= 2; ++i) {
      SW_TRY(
          tx.Execute("INSERT INTO audit_events (seq, id, org_id, occurred_at, user_id, action, resource_type, outcome) "
                     "VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', 'old', 'create', 'client', 'success')",
                     {i, "legacy-" + std::to_string(i), std::string(kOrg)}));
    }
    SW_TRY(tx.ExecuteScript("ALTER TABLE audit_events ENABLE TRIGGER USER"));
    return tx.ExecuteScript("UPDATE audit_chain SET seq = 2, last_hash = NULL");
  });
  ASSERT_TRUE(legacy.ok()) << legacy.error().message;
  EXPECT_EQ(VerifyNow().first_broken_seq.value_or(-1), 1);
  AppendMany(2);
  auto v = VerifyNow();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.events_checked, 4);
}

STORE_TEST_P(AuditTest);

// Rows written before migration 0002 are numbered by the migration and sealed by the next append.
TEST(AuditMigration, SealsEventsWrittenBeforeTheChain) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("stepwise-audit-legacy-" + std::to_string(::getpid()) + ".db"))
          .string();
  {
    auto opened = db::OpenSqlite({path});
    ASSERT_TRUE(opened.ok());
    auto& d = **opened;
    ASSERT_TRUE(db::Migrate(d, Migrations().subspan(0, 1)).ok());
    ASSERT_TRUE(db::InTransaction(d, Access::kWrite, [](Transaction& tx) -> Status {
                  for (int i = 0; i < 3; ++i) {
                    SW_TRY(tx.Execute(
                        "INSERT INTO audit_events (id, org_id, occurred_at, user_id, action, resource_type, outcome) "
                        "VALUES (?, ?, ?, 'old', 'create', 'client', 'success')",
                        {"id-" + std::to_string(i), std::string(kOrg),
                         "2026-01-0" + std::to_string(3 - i) + "T00:00:00.000Z"}));
                  }
                  return Ok();
                }).ok());
    auto migrated = db::Migrate(d, Migrations());
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    auto before = Verify(d);
    ASSERT_TRUE(before.ok());
    EXPECT_FALSE(before->ok);
    EXPECT_EQ(before->first_broken_seq.value_or(-1), 1);
    ASSERT_TRUE(db::InTransaction(d, Access::kWrite, [](Transaction& tx) {
                  return Append(tx, Someone(), Read(), "2026-02-01T00:00:00.000Z");
                }).ok());
    auto after = Verify(d);
    ASSERT_TRUE(after.ok());
    EXPECT_TRUE(after->ok) << after->problem;
    EXPECT_EQ(after->events_checked, 4);
    auto order = db::InTransaction(
        d, Access::kRead, [](Transaction& tx) { return tx.Query("SELECT id FROM audit_events ORDER BY seq"); });
    EXPECT_EQ(order->rows[0].Text(0), "id-2");  // numbered in time order
    // Sealed rows are frozen like any other.
    EXPECT_FALSE(db::InTransaction(d, Access::kWrite, [](Transaction& tx) {
                   return tx.Execute("UPDATE audit_events SET hash = NULL WHERE seq = 1");
                 }).ok());
  }
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
}

}  // namespace
}  // namespace stepwise::audit
