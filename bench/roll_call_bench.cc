// Saving a 15-client group (issue 8): SessionService::SaveGroupSession — roll call, shared note and one note per
// attendee in one transaction, with its roster and name checks and 16 hash-chained audit events — against raw
// SQLite transactions writing the same session rows (1 group_sessions, 15 attendance, 15 session_notes) through
// the sqlite3 C API with prepared statements, on the same database file, WAL and synchronous=FULL, in the same
// run. The two are measured in alternating rounds so machine noise hits both alike.
//
//   build/roll_call_bench                          # 5 rounds × 40 saves each way
//   ROLL_CALL_BENCH_ROUNDS=10 ROLL_CALL_BENCH_SAVES=50 build/roll_call_bench
//
// Prints saves per second each way, p50/p99 latency and the ratio (target: service ≥ 50% of raw).
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/plans/plan_catalog.h"
#include "care/plans/plan_service.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "care/sessions/session_json.h"
#include "care/sessions/session_service.h"
#include "platform/base/uuid.h"
#include "platform/db/migrations.h"
#include "platform/db/sqlite/sqlite_database.h"

namespace {

using namespace stepwise;
using Steady = std::chrono::steady_clock;

constexpr int kClients = 15;
constexpr const char* kSeries = "0190b000-0000-7000-8000-00000000beef";

int EnvInt(const char* name, int fallback) {
  const char* v = getenv(name);
  return v && *v ? std::max(1, atoi(v)) : fallback;
}

void Die(const std::string& what) {
  std::fprintf(stderr, "roll_call_bench: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}

struct Stats {
  std::vector<double> micros;
  double seconds = 0;
  double Rate() const { return micros.size() / seconds; }
  double Pct(double p) {
    std::sort(micros.begin(), micros.end());
    return micros[std::min(micros.size() - 1, static_cast<std::size_t>(p * micros.size()))];
  }
};

// Raw SQLite: the same rows, prepared once, one transaction per group.
class Raw {
 public:
  explicit Raw(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Die("open");
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=FULL");
    Exec("PRAGMA foreign_keys=ON");
    Prepare(&group_,
            "INSERT INTO group_sessions (id, org_id, occurrence_id, program_id, title, session_date, start_at, end_at, "
            "length_minutes, status, topic, curriculum_module, modality, summary, facilitator_staff_ids, "
            "author_staff_id, author_user_id, author_name, author_licensed, version, created_at, updated_at) VALUES "
            "(?, ?, ?, ?, 'Process group', ?, ?, ?, 90, 'draft', 'Coping with cravings', '', 'in_person', ?, ?, ?, "
            "'bench', 'Bench Facilitator', 0, 1, ?, ?)");
    Prepare(&attendance_,
            "INSERT INTO attendance (id, org_id, group_session_id, client_id, session_date, start_at, status, "
            "late_minutes, left_early_minutes, absence_reason, attended_minutes, version, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'present', 0, 0, NULL, 90, 1, ?, ?)");
    // The audit rows the service appends (one for the record, one per client), into a table of the same shape
    // and indexes as audit_events, with its chain head: the real table's triggers would refuse rows not
    // sealed by the service's hash chain, so the raw side writes a twin.
    Exec("CREATE TABLE IF NOT EXISTS raw_audit_events (id TEXT PRIMARY KEY, org_id TEXT, occurred_at TEXT NOT NULL, "
         "user_id TEXT NOT NULL, action TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT, client_id TEXT, "
         "request_id TEXT, outcome TEXT NOT NULL, reason TEXT, seq BIGINT, username TEXT, role TEXT, "
         "data_category TEXT, source_address TEXT, prev_hash TEXT, hash TEXT)");
    Exec("CREATE INDEX IF NOT EXISTS raw_audit_by_time ON raw_audit_events (org_id, occurred_at)");
    Exec("CREATE UNIQUE INDEX IF NOT EXISTS raw_audit_by_seq ON raw_audit_events (seq)");
    Exec("CREATE INDEX IF NOT EXISTS raw_audit_by_client ON raw_audit_events (org_id, client_id, occurred_at)");
    Exec("CREATE INDEX IF NOT EXISTS raw_audit_by_user ON raw_audit_events (org_id, user_id, occurred_at)");
    Exec("CREATE TABLE IF NOT EXISTS raw_audit_chain (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, last_hash TEXT)");
    Exec("INSERT OR IGNORE INTO raw_audit_chain (id, seq, last_hash) VALUES (1, 0, '')");
    Prepare(&audit_,
            "INSERT INTO raw_audit_events (id, org_id, occurred_at, user_id, action, resource_type, resource_id, "
            "client_id, request_id, outcome, reason, seq, username, role, data_category, source_address, prev_hash, "
            "hash) VALUES (?, ?, ?, 'bench', ?, ?, ?, ?, 'bench-request', 'success', NULL, "
            "(SELECT seq + 1 FROM raw_audit_chain WHERE id = 1), 'bench', 'counselor', 'clinical_note', '127.0.0.1', "
            "(SELECT last_hash FROM raw_audit_chain WHERE id = 1), ?)");
    Prepare(&chain_, "UPDATE raw_audit_chain SET seq = seq + 1, last_hash = ? WHERE id = 1");
    Prepare(&note_,
            "INSERT INTO session_notes (id, org_id, client_id, kind, group_session_id, session_date, start_at, end_at, "
            "content, author_staff_id, author_user_id, author_name, author_licensed, status, version, created_at, "
            "updated_at) VALUES (?, ?, ?, 'group', ?, ?, ?, ?, ?, ?, 'bench', 'Bench Facilitator', 0, 'draft', 1, ?, ?)");
  }
  ~Raw() {
    sqlite3_finalize(group_);
    sqlite3_finalize(attendance_);
    sqlite3_finalize(note_);
    sqlite3_finalize(audit_);
    sqlite3_finalize(chain_);
    sqlite3_close(db_);
  }

  void Save(const std::string& org, const std::string& program, const std::string& staff, const std::string& date,
            const std::vector<std::string>& clients, const std::string& note_json) {
    const std::string now = FormatTimestamp(std::chrono::system_clock::now());
    const std::string start = date + "T15:00:00.000Z", end = date + "T16:30:00.000Z";
    const std::string gid = NewUuidV7(std::chrono::system_clock::now());
    Exec("BEGIN IMMEDIATE");
    Bind(group_, {gid, org, std::string("raw:") + date, program, date, start, end,
                  "Urge surfing and a relapse-prevention worksheet.", staff, staff, now, now});
    for (const auto& c : clients) {
      Bind(attendance_, {NewUuidV7(std::chrono::system_clock::now()), org, gid, c, date, start, now, now});
      Bind(note_, {NewUuidV7(std::chrono::system_clock::now()), org, c, gid, date, start, end, note_json, staff, now,
                   now});
    }
    Audit(org, now, "create", "group_session", gid, "");
    for (const auto& c : clients) Audit(org, now, "update", "session_note", gid, c);
    Exec("COMMIT");
  }

 private:
  void Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) Die(std::string(sql) + ": " + (err ? err : ""));
  }
  void Prepare(sqlite3_stmt** s, const char* sql) {
    if (sqlite3_prepare_v2(db_, sql, -1, s, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db_));
  }
  void Bind(sqlite3_stmt* s, const std::vector<std::string>& values) {
    sqlite3_reset(s);
    for (std::size_t i = 0; i < values.size(); ++i) {
      sqlite3_bind_text(s, static_cast<int>(i + 1), values[i].c_str(), -1, SQLITE_TRANSIENT);
    }
    if (sqlite3_step(s) != SQLITE_DONE) Die(sqlite3_errmsg(db_));
  }
  void Audit(const std::string& org, const std::string& now, const char* action, const char* type,
             const std::string& resource, const std::string& client) {
    const std::string hash = std::string(64, "0123456789abcdef"[++audits_ % 16]);  // a 64-hex link, like SHA-256's
    Bind(audit_, {NewUuidV7(std::chrono::system_clock::now()), org, now, action, type, resource, client, hash});
    Bind(chain_, {hash});
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt *group_ = nullptr, *attendance_ = nullptr, *note_ = nullptr, *audit_ = nullptr, *chain_ = nullptr;
  unsigned audits_ = 0;
};

}  // namespace

int main() {
  const int rounds = EnvInt("ROLL_CALL_BENCH_ROUNDS", 5);
  const int saves = EnvInt("ROLL_CALL_BENCH_SAVES", 40);
  char tmpl[] = "/tmp/roll_call_bench.XXXXXX";
  if (!mkdtemp(tmpl)) Die("mkdtemp");
  const std::string dir = tmpl, path = dir + "/bench.db";

  auto db = Must(db::OpenSqlite({path}), "open");
  if (!db::Migrate(*db, Migrations()).ok()) Die("migrate");
  FakeClock clock(std::chrono::sys_days(std::chrono::year(2031) / 1 / 1));
  program::ProgramService programs(*db, clock);
  auto org = Must(programs.AddOrganization(Actor{}, {{}, "Bench IOP", "America/Chicago"}), "organization");
  Actor admin;
  admin.org_id = org.meta.id;
  admin.user_id = admin.username = "bench";
  admin.role = "program_director";
  admin.client_scope = ClientScope::kProgram;
  auto site = Must(programs.CreateSite(admin, {{}, "Main", "", {}}), "site");
  auto program = Must(programs.CreateProgram(admin, {{}, site.meta.id, "Adult IOP", "2.1"}), "program");
  program::StaffService staff_service(*db, clock);
  program::Staff s;
  s.given_name = "Bench";
  s.family_name = "Facilitator";
  s.roles = {"counselor"};
  auto staff = Must(staff_service.Create(admin, s), "staff");
  admissions::ClientService clients(*db, clock);
  std::vector<scheduling::RosterEntry> roster;
  std::vector<std::string> client_ids;
  const char* given[] = {"Ana", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ian", "Jo", "Kai", "Lea", "Max",
                         "Nia", "Oto"};
  for (int i = 0; i < kClients; ++i) {
    admissions::Client c;
    c.legal_name = {given[i], "", "Tester"};
    c.birth_date = *ParseDate("1990-01-01");
    c.sex_at_birth = "female";
    auto created = Must(clients.Create(admin, c), "client");
    client_ids.push_back(created.summary.client.meta.id);
    roster.push_back({client_ids.back(), std::string(given[i]) + " Tester", "enrolled"});
  }
  plans::PlanService plans(*db, clock, clients, plans::BuiltinSettings());
  sessions::SessionService service(*db, clock, clients, plans);
  sessions::CalendarSource cal;
  cal.occurrence = [&](db::Transaction&, const std::string&, const std::string& id)
      -> Result<std::optional<scheduling::Occurrence>> {
    scheduling::Occurrence o;
    o.id = id;
    o.series_id = kSeries;
    o.program_id = program.meta.id;
    o.title = "Process group";
    o.topic = "Coping with cravings";
    o.date = o.original_date = *ParseDate(id.substr(id.size() - 10));
    o.start_minute = 540;
    o.end_minute = 630;
    o.start_at = *ParseTimestamp(id.substr(id.size() - 10) + "T15:00:00Z");
    o.end_at = o.start_at + std::chrono::minutes(90);
    o.modality = "in_person";
    o.facilitator_staff_ids = {staff.meta.id};
    o.status = "scheduled";
    return std::optional<scheduling::Occurrence>(o);
  };
  cal.roster = [&](db::Transaction&, const std::string&, const scheduling::Occurrence&)
      -> Result<std::vector<scheduling::RosterEntry>> { return roster; };
  service.SetCalendar(cal);
  Actor facilitator = admin;
  facilitator.user_id = facilitator.username = "facilitator";
  facilitator.staff_id = staff.meta.id;

  sessions::GroupNoteContent note{"Shared a recent trigger and a coping plan.", {}, "Euthymic, full range",
                                  {"none", ""}, "One day at a time", "Engaged throughout; named one step to practice."};
  const std::string note_json = sessions::ToText(sessions::GroupNoteJson(note));
  Raw raw(path);
  Stats svc_stats, raw_stats;
  int day = 0;
  auto next_date = [&] {
    return FormatDate(Date(std::chrono::sys_days(std::chrono::year(2026) / 1 / 1) + std::chrono::days(day++)));
  };
  for (int r = 0; r < rounds; ++r) {
    auto t0 = Steady::now();
    for (int i = 0; i < saves; ++i) {
      sessions::GroupSessionInput in;
      in.shared.summary = "Urge surfing and a relapse-prevention worksheet.";
      for (const auto& id : client_ids) {
        in.attendance.push_back({id, "", "present"});
        in.notes.push_back({id, note});
      }
      auto s0 = Steady::now();
      Must(service.SaveGroupSession(facilitator, std::string(kSeries) + ":" + next_date(), std::nullopt, in), "save");
      svc_stats.micros.push_back(std::chrono::duration<double, std::micro>(Steady::now() - s0).count());
    }
    svc_stats.seconds += std::chrono::duration<double>(Steady::now() - t0).count();
    t0 = Steady::now();
    for (int i = 0; i < saves; ++i) {
      auto s0 = Steady::now();
      raw.Save(org.meta.id, program.meta.id, staff.meta.id, next_date(), client_ids, note_json);
      raw_stats.micros.push_back(std::chrono::duration<double, std::micro>(Steady::now() - s0).count());
    }
    raw_stats.seconds += std::chrono::duration<double>(Steady::now() - t0).count();
  }
  std::printf("saving a %d-client group (roll call + %d notes, one transaction), SQLite WAL, synchronous=FULL\n",
              kClients, kClients);
  std::printf("%-22s %10s %12s %12s\n", "", "saves/s", "p50 (ms)", "p99 (ms)");
  std::printf("%-22s %10.1f %12.2f %12.2f\n", "SessionService", svc_stats.Rate(), svc_stats.Pct(0.5) / 1000,
              svc_stats.Pct(0.99) / 1000);
  std::printf("%-22s %10.1f %12.2f %12.2f\n", "raw SQLite (same rows)", raw_stats.Rate(), raw_stats.Pct(0.5) / 1000,
              raw_stats.Pct(0.99) / 1000);
  const double ratio = svc_stats.Rate() / raw_stats.Rate();
  std::printf("ratio service/raw: %.2f (target >= 0.50) %s\n", ratio, ratio >= 0.5 ? "MET" : "MISSED");
  std::filesystem::remove_all(dir);
  return 0;
}
