// Audit trail benchmarks (issue 3), on SQLite by default (AUDIT_BENCH_PG=postgresql://… runs the write
// path and the read log on PostgreSQL as well):
//
//   BM_WritePath        ClientStore::Insert of a client in a write transaction, committed, alternating
//                       batches of 25 without and with audit::Append in the same run; counters report
//                       both rates and their ratio (target: with ≥ 0.70 × without)
//   BM_Verify           audit::Verify over AUDIT_BENCH_EVENTS events (default 1,000,000); events/s
//                       (target ≥ 1,000,000/s), and events per CPU-second of all its threads (on a
//                       shared machine: what the work costs, apart from waiting for a core)
//   BM_ReadLog/threads  ReadLog::Record from 1–16 threads at once; events/s and events per commit
//
//   build/audit_bench
//   AUDIT_BENCH_DIR=/dev/shm build/audit_bench     # the database on tmpfs: no fsync cost at all
//   AUDIT_BENCH_EVENTS=200000 build/audit_bench    # a smaller chain, for a quick look
//   AUDIT_BENCH_KEEP=1 build/audit_bench           # keep the databases (prints nothing; see /tmp)
//   AUDIT_BENCH_CHAIN=/tmp/…/chain.db build/audit_bench --benchmark_filter=Verify   # reuse a chain
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "care/admissions/client_store.h"
#include "platform/audit/audit_log.h"
#include "platform/audit/audit_verify.h"
#include "platform/base/dates.h"
#include "platform/base/uuid.h"
#include "platform/db/migrations.h"
#include "platform/db/postgres/postgres_database.h"
#include "platform/db/sqlite/sqlite_database.h"

namespace {

using namespace stepwise;
using BenchClock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what, const Error& e) {
  std::cerr << "audit_bench: " << what << ": " << e.message << "\n";
  std::exit(1);
}
template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Die(what, r.error());
  return std::move(r).value();
}
void Must(Status s, const char* what) {
  if (!s.ok()) Die(what, s.error());
}

std::int64_t EnvInt(const char* name, std::int64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoll(v) : fallback;
}

struct Engine {
  std::string name;
  std::unique_ptr<db::Database> db;
  std::string org_id;
};

struct Fixture {
  std::filesystem::path dir;
  SystemClock clock;
  Actor actor;
  std::vector<Engine> engines;          // [0] SQLite, [1] PostgreSQL when AUDIT_BENCH_PG is set
  std::unique_ptr<db::Database> chain;  // SQLite database holding the long chain for BM_Verify
  std::int64_t chain_events = 0;
  std::atomic<int> counter{0};
};

Fixture* g = nullptr;

std::string AddOrganization(db::Database& d) {
  const std::string id = NewUuidV7();
  const std::string now = FormatTimestamp(std::chrono::system_clock::now());
  auto tx = Must(d.Begin(db::Access::kWrite), "begin");
  Must(tx->Execute("INSERT INTO organizations (id, name, time_zone, version, created_at, updated_at) VALUES (?, "
                   "'Benchmark Recovery Center', 'America/Chicago', 1, ?, ?)",
                   {id, now, now}),
       "organization");
  Must(tx->Commit(), "commit");
  return id;
}

Actor BenchActor(const std::string& org_id) {
  Actor a;
  a.org_id = org_id;
  a.user_id = "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b";
  a.username = "priya.shah";
  a.role = "counselor";
  a.source_address = "203.0.113.42";
  a.request_id = "5f3a9c0d2b7e4a18";
  return a;
}

admissions::Client MakeClient(const std::string& org_id, int i) {
  const auto now = std::chrono::system_clock::now();
  const std::string ts = FormatTimestamp(now);
  admissions::Client c;
  c.meta = {NewUuidV7(now), org_id, 1, false, "", ts, ts};
  c.mrn = "BM-" + std::to_string(i);
  c.legal_name = {"Maria", "", "Lopez"};
  c.preferred_name = "Mari";
  c.pronouns = "she/her";
  c.birth_date = Date{std::chrono::year(1988), std::chrono::month(4), std::chrono::day(17)};
  c.sex_at_birth = "female";
  c.phone = "(612) 555-0101";
  c.email = "maria@example.org";
  c.address = {"1 Main St", "", "Minneapolis", "MN", "55401"};
  c.emergency_contact = {"Pat Lopez", "spouse", "(612) 555-0102"};
  c.identifiers.push_back({"medicaid", "MA" + std::to_string(48210000 + i)});
  return c;
}

double g_append_seconds = 0, g_commit_seconds_plain = 0, g_commit_seconds_audited = 0;

// One registration as ClientService::Create writes it: the client, then (optionally) its audit event.
double InsertBatch(Engine& e, const Actor& actor, int n, bool audited) {
  const auto start = BenchClock::now();
  for (int k = 0; k < n; ++k) {
    auto c = MakeClient(e.org_id, g->counter++);
    auto tx = Must(e.db->Begin(db::Access::kWrite), "begin");
    Must(admissions::ClientStore::Insert(*tx, c), "insert");
    if (audited) {
      const auto append_start = BenchClock::now();
      Must(audit::Append(*tx, actor,
                         {.action = "create",
                          .resource_type = "client",
                          .resource_id = c.meta.id,
                          .client_id = c.meta.id,
                          .data_category = "demographics"},
                         c.meta.created_at),
           "append");
      g_append_seconds += std::chrono::duration<double>(BenchClock::now() - append_start).count();
    }
    const auto commit_start = BenchClock::now();
    Must(tx->Commit(), "commit");
    (audited ? g_commit_seconds_audited : g_commit_seconds_plain) +=
        std::chrono::duration<double>(BenchClock::now() - commit_start).count();
  }
  return std::chrono::duration<double>(BenchClock::now() - start).count();
}

void BM_WritePath(benchmark::State& state) {
  const auto engine = static_cast<std::size_t>(state.range(0));
  if (engine >= g->engines.size()) {
    state.SkipWithError("PostgreSQL not configured (set AUDIT_BENCH_PG)");
    return;
  }
  Engine& e = g->engines[engine];
  const Actor actor = BenchActor(e.org_id);
  constexpr int kBatch = 25;
  double plain = 0, audited = 0;
  std::int64_t n = 0;
  g_append_seconds = g_commit_seconds_plain = g_commit_seconds_audited = 0;
  bool flip = false;
  for (auto _ : state) {
    // Alternate which goes first so neither always follows the other.
    if (flip) {
      audited += InsertBatch(e, actor, kBatch, true);
      plain += InsertBatch(e, actor, kBatch, false);
    } else {
      plain += InsertBatch(e, actor, kBatch, false);
      audited += InsertBatch(e, actor, kBatch, true);
    }
    flip = !flip;
    n += kBatch;
  }
  state.SetLabel(e.name);
  state.counters["without_audit_per_s"] = static_cast<double>(n) / plain;
  state.counters["with_audit_per_s"] = static_cast<double>(n) / audited;
  state.counters["ratio"] = plain / audited;
  // Where the difference goes: the Append call itself, and the commit with and without the audit row.
  state.counters["append_us"] = 1e6 * g_append_seconds / static_cast<double>(n);
  state.counters["commit_us_without"] = 1e6 * g_commit_seconds_plain / static_cast<double>(n);
  state.counters["commit_us_with"] = 1e6 * g_commit_seconds_audited / static_cast<double>(n);
  state.SetItemsProcessed(2 * n);
}
BENCHMARK(BM_WritePath)->Arg(0)->Arg(1)->MinTime(3.0)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BuildChain() {
  if (const char* existing = std::getenv("AUDIT_BENCH_CHAIN"); existing && *existing) {
    // A chain kept from an earlier run (AUDIT_BENCH_KEEP=1 leaves <dir>/chain.db).
    g->chain = Must(db::OpenSqlite({existing}), "open chain");
    auto tx = Must(g->chain->Begin(db::Access::kRead), "begin");
    g->chain_events = Must(tx->Query("SELECT seq FROM audit_chain WHERE id = 1"), "head").rows.at(0).Int(0);
    return;
  }
  g->chain_events = EnvInt("AUDIT_BENCH_EVENTS", 1'000'000);
  g->chain = Must(db::OpenSqlite({(g->dir / "chain.db").string()}), "open chain");
  Must(db::Migrate(*g->chain, Migrations()), "migrate chain");
  const std::string org = AddOrganization(*g->chain);
  Actor actor = BenchActor(org);
  const auto started = BenchClock::now();
  constexpr std::int64_t kPerTx = 20000;
  const char* actions[] = {"read", "query", "update", "create", "export"};
  for (std::int64_t first = 0; first < g->chain_events; first += kPerTx) {
    auto tx = Must(g->chain->Begin(db::Access::kWrite), "begin");
    for (std::int64_t i = first; i < std::min(g->chain_events, first + kPerTx); ++i) {
      const std::string client = NewUuidV7();
      audit::Event e{.action = actions[i % 5],
                     .resource_type = "client",
                     .resource_id = client,
                     .client_id = client,
                     .data_category = "demographics"};
      if (i % 10 == 0) e.reason = "chart review before the treatment-plan meeting";
      Must(audit::Append(*tx, actor, e, FormatTimestamp(std::chrono::system_clock::now())), "append");
    }
    Must(tx->Commit(), "commit");
  }
  std::cerr << "audit_bench: wrote " << g->chain_events << " events in "
            << std::chrono::duration<double>(BenchClock::now() - started).count() << " s\n";
}

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void BM_Verify(benchmark::State& state) {
  std::int64_t checked = 0;
  const double cpu_start = ProcessCpuSeconds();
  for (auto _ : state) {
    auto r = Must(audit::Verify(*g->chain), "verify");
    if (!r.ok || r.events_checked != g->chain_events) {
      state.SkipWithError(("chain does not verify: " + r.problem).c_str());
      return;
    }
    checked += r.events_checked;
  }
  state.SetItemsProcessed(checked);
  state.counters["events"] = static_cast<double>(g->chain_events);
  // CPU seconds of all threads: events per CPU-second × 2 is the rate two uncontended cores reach.
  state.counters["events_per_cpu_s"] = static_cast<double>(checked) / (ProcessCpuSeconds() - cpu_start);
}
BENCHMARK(BM_Verify)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

std::unique_ptr<audit::ReadLog> g_log;
std::uint64_t g_batches_before = 0;

void BM_ReadLog(benchmark::State& state) {
  Engine& e = g->engines[0];
  if (state.thread_index() == 0) {
    g_log = std::make_unique<audit::ReadLog>(*e.db, g->clock);
    g_batches_before = 0;
  }
  Actor actor = BenchActor(e.org_id);
  const audit::Event event{.action = "read",
                           .resource_type = "client",
                           .resource_id = "0193a1b2-0000-7000-8000-00000000c11e",
                           .client_id = "0193a1b2-0000-7000-8000-00000000c11e",
                           .data_category = "demographics"};
  for (auto _ : state) Must(g_log->Record(actor, event), "record");
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    state.counters["events_per_commit"] =
        static_cast<double>(state.iterations() * state.threads()) /
        static_cast<double>(std::max<std::uint64_t>(1, g_log->batches_committed() - g_batches_before));
  }
}
BENCHMARK(BM_ReadLog)->ThreadRange(1, 16)->MinTime(2.0)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  Fixture f;
  g = &f;
  const char* base = std::getenv("AUDIT_BENCH_DIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/stepwise-audit-bench.XXXXXX";
  if (!mkdtemp(tmpl.data())) {
    std::perror("mkdtemp");
    return 1;
  }
  f.dir = tmpl;
  {
    Engine e{"sqlite", Must(db::OpenSqlite({(f.dir / "write.db").string()}), "open"), ""};
    Must(db::Migrate(*e.db, Migrations()), "migrate");
    e.org_id = AddOrganization(*e.db);
    f.engines.push_back(std::move(e));
  }
  if (const char* pg = std::getenv("AUDIT_BENCH_PG"); pg && *pg) {
    Engine e{"postgres", Must(db::OpenPostgres({pg}), "open postgres"), ""};
    Must(db::Migrate(*e.db, Migrations()), "migrate postgres");
    e.org_id = AddOrganization(*e.db);
    f.engines.push_back(std::move(e));
  }
  BuildChain();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_log.reset();
  f.engines.clear();
  f.chain.reset();
  if (!std::getenv("AUDIT_BENCH_KEEP")) std::filesystem::remove_all(f.dir);
  return 0;
}
