// The weekly session optimizer against its exact twin solved by COIN-OR CBC (issue 7; ADR 0012 decision 4).
//
// Part 1, quality and speed: generated programs of 1,000 clients, 60 clinicians and 20 rooms over one week at
// 15-minute granularity (tests/scheduling/instance_generator.h), each solved in the same run by
// optimize::Solve and by CBC on the 0/1 model (rooms pooled per capacity by default — an upper bound that is not
// always reachable when offices and family rooms both bind; --cbc-rooms exact gives each room its own variables).
// For every instance it prints sessions requested, placed by the optimizer, CBC's best and proven bound and
// status, both times and the speed ratio, and checks the optimizer's solution with optimize::Validate. The
// summary gives the share of instances where the optimizer equals CBC's optimum, the minimum ratio
// placed/optimum, the optimizer's worst time and the median speed ratio against the targets (≥ 99% equal, never
// below 99%, < 2 s, ≥ 20×).
//
// Part 2, growth: the optimizer alone (and CBC up to --cbc-max-clients) from 100 to 5,000 clients with
// clinicians and rooms scaled in proportion (6 and 2 per 100 clients), median of three seeds.
//
//   build/scheduling_bench                       # 10 instances, CBC limited to 300 s each, growth to 5,000
//   build/scheduling_bench --instances 3 --cbc-seconds 120
//   build/scheduling_bench --quick               # 2 small instances, seconds (a smoke run)
//   build/scheduling_bench --clients 100 --instances 10 --cbc-seconds 400 --no-growth --cbc-rooms exact
//   build/scheduling_bench --clients 100 --instances 10 --no-growth --no-cbc   # optimizer only, for tuning
//   build/scheduling_bench --clients 100 --instances 20 --first-seed 1010 ...   # instances of seeds 1010-1029
#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "care/scheduling/optimizer.h"
#include "scheduling/cbc_model.h"
#include "scheduling/instance_generator.h"

namespace {

using namespace stepwise::scheduling;

struct Args {
  int instances = 10;
  unsigned first_seed = 1000;  // instance i is the program of seed first_seed + i
  double cbc_seconds = 300;
  int clients = 1000, clinicians = 60, rooms = 20;
  bool growth = true;
  int cbc_max_clients = 1000;
  bool no_cbc = false;  // optimizer only in part 1 (for tuning; the comparison needs CBC)
  testing::RoomModel rooms_model = testing::RoomModel::kPooled;
};

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    auto next = [&] { return i + 1 < argc ? argv[++i] : "0"; };
    if (!std::strcmp(argv[i], "--quick")) {
      a.instances = 2;
      a.clients = 100;
      a.clinicians = 6;
      a.rooms = 2;
      a.cbc_seconds = 20;
      a.growth = false;
    } else if (!std::strcmp(argv[i], "--instances")) {
      a.instances = std::atoi(next());
    } else if (!std::strcmp(argv[i], "--first-seed")) {
      a.first_seed = static_cast<unsigned>(std::strtoul(next(), nullptr, 10));
    } else if (!std::strcmp(argv[i], "--cbc-seconds")) {
      a.cbc_seconds = std::atof(next());
    } else if (!std::strcmp(argv[i], "--clients")) {
      a.clients = std::atoi(next());
      a.clinicians = std::max(1, a.clients * 6 / 100);
      a.rooms = std::max(1, a.clients * 2 / 100);
    } else if (!std::strcmp(argv[i], "--no-growth")) {
      a.growth = false;
    } else if (!std::strcmp(argv[i], "--cbc-rooms")) {
      // pooled (default): rooms counted per capacity class and slot, an upper bound when an office and a family
      // room both bind; exact: a variable per room, slower, the true optimum (tests/scheduling/cbc_model.h).
      const std::string m = next();
      if (m != "pooled" && m != "exact") {
        std::fprintf(stderr, "--cbc-rooms takes pooled or exact\n");
        std::exit(2);
      }
      a.rooms_model = m == "exact" ? testing::RoomModel::kExact : testing::RoomModel::kPooled;
    } else if (!std::strcmp(argv[i], "--no-cbc")) {
      a.no_cbc = true;
    } else if (!std::strcmp(argv[i], "--cbc-max-clients")) {
      a.cbc_max_clients = std::atoi(next());
    } else {
      std::fprintf(stderr, "unknown argument %s\n", argv[i]);
      std::exit(2);
    }
  }
  return a;
}

// CPU time of the process (both solvers run single-threaded in this thread): the fair measure on a machine
// shared with other work, where wall time also counts waiting for a core. Wall time is printed too.
double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec / 1e9;
}

optimize::Solution TimedSolve(const optimize::Problem& p, double& cpu_ms) {
  optimize::Options o;
  o.time_limit_ms = 20000;  // a safety net only: the search ends by its stall rule (wall time on a busy machine)
  const double c0 = CpuSeconds();
  auto s = optimize::Solve(p, o);
  cpu_ms = (CpuSeconds() - c0) * 1000;
  return s;
}

testing::CbcResult TimedCbc(const optimize::Problem& p, double limit, testing::RoomModel rooms, double& cpu_s) {
  const double c0 = CpuSeconds();
  auto r = testing::SolveWithCbc(p, limit, rooms);
  cpu_s = CpuSeconds() - c0;
  return r;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = Parse(argc, argv);
  std::printf("## Part 1: %d clients, %d clinicians, %d rooms, one week, 15-minute slots; CBC limit %.0f s, "
              "%s rooms\n\n",
              args.clients, args.clinicians, args.rooms, args.cbc_seconds,
              args.rooms_model == testing::RoomModel::kExact ? "exact" : "pooled");
  std::printf("| seed | requests | optimizer placed | optimizer CPU ms (wall) | CBC best | CBC bound | CBC status | "
              "CBC CPU s (wall) | vars | rows | placed / CBC best | placed / CBC bound | CPU speed ratio |\n"
              "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
  int equal = 0, proven = 0, invalid = 0;
  double min_ratio = 1e9, min_bound_ratio = 1e9, worst_ms = 0;
  std::vector<double> speed;
  for (int i = 0; i < args.instances; ++i) {
    testing::ProgramOptions o;
    o.clients = args.clients;
    o.clinicians = args.clinicians;
    o.rooms = args.rooms;
    o.seed = args.first_seed + i;
    const auto problem = testing::GenerateProgram(o);
    double ms = 0, cbc_cpu = 0;
    const auto solution = TimedSolve(problem, ms);
    const auto violations = optimize::Validate(problem, solution);
    if (!violations.empty()) {
      ++invalid;
      std::fprintf(stderr, "seed %u: %zu violations, first: %s\n", o.seed, violations.size(), violations[0].c_str());
    }
    worst_ms = std::max(worst_ms, ms);
    const int placed = static_cast<int>(solution.placed.size());
    if (args.no_cbc) {
      std::printf("| %u | %zu | %d | %.0f (%.0f) | – | – | not run | – | – | – | – | – | – |\n", o.seed,
                  problem.requests.size(), placed, ms, solution.solve_micros / 1000.0);
      continue;
    }
    const auto cbc = TimedCbc(problem, args.cbc_seconds, args.rooms_model, cbc_cpu);
    const double ratio = cbc.placed > 0 ? static_cast<double>(placed) / cbc.placed : 1;
    min_ratio = std::min(min_ratio, ratio);
    if (cbc.optimal) ++proven;
    if (cbc.optimal && placed == cbc.placed) ++equal;
    min_bound_ratio = std::min(min_bound_ratio, cbc.bound > 0 ? placed / std::floor(cbc.bound + 1e-6) : 1.0);
    speed.push_back(cbc_cpu * 1000 / std::max(ms, 0.001));
    std::printf("| %u | %zu | %d | %.0f (%.0f) | %d | %.1f | %s | %.1f (%.0f) | %d | %d | %.4f | %.4f | %.0f× |\n", o.seed,
                problem.requests.size(), placed, ms, solution.solve_micros / 1000.0, cbc.placed, cbc.bound,
                cbc.status.c_str(), cbc_cpu, cbc.seconds, cbc.variables, cbc.rows, ratio,
                cbc.bound > 0 ? placed / std::floor(cbc.bound + 1e-6) : 1.0, speed.back());
    std::fflush(stdout);
  }
  if (args.no_cbc)
    std::printf("\nSummary: CBC not run (--no-cbc); optimizer worst %.0f CPU ms; invalid solutions %d\n", worst_ms, invalid);
  else
    std::printf("\nSummary: optimizer equals CBC's proven optimum on %d of %d instances (CBC proved optimality on %d); "
                "min placed / CBC best %.4f; min placed / CBC bound %.4f; optimizer worst %.0f CPU ms; median CPU "
                "speed ratio %.0f×; invalid solutions %d\n",
                equal, args.instances, proven, min_ratio, min_bound_ratio, worst_ms, Median(speed), invalid);

  if (args.growth) {
    std::printf("\n## Part 2: growth (clinicians and rooms scale with clients; median of 3 seeds)\n\n");
    std::printf("| clients | clinicians | rooms | requests | placed | optimizer CPU ms (median) | CBC best | CBC CPU s |\n"
                "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int clients : {100, 250, 500, 1000, 2000, 5000}) {
      std::vector<double> ms;
      std::size_t requests = 0, placed = 0;
      std::string cbc_best = "–", cbc_s = "–";
      for (unsigned seed = 1; seed <= 3; ++seed) {
        testing::ProgramOptions o;
        o.clients = clients;
        o.clinicians = clients * 6 / 100;
        o.rooms = clients * 2 / 100;
        o.seed = seed;
        const auto problem = testing::GenerateProgram(o);
        double cpu_ms = 0;
        const auto solution = TimedSolve(problem, cpu_ms);
        ms.push_back(cpu_ms);
        if (seed == 1) {
          requests = problem.requests.size();
          placed = solution.placed.size();
          if (clients <= args.cbc_max_clients) {
            double cbc_cpu = 0;
            const auto cbc = TimedCbc(problem, args.cbc_seconds, args.rooms_model, cbc_cpu);
            cbc_best = std::to_string(cbc.placed) + (cbc.optimal ? "" : " (" + cbc.status + ")");
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1f", cbc_cpu);
            cbc_s = buf;
          }
        }
      }
      std::printf("| %d | %d | %d | %zu | %zu | %.0f | %s | %s |\n", clients, clients * 6 / 100, clients * 2 / 100,
                  requests, placed, Median(ms), cbc_best.c_str(), cbc_s.c_str());
      std::fflush(stdout);
    }
  }
  return invalid == 0 ? 0 : 1;
}
