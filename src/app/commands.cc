#include "app/commands.h"

#include <malloc.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/audit_commands.h"
#include "app/composition.h"
#include "app/config.h"
#include "app/demo.h"
#include "app/identity_commands.h"
#include "platform/base/log.h"
#include "platform/db/migrations.h"
#include "platform/db/sqlite/sqlite_database.h"
#include "platform/http/server.h"

namespace stepwise::app {

int Fail(const Error& e) {
  std::cerr << "stepwise: " << e.message << "\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return e.code == ErrorCode::kInvalidArgument ? 2 : 1;
}

namespace {

std::string DefaultWebRoot(const std::string& configured, const char* argv0) {
  if (!configured.empty()) return configured;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::weakly_canonical(fs::path(argv0), ec);
  for (fs::path candidate :
       {fs::path("web/dist"), exe.parent_path() / "../web/dist", exe.parent_path() / "../share/stepwise/web"}) {
    if (fs::exists(candidate / "index.html", ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return "";
}

int Serve(const std::map<std::string, std::string>& flags, const std::string& config_file, char** envp,
          const char* argv0) {
  auto cfg = ResolveConfig(flags, config_file, envp);
  if (!cfg.ok()) return Fail(cfg.error());
  // Keep freed heap instead of returning it to the kernel after every request: glibc's default trim
  // cost about 4x throughput on client reads (docs/performance.md).
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  log::Level level = log::Level::kInfo;
  log::ParseLevel(cfg->log_level, level);
  log::Configure(level, cfg->log_file);
  const bool tls = !cfg->tls_cert.empty();
  if (!IsLoopback(cfg->host) && !tls && !cfg->behind_proxy) {
    return Fail(Error::Field(
        "listen", "plain HTTP is allowed only on loopback (127.0.0.1, ::1 or localhost); to listen on " + cfg->host +
                      ", either serve HTTPS with --tls-cert and --tls-key, or put a TLS-terminating "
                      "reverse proxy in front and pass --behind-proxy (docs/operations.md)"));
  }
  // A bad certificate or key stops start-up here, before the database is opened or migrated.
  if (tls) {
    if (auto checked = http::CheckTlsFiles(cfg->tls_cert, cfg->tls_key); !checked.ok()) return Fail(checked.error());
  }
  AppOptions options;
  if (!cfg->policy.empty()) {
    std::ifstream in(cfg->policy);
    if (!in) return Fail(Error::Field("policy", "cannot read " + cfg->policy));
    std::stringstream text;
    text << in.rdbuf();
    auto policy = security::Policy::Parse(text.str());
    if (!policy.ok()) return Fail(policy.error());
    options.policy = std::move(policy).value();
  }
  if (!cfg->instruments.empty()) {
    auto catalog = assessment::InstrumentCatalog::Builtin().WithOverrides(cfg->instruments);
    if (!catalog.ok()) return Fail(catalog.error());
    options.instruments = std::make_shared<const assessment::InstrumentCatalog>(std::move(catalog).value());
  }
  if (!cfg->level_of_care.empty()) {
    std::ifstream in(cfg->level_of_care);
    if (!in) return Fail(Error::Field("level_of_care", "cannot read " + cfg->level_of_care));
    std::stringstream text;
    text << in.rdbuf();
    auto loc = assessment::LevelOfCarePolicy::Parse(text.str());
    if (!loc.ok()) return Fail(loc.error());
    options.level_of_care = std::make_shared<const assessment::LevelOfCarePolicy>(std::move(loc).value());
  }
  if (!cfg->treatment_plans.empty()) {
    std::ifstream in(cfg->treatment_plans);
    if (!in) return Fail(Error::Field("treatment_plans", "cannot read " + cfg->treatment_plans));
    std::stringstream text;
    text << in.rdbuf();
    auto settings = plans::ParseSettings(text.str());
    if (!settings.ok()) return Fail(settings.error());
    options.treatment_plans = std::make_shared<const plans::PlanSettings>(std::move(settings).value());
  }
  options.limits.idle = std::chrono::minutes(cfg->idle_timeout_minutes);
  auto database = OpenAndMigrate(cfg->db);
  if (!database.ok()) return Fail(database.error());
  log::Info("database_open", {{"db", (*database)->Describe()}});
  auto app = BuildApp(std::move(database).value(), std::move(options));

  http::ServerOptions o;
  o.address = cfg->host == "localhost" ? "127.0.0.1" : cfg->host;
  o.port = cfg->port;
  o.io_threads = cfg->io_threads;
  // Handlers block on the database and, for reads, on the durable audit record (group commit): a pool
  // lets many requests share one commit instead of stalling the I/O threads (docs/performance.md).
  o.handler_threads = cfg->handler_threads >= 0 ? cfg->handler_threads : 16;
  o.body_limit = static_cast<std::size_t>(cfg->body_limit);
  o.request_timeout = std::chrono::milliseconds(cfg->request_timeout_ms);
  o.tls_cert = cfg->tls_cert;
  o.tls_key = cfg->tls_key;
  o.behind_proxy = cfg->behind_proxy;
  o.web_root = DefaultWebRoot(cfg->web_root, argv0);
  if (o.web_root.empty()) log::Warn("web_app_missing", {{"hint", "build it with: npm --prefix web run build"}});
  http::Server server(o, app->router);
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(bound.error());
  const std::string host = cfg->host.find(':') != std::string::npos ? "[" + cfg->host + "]" : cfg->host;
  std::cout << "Stepwise is serving on " << (tls ? "https://" : "http://") << host << ":" << server.port() << "/"
            << (cfg->behind_proxy ? " (behind a TLS-terminating proxy)" : "") << std::endl;
  auto ran = server.Run();
  if (!ran.ok()) return Fail(ran.error());
  log::Flush();
  return 0;
}

}  // namespace

int RunCommandLine(int argc, char** argv, char** envp) {
  CLI::App cli{"Stepwise: run an intensive outpatient program, from first call to follow-up."};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", STEPWISE_VERSION);

  // serve
  auto* serve = cli.add_subcommand("serve", "Serve the API and web app");
  std::map<std::string, std::string> serve_values;
  std::string config_file;
  if (const char* c = std::getenv("STEPWISE_CONFIG")) config_file = c;
  serve->add_option("--config", config_file, "Config file of key = value lines (or STEPWISE_CONFIG)");
  std::map<std::string, CLI::Option*> serve_opts;
  std::map<std::string, std::string> raw;
  for (const auto& [key, help] : ConfigKeys()) {
    std::string flag = "--" + key;
    for (auto& ch : flag) {
      if (ch == '_') ch = '-';
    }
    serve_opts[key] = serve->add_option(flag, raw[key], help);
    // A yes/no key also works as a bare flag (--behind-proxy); the empty value reads as true.
    if (key == "behind_proxy") serve_opts[key]->expected(0, 1);
  }

  // migrate
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
  std::string migrate_db = "stepwise.db";
  migrate->add_option("--db", migrate_db, "SQLite file path or postgresql:// URL");

  // demo
  auto* demo = cli.add_subcommand("demo", "Create a fresh database holding a realistic demo program");
  std::string demo_db = "stepwise-demo.db";
  bool demo_force = false;
  std::string demo_today;
  demo->add_option("--db", demo_db, "SQLite file path (must not exist) or postgresql:// URL of an empty database");
  demo->add_flag("--force", demo_force, "Replace an existing SQLite demo file");
  demo->add_option("--today", demo_today, "Anchor date YYYY-MM-DD (default: today, UTC)");

  // backup / restore
  auto* backup = cli.add_subcommand("backup", "Take an online, verified copy of a SQLite database");
  std::string backup_db = "stepwise.db", backup_to;
  backup->add_option("--db", backup_db, "SQLite database to copy (may be in use)");
  backup->add_option("--to", backup_to, "Backup file to create (must not exist)")->required();
  auto* restore = cli.add_subcommand("restore", "Restore a SQLite database from a backup (stop the server first)");
  std::string restore_from, restore_db = "stepwise.db";
  restore->add_option("--from", restore_from, "Backup file")->required();
  restore->add_option("--db", restore_db, "Database file to replace");

  IdentityCommands identity_commands(cli);
  AuditCommands audit_commands(cli);
  cli.add_subcommand("version", "Print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (serve->parsed()) {
    for (const auto& [key, opt] : serve_opts) {
      if (opt->count() > 0) serve_values[key] = raw[key];
    }
    return Serve(serve_values, config_file, envp, argv[0]);
  }
  if (identity_commands.parsed()) return identity_commands.Run();
  if (audit_commands.parsed()) return audit_commands.Run();
  if (migrate->parsed()) {
    auto database = OpenDatabase(migrate_db);
    if (!database.ok()) return Fail(database.error());
    auto applied = db::Migrate(**database, Migrations());
    if (!applied.ok()) return Fail(applied.error());
    std::cout << "applied " << *applied << " migration(s); schema is current\n";
    return 0;
  }
  if (demo->parsed()) {
    Date today = UtcDate(std::chrono::system_clock::now());
    if (!demo_today.empty()) {
      auto d = ParseDate(demo_today);
      if (!d) return Fail(Error::Field("today", "must be a real date as YYYY-MM-DD"));
      today = *d;
    }
    if (!IsPostgresUrl(demo_db) && std::filesystem::exists(demo_db)) {
      if (!demo_force) return Fail(Error::Conflict(demo_db + " exists; pass --force to replace it"));
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(demo_db + suffix);
    }
    auto database = OpenAndMigrate(demo_db);
    if (!database.ok()) return Fail(database.error());
    auto app = BuildApp(std::move(database).value());
    auto summary = CreateDemo(*app->services, today);
    if (!summary.ok()) return Fail(summary.error());
    std::cout << "demo program created in " << demo_db << ": " << summary->staff << " staff, " << summary->clients
              << " clients\n";
    std::cout << "demo sign-ins (password " << kDemoPassword << "):\n";
    for (const auto& l : summary->logins) {
      std::cout << "  " << l.username << " (" << l.roles << ")" << (l.mfa ? "  [MFA]" : "") << "\n";
    }
    std::cout << "[MFA] users: add the TOTP secret " << kDemoTotpSecret << " to an authenticator app\n";
    return 0;
  }
  if (backup->parsed()) {
    auto pages = db::SqliteBackup(backup_db, backup_to);
    if (!pages.ok()) return Fail(pages.error());
    std::cout << "backup written to " << backup_to << " (" << *pages << " pages, integrity ok)\n";
    return 0;
  }
  if (restore->parsed()) {
    auto done = db::SqliteRestore(restore_from, restore_db);
    if (!done.ok()) return Fail(done.error());
    std::cout << "restored " << restore_db << " from " << restore_from << " (integrity ok)\n";
    return 0;
  }
  std::cout << "stepwise " << STEPWISE_VERSION << "\n";
  return 0;
}

}  // namespace stepwise::app
