// Client store benchmarks on a 100,000-client SQLite database, through the real store and service code.
//
// Builds the database once in a temp directory (migrations, an organization, a site, a program, two
// tracks, three counselors, then the clients with identifiers, search terms and, for most, an episode of
// care, inserted in large write transactions through ClientStore), then measures:
//
//   BM_Select1Baseline   a read transaction running `SELECT 1` (the floor every read pays)
//   BM_ClientGet         ClientService::Get of a random client (what GET /api/v1/clients/{id} runs)
//   BM_ClientSearch/*    ClientService::Search with a 3-letter name prefix, limit 50
//                          common: "mar" (matches many thousands of clients)
//                          mixed:  a rotation of 3-letter prefixes of the generated names
//                          rare:   "zim" (a few hundred clients)
//
// Google Benchmark reports means; every benchmark also times each call and reports p50/p99 (µs) as
// counters, and a summary table with the ratio to the SELECT 1 baseline is printed at the end.
//
//   build/store_bench                                  # 100,000 clients
//   STORE_BENCH_CLIENTS=10000 build/store_bench        # smaller, for a quick look
//   STORE_BENCH_ANALYZE=1 build/store_bench            # run ANALYZE first (the server never does)
//   STORE_BENCH_PREFIXES=1 build/store_bench           # also time each search prefix once, with its match count
//   STORE_BENCH_KEEP=1 build/store_bench               # keep the database afterwards (EXPLAIN QUERY PLAN)
//   build/store_bench --benchmark_filter=Get           # the usual Google Benchmark flags work
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/admissions/client_store.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "platform/base/uuid.h"
#include "platform/db/migrations.h"
#include "platform/db/sqlite/sqlite_database.h"

namespace {

using namespace stepwise;
using BenchClock = std::chrono::steady_clock;

constexpr std::array kGiven = {
    "Aaliyah", "Aaron",   "Abigail",   "Adam",     "Adriana", "Aiden",   "Alejandro", "Alexis",   "Alice",
    "Amara",   "Amir",    "Ana",       "Andre",    "Angela",  "Anthony", "Ava",       "Benjamin", "Bianca",
    "Brandon", "Brianna", "Caleb",     "Camila",   "Carlos",  "Carmen",  "Charles",   "Chloe",    "Christopher",
    "Claire",  "Daniel",  "David",     "Deja",     "Destiny", "Diego",   "Dmitri",    "Dylan",    "Elena",
    "Elijah",  "Emily",   "Emma",      "Eric",     "Ethan",   "Fatima",  "Gabriel",   "Grace",    "Hannah",
    "Hector",  "Ian",     "Imani",     "Isabella", "Isaac",   "Jacob",   "Jamal",     "James",    "Jasmine",
    "Jason",   "Javier",  "Jennifer",  "Jessica",  "John",    "Jordan",  "Jose",      "Joseph",   "Joshua",
    "Juan",    "Julia",   "Kayla",     "Keisha",   "Kevin",   "Kim",     "Laura",     "Leah",     "Liam",
    "Lucas",   "Luis",    "Madison",   "Malik",    "Marcus",  "Maria",   "Mariana",   "Mark",     "Martin",
    "Mary",    "Matthew", "Maya",      "Megan",    "Mia",     "Michael", "Miguel",    "Mohammed", "Nadia",
    "Natalie", "Nathan",  "Nicole",    "Noah",     "Olivia",  "Omar",    "Patrick",   "Priya",    "Rachel",
    "Rafael",  "Rebecca", "Ricardo",   "Robert",   "Rosa",    "Ryan",    "Samantha",  "Samuel",   "Sara",
    "Sean",    "Sofia",   "Stephanie", "Tanya",    "Thomas",  "Tyler",   "Valeria",   "Victor",   "William",
    "Xavier",  "Yasmin",  "Zoe",
};

constexpr std::array kFamily = {
    "Abbott",      "Acosta",   "Adams",     "Adeyemi",  "Allen",       "Alvarez",    "Anderson",     "Bailey",
    "Baker",       "Barnes",   "Becker",    "Bell",     "Bennett",     "Brooks",     "Brown",        "Bryant",
    "Butler",      "Campbell", "Carter",    "Castillo", "Chen",        "Clark",      "Coleman",      "Collins",
    "Cook",        "Cooper",   "Cruz",      "Davis",    "Diaz",        "Dubois",     "Edwards",      "Evans",
    "Fischer",     "Flores",   "Foster",    "Garcia",   "Gomez",       "Gonzalez",   "Graham",       "Gray",
    "Green",       "Griffin",  "Hall",      "Hansen",   "Harris",      "Hayes",      "Henderson",    "Hernandez",
    "Hill",        "Howard",   "Hughes",    "Jackson",  "James",       "Jenkins",    "Johnson",      "Jones",
    "Kelly",       "Kim",      "King",      "Kowalski", "Larsen",      "Lee",        "Lewis",        "Lindqvist",
    "Long",        "Lopez",    "Martin",    "Martinez", "Marshall",    "Mason",      "Mendoza",      "Miller",
    "Mitchell",    "Moore",    "Morales",   "Morgan",   "Murphy",      "Nelson",     "Nguyen",       "Novak",
    "O'Brien",     "Olson",    "Ortiz",     "Park",     "Parker",      "Patel",      "Perez",        "Peterson",
    "Phillips",    "Powell",   "Price",     "Ramirez",  "Reed",        "Reyes",      "Richardson",   "Rivera",
    "Roberts",     "Robinson", "Rodriguez", "Rogers",   "Ross",        "Russell",    "Sanchez",      "Sanders",
    "Schmidt",     "Scott",    "Shah",      "Smith",    "Stewart",     "Sullivan",   "Taylor",       "Thomas",
    "Thompson",    "Torres",   "Turner",    "Walker",   "Ward",        "Washington", "Watson",       "White",
    "Williams",    "Wilson",   "Wood",      "Wright",   "Young",       "Zimmerman",  "Garcia-Lopez", "Nguyen-Tran",
    "Smith-Jones", "Al-Sayed", "Yazzie",    "Begay",    "Thunderbird", "Vang",       "Xiong",
};

constexpr std::array kPrefixes = {"mar", "joh", "gar", "ale", "chr", "dav", "ngu", "wil", "sam", "rob",
                                  "ste", "jam", "jos", "mic", "pat", "lee", "kim", "sha", "tho", "bro",
                                  "xio", "yaz", "and", "nat", "isa", "car", "hen", "ram", "zim", "per"};

constexpr std::array kStages = {"intake",    "assessment", "orientation", "treatment",  "treatment",
                                "treatment", "aftercare",  "discharged",  "discharged", "discharged"};

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<db::Database> db;
  SystemClock clock;
  std::unique_ptr<admissions::ClientService> clients;
  Actor actor = [] {
    Actor a;
    a.user_id = "store-bench";
    a.client_scope = ClientScope::kProgram;
    return a;
  }();
  std::vector<std::string> ids;
};

Fixture* g = nullptr;

[[noreturn]] void Die(const std::string& what, const Error& e) {
  std::cerr << "store_bench: " << what << ": " << e.message << "\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
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

// Builds the database: set-up through the services, clients straight through ClientStore in batches.
void Build(Fixture& f, int n) {
  const auto started = BenchClock::now();
  char tmpl[] = "/tmp/stepwise-store-bench.XXXXXX";
  if (!mkdtemp(tmpl)) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  f.dir = tmpl;
  f.db = Must(db::OpenSqlite({(f.dir / "bench.db").string()}), "open");
  Must(db::Migrate(*f.db, Migrations()), "migrate");

  program::ProgramService programs(*f.db, f.clock);
  program::StaffService staff(*f.db, f.clock);
  auto org = Must(programs.AddOrganization(f.actor, {{}, "Benchmark Recovery Center", "America/Chicago"}), "org");
  f.actor.org_id = org.meta.id;
  program::Site site;
  site.name = "Main site";
  site = Must(programs.CreateSite(f.actor, site), "site");
  program::Program iop;
  iop.site_id = site.meta.id;
  iop.name = "Adult IOP";
  iop.level_of_care = "2.1";
  iop = Must(programs.CreateProgram(f.actor, iop), "program");
  std::vector<program::Track> tracks;
  for (const char* name : {"Morning track", "Evening track"}) {
    program::Track t;
    t.program_id = iop.meta.id;
    t.name = name;
    t.days = {"mon", "wed", "fri"};
    t.start_minute = name[0] == 'M' ? 9 * 60 : 18 * 60;
    t.end_minute = t.start_minute + 180;
    t.capacity = 12;
    tracks.push_back(Must(programs.CreateTrack(f.actor, t), "track"));
  }
  std::vector<program::Staff> counselors;
  for (auto [given, family] : {std::pair{"Priya", "Shah"}, {"Tom", "Becker"}, {"Renee", "Dubois"}}) {
    program::Staff s;
    s.given_name = given;
    s.family_name = family;
    s.roles = {"counselor"};
    counselors.push_back(Must(staff.Create(f.actor, s), "staff"));
  }

  std::mt19937_64 rng(20261122);  // raw output only (portable), never a std:: distribution
  auto pick = [&](std::size_t size) { return static_cast<std::size_t>(rng() % size); };
  const auto base = std::chrono::system_clock::now() - std::chrono::hours(24 * 400);
  const Date today = UtcDate(std::chrono::system_clock::now());
  constexpr int kBatch = 5000;
  f.ids.reserve(static_cast<std::size_t>(n));
  bool analyzed = false;
  for (int first = 0, batch = 1000; first < n; first += batch, batch = kBatch) {
    auto tx = Must(f.db->Begin(db::Access::kWrite), "begin");
    for (int i = first; i < std::min(n, first + batch); ++i) {
      const auto at = base + std::chrono::milliseconds(static_cast<std::int64_t>(i) * 300);
      const std::string ts = FormatTimestamp(at);
      admissions::Client c;
      c.meta = {NewUuidV7(at), f.actor.org_id, 1, false, "", ts, ts};
      c.mrn = admissions::FormatMrn(i + 1);
      c.legal_name = {kGiven[pick(kGiven.size())],
                      i % 3 == 0 ? std::string(1, static_cast<char>('A' + i % 26)) + "." : "",
                      kFamily[pick(kFamily.size())]};
      if (i % 7 == 0) c.preferred_name = kGiven[pick(kGiven.size())];
      c.pronouns = i % 2 ? "he/him" : "she/her";
      c.birth_date =
          Date{std::chrono::sys_days(today) - std::chrono::days(18 * 365 + static_cast<int>(pick(50 * 365)))};
      c.sex_at_birth = i % 2 ? "male" : "female";
      c.phone = "(612) 555-" + std::to_string(1000 + i % 9000);
      c.email = "client" + std::to_string(i) + "@example.org";
      c.address = {std::to_string(100 + i % 9000) + " Lake St", "", "Minneapolis", "MN",
                   "554" + std::to_string(10 + i % 80)};
      c.emergency_contact = {"Pat " + c.legal_name.family, "spouse", "(612) 555-" + std::to_string(2000 + i % 7000)};
      if (i % 4 == 0) c.identifiers.push_back({"medicaid", "MA" + std::to_string(48210000 + i)});
      Must(admissions::ClientStore::Insert(*tx, c), "insert client");
      if (i % 10 < 7) {  // 70% have an episode of care
        admissions::Episode e;
        e.meta = {NewUuidV7(at + std::chrono::milliseconds(1)), f.actor.org_id, 1, false, "", ts, ts};
        e.client_id = c.meta.id;
        e.program_id = iop.meta.id;
        e.stage = kStages[pick(kStages.size())];
        e.level_of_care = "2.1";
        if (e.stage != std::string("intake") && e.stage != std::string("assessment")) {
          e.track_id = tracks[i % 2].meta.id;
          e.counselor_id = counselors[i % 3].meta.id;
          e.admission_date = Date{std::chrono::sys_days(today) - std::chrono::days(100)};
        }
        if (e.stage == std::string("discharged"))
          e.discharge_date = Date{std::chrono::sys_days(today) - std::chrono::days(10)};
        Must(admissions::ClientStore::InsertEpisode(*tx, e), "insert episode");
      }
      f.ids.push_back(c.meta.id);
    }
    Must(tx->Commit(), "commit");
    tx.reset();  // releases the writer
    if (first == 0 && !analyzed) {
      // Without statistics SQLite runs ClientStore's `DELETE FROM client_search_terms WHERE org_id = ? AND
      // client_id = ?` through the (org_id, term, client_id) primary key, scanning every search term of the
      // organization for each client written: loading 100,000 clients would take tens of minutes. Statistics
      // gathered after the first batch make it use client_search_terms_by_client; they are deleted again
      // before measuring.
      auto atx = Must(f.db->Begin(db::Access::kWrite), "begin");
      Must(atx->ExecuteScript("ANALYZE"), "analyze");
      Must(atx->Commit(), "commit");
      analyzed = true;
    }
  }
  const bool keep_stats = [] {
    const char* a = std::getenv("STORE_BENCH_ANALYZE");
    return a && std::string(a) == "1";
  }();
  {
    auto tx = Must(f.db->Begin(db::Access::kWrite), "begin");
    // The MRN counter ClientService::Create draws from (the load set MRNs itself).
    Must(tx->Execute("INSERT INTO org_counters (org_id, name, value) VALUES (?, 'mrn', ?)",
                     {f.actor.org_id, static_cast<std::int64_t>(n)}),
         "mrn counter");
    if (keep_stats) {
      Must(tx->ExecuteScript("ANALYZE"), "analyze");
    } else if (analyzed) {
      // The server never runs ANALYZE: measure with the plans production gets.
      Must(tx->ExecuteScript("DELETE FROM sqlite_stat1"), "drop statistics");
    }
    Must(tx->Commit(), "commit");
  }
  // Reopen, as a restarted server would: no connection keeps statistics or plans from the load.
  f.db.reset();
  f.db = Must(db::OpenSqlite({(f.dir / "bench.db").string()}), "reopen");
  f.clients = std::make_unique<admissions::ClientService>(*f.db, f.clock);
  auto rtx = Must(f.db->Begin(db::Access::kRead), "begin");
  auto terms = Must(rtx->Query("SELECT COUNT(*) FROM client_search_terms"), "count");
  auto plan = Must(rtx->Query("EXPLAIN QUERY PLAN DELETE FROM client_search_terms WHERE org_id = ? AND client_id = ?",
                              {f.actor.org_id, f.ids[0]}),
                   "plan");
  Must(rtx->Commit(), "commit");
  std::error_code ec;
  const auto bytes =
      std::filesystem::file_size(f.dir / "bench.db", ec) + std::filesystem::file_size(f.dir / "bench.db-wal", ec);
  std::printf("built %d clients (%s search terms) in %.1f s; database %.1f MiB in %s; statistics: %s\n", n,
              terms.rows[0].Text(0).c_str(), std::chrono::duration<double>(BenchClock::now() - started).count(),
              static_cast<double>(bytes) / (1 << 20), f.dir.c_str(),
              keep_stats ? "ANALYZE (STORE_BENCH_ANALYZE=1)" : "none, as in production");
  for (const auto& r : plan.rows)
    std::printf("plan of ClientStore's search-term DELETE: %s\n", r.Text(r.size() - 1).c_str());
  std::fflush(stdout);
}

// Per-call latencies of one benchmark run, reported as counters and kept for the summary.
struct Summary {
  double mean_us = 0, p50_us = 0, p99_us = 0, max_us = 0;
  std::size_t calls = 0;
};
std::map<std::string, Summary>& Summaries() {
  static std::map<std::string, Summary> s;
  return s;
}

class Latencies {
 public:
  Latencies(benchmark::State& state, std::string name) : state_(state), name_(std::move(name)) {
    samples_.reserve(1 << 16);
  }
  void Add(BenchClock::duration d) { samples_.push_back(std::chrono::duration<double, std::micro>(d).count()); }
  ~Latencies() {
    if (samples_.empty()) return;
    std::vector<double> s = samples_;
    std::sort(s.begin(), s.end());
    auto at = [&](double q) {
      return s[std::min(s.size() - 1, static_cast<std::size_t>(q * static_cast<double>(s.size())))];
    };
    Summary sum;
    for (double v : s) sum.mean_us += v;
    sum.mean_us /= static_cast<double>(s.size());
    sum.p50_us = at(0.50);
    sum.p99_us = at(0.99);
    sum.max_us = s.back();
    sum.calls = s.size();
    state_.counters["p50_us"] = sum.p50_us;
    state_.counters["p99_us"] = sum.p99_us;
    state_.counters["max_us"] = sum.max_us;
    auto& slot = Summaries()[name_];
    if (sum.calls >= slot.calls) slot = sum;  // keep the longest run, not the iteration-count probes
  }

 private:
  benchmark::State& state_;
  std::string name_;
  std::vector<double> samples_;
};

void BM_Select1Baseline(benchmark::State& state) {
  Latencies lat(state, "BM_Select1Baseline");
  for (auto _ : state) {
    const auto t0 = BenchClock::now();
    auto tx = g->db->Begin(db::Access::kRead);
    if (!tx.ok()) return state.SkipWithError(tx.error().message.c_str());
    auto rs = (*tx)->Query("SELECT 1");
    if (!rs.ok()) return state.SkipWithError(rs.error().message.c_str());
    benchmark::DoNotOptimize(rs->rows.data());
    auto done = (*tx)->Commit();
    if (!done.ok()) return state.SkipWithError(done.error().message.c_str());
    tx->reset();
    lat.Add(BenchClock::now() - t0);
  }
}
BENCHMARK(BM_Select1Baseline);

void BM_ClientGet(benchmark::State& state) {
  Latencies lat(state, "BM_ClientGet");
  std::mt19937_64 rng(42);
  for (auto _ : state) {
    const std::string& id = g->ids[rng() % g->ids.size()];
    const auto t0 = BenchClock::now();
    auto record = g->clients->Get(g->actor, id);
    lat.Add(BenchClock::now() - t0);
    if (!record.ok()) return state.SkipWithError(record.error().message.c_str());
    benchmark::DoNotOptimize(record->summary.client.meta.id.data());
  }
}
BENCHMARK(BM_ClientGet);

void BM_ClientSearch(benchmark::State& state, const char* name, std::vector<std::string> prefixes) {
  Latencies lat(state, std::string("BM_ClientSearch/") + name);
  std::size_t i = 0, items = 0;
  for (auto _ : state) {
    admissions::ClientSearch s;
    s.q = prefixes[i++ % prefixes.size()];
    s.limit = 50;
    const auto t0 = BenchClock::now();
    auto page = g->clients->Search(g->actor, std::move(s));
    lat.Add(BenchClock::now() - t0);
    if (!page.ok()) return state.SkipWithError(page.error().message.c_str());
    items += page->items.size();
  }
  state.counters["items"] = benchmark::Counter(static_cast<double>(items), benchmark::Counter::kAvgIterations);
}
BENCHMARK_CAPTURE(BM_ClientSearch, common_mar, "common_mar", std::vector<std::string>{"mar"});
// Fixed call counts: enough samples for a p99 of the slow cases without running for minutes.
BENCHMARK_CAPTURE(BM_ClientSearch, mixed, "mixed", std::vector<std::string>(kPrefixes.begin(), kPrefixes.end()))
    ->Iterations(3 * kPrefixes.size());
BENCHMARK_CAPTURE(BM_ClientSearch, rare_zim, "rare_zim", std::vector<std::string>{"zim"})->Iterations(20);

// Not a target: shows what one client registration costs at this size (one write transaction with
// synchronous=FULL, the audit event, and ClientStore's search-term DELETE).
void BM_ClientCreate(benchmark::State& state) {
  Latencies lat(state, "BM_ClientCreate (write, informational)");
  std::mt19937_64 rng(7);
  for (auto _ : state) {
    admissions::Client c;
    c.legal_name = {kGiven[rng() % kGiven.size()], "", kFamily[rng() % kFamily.size()]};
    c.birth_date = std::chrono::year(1990) / 5 / 17;
    const auto t0 = BenchClock::now();
    auto record = g->clients->Create(g->actor, c);
    lat.Add(BenchClock::now() - t0);
    if (!record.ok()) return state.SkipWithError(record.error().message.c_str());
  }
}
BENCHMARK(BM_ClientCreate)->Iterations(100);

void PrintSummary() {
  const auto& s = Summaries();
  auto base = s.find("BM_Select1Baseline");
  std::printf("\n| benchmark | calls | mean (µs) | p50 (µs) | p99 (µs) | max (µs) | mean / SELECT 1 | p99 < 2 ms |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---|\n");
  for (const auto& [name, v] : s) {
    char ratio[32] = "n/a";
    if (base != s.end() && base->second.mean_us > 0)
      std::snprintf(ratio, sizeof ratio, "%.0f×", v.mean_us / base->second.mean_us);
    const bool target = name.find("informational") == std::string::npos && name != "BM_Select1Baseline";
    std::printf("| %s | %zu | %.1f | %.1f | %.1f | %.1f | %s | %s |\n", name.c_str(), v.calls, v.mean_us, v.p50_us,
                v.p99_us, v.max_us, ratio,
                !target           ? "(no target)"
                : v.p99_us < 2000 ? "yes"
                                  : "**no**");
  }
}

// One call per prefix of the mixed rotation, slowest first, with how many clients match: shows which
// searches are slow and why (see docs/performance.md).
void PrintPrefixes() {
  struct Row {
    std::string prefix;
    double ms;
    std::string matches;
  };
  std::vector<Row> rows;
  for (const char* prefix : kPrefixes) {
    admissions::ClientSearch s;
    s.q = prefix;
    s.limit = 50;
    const auto t0 = BenchClock::now();
    auto page = g->clients->Search(g->actor, s);
    const double ms = std::chrono::duration<double, std::milli>(BenchClock::now() - t0).count();
    if (!page.ok()) Die("search", page.error());
    auto tx = Must(g->db->Begin(db::Access::kRead), "begin");
    auto n = Must(tx->Query("SELECT COUNT(DISTINCT client_id) FROM client_search_terms WHERE org_id = ? AND term >= ? "
                            "AND term < ?",
                            {g->actor.org_id, std::string(prefix), db::PrefixUpperBound(prefix)}),
                  "count");
    rows.push_back({prefix, ms, n.rows[0].Text(0)});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.ms > b.ms; });
  std::printf("\n| prefix | one call (ms) | matching clients |\n|---|---:|---:|\n");
  for (const auto& r : rows) std::printf("| %s | %.1f | %s |\n", r.prefix.c_str(), r.ms, r.matches.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  int n = 100000;
  if (const char* e = std::getenv("STORE_BENCH_CLIENTS")) n = std::max(100, std::atoi(e));
  Fixture fixture;
  g = &fixture;
  Build(fixture, n);
  benchmark::RunSpecifiedBenchmarks();
  PrintSummary();
  if (std::getenv("STORE_BENCH_PREFIXES")) PrintPrefixes();
  benchmark::Shutdown();
  fixture.clients.reset();
  fixture.db.reset();
  if (std::getenv("STORE_BENCH_KEEP")) {
    std::cout << "kept the database in " << fixture.dir << "\n";
    return 0;
  }
  std::error_code ec;
  std::filesystem::remove_all(fixture.dir, ec);
  return 0;
}
