#include "app/audit_commands.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "app/composition.h"
#include "platform/audit/audit_purge.h"
#include "platform/audit/audit_verify.h"
#include "platform/db/migrations.h"

namespace stepwise::app {

struct AuditCommands::Options {
  CLI::App* audit = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* purge = nullptr;
  std::string verify_db = "stepwise.db";
  std::string purge_db = "stepwise.db";
  std::int64_t years = 0;
  std::string archive;
};

namespace {

// Opens an existing database whose schema is current, without changing it (verify may run on a copy).
Result<std::unique_ptr<db::Database>> OpenExisting(const std::string& url) {
  if (!IsPostgresUrl(url) && !std::filesystem::exists(url)) return Error::Field("db", "no database at " + url);
  SW_ASSIGN(auto database, OpenDatabase(url));
  SW_ASSIGN(int version, db::SchemaVersion(*database));
  int latest = 0;
  for (const auto& m : Migrations()) latest = std::max(latest, m.version);
  if (version < latest) {
    return Error::Field("db", "the schema is at version " + std::to_string(version) + "; run `stepwise migrate` first");
  }
  return database;
}

}  // namespace

AuditCommands::AuditCommands(CLI::App& cli) : o_(std::make_unique<Options>()) {
  o_->audit = cli.add_subcommand("audit", "Verify or purge the audit trail");
  o_->audit->require_subcommand(1);
  o_->verify = o_->audit->add_subcommand(
      "verify", "Recompute the audit hash chain; exit 0 when intact, 3 at the first broken event");
  o_->verify->add_option("--db", o_->verify_db, "SQLite file path or postgresql:// URL");
  o_->purge = o_->audit->add_subcommand(
      "purge", "Archive, then delete, audit events older than the retention period (at least 6 years)");
  o_->purge->add_option("--db", o_->purge_db, "SQLite file path or postgresql:// URL (as the database owner)");
  o_->purge->add_option("--older-than-years", o_->years, "Retention in years (at least 6)")->required();
  o_->purge->add_option("--archive", o_->archive, "File to write the purged events to (JSON lines; must not exist)")
      ->required();
}

AuditCommands::~AuditCommands() = default;

bool AuditCommands::parsed() const { return o_->audit->parsed(); }

int AuditCommands::Run() {
  if (o_->verify->parsed()) {
    auto database = OpenExisting(o_->verify_db);
    if (!database.ok()) return Fail(database.error());
    auto report = audit::Verify(**database);
    if (!report.ok()) return Fail(report.error());
    const auto& r = *report;
    std::cout << (r.ok ? "ok" : "BROKEN") << ": " << r.events_checked << " events checked from seq " << r.first_seq
              << "\n";
    if (!r.ok) {
      std::cout << "first broken event: " << *r.first_broken_seq << "\nproblem: " << r.problem << "\n";
      return 3;
    }
    std::cout << "head: seq " << r.head_seq << " hash " << r.head_hash << "\n";
    return 0;
  }
  // purge
  if (auto s = audit::CheckRetentionYears(o_->years, "--older-than-years"); !s.ok()) return Fail(s.error());
  auto database = OpenExisting(o_->purge_db);
  if (!database.ok()) return Fail(database.error());
  SystemClock clock;
  Actor actor;
  actor.user_id = "system:audit-purge";
  actor.role = "system";
  auto report = audit::Purge(**database, clock, actor, {o_->years, o_->archive});
  if (!report.ok()) return Fail(report.error());
  if (report->events_purged == 0) {
    std::cout << "nothing to purge: no audit event is older than " << report->cutoff << "\n";
    return 0;
  }
  std::cout << "purged " << report->events_purged << " events before " << report->cutoff << "\narchive: " << o_->archive
            << " (sha256 " << report->archive_sha256 << ")\ncheckpoint: seq " << report->checkpoint_seq << " hash "
            << report->checkpoint_hash << "\n";
  return 0;
}

}  // namespace stepwise::app
