#include "app/composition.h"

#include <mutex>

#include "care/admissions/client_routes.h"
#include "care/program/program_routes.h"
#include "platform/audit/audit_routes.h"
#include "platform/db/migrations.h"
#include "platform/db/postgres/postgres_database.h"
#include "platform/db/sqlite/sqlite_database.h"

namespace stepwise::app {

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<db::Database>> OpenDatabase(const std::string& url) {
  if (IsPostgresUrl(url)) return db::OpenPostgres({url});
  return db::OpenSqlite({url});
}

Result<std::unique_ptr<db::Database>> OpenAndMigrate(const std::string& url) {
  SW_ASSIGN(auto database, OpenDatabase(url));
  SW_TRY(db::Migrate(*database, Migrations()));
  return database;
}

Result<Actor> LocalOperator(program::ProgramService& programs) {
  SW_ASSIGN(auto orgs, programs.ListOrganizations());
  Actor a;
  a.user_id = "local-operator";
  a.role = "administrator";
  if (!orgs.empty()) a.org_id = orgs.front().meta.id;
  return a;
}

namespace {

// Until sign-in exists (issue 3) every request acts as the local operator of the installation's first
// organization; the server refuses non-loopback listeners meanwhile. The organization id is cached once
// known (organizations are never deleted).
class LocalAuthenticator {
 public:
  explicit LocalAuthenticator(program::ProgramService& programs) : programs_(programs) {}
  Result<Actor> operator()(const http::Request&) {
    {
      std::lock_guard lock(mu_);
      if (!org_id_.empty()) return Actor{org_id_, "local-operator", "administrator", ""};
    }
    SW_ASSIGN(auto actor, LocalOperator(programs_));
    std::lock_guard lock(mu_);
    org_id_ = actor.org_id;
    return actor;
  }

 private:
  program::ProgramService& programs_;
  std::mutex mu_;
  std::string org_id_;
};

}  // namespace

std::unique_ptr<App> BuildApp(std::unique_ptr<db::Database> database) {
  auto app = std::make_unique<App>();
  app->db = std::move(database);
  app->services = std::make_unique<Services>(*app->db, app->clock);
  auto auth = std::make_shared<LocalAuthenticator>(app->services->programs);
  app->router.SetAuthenticator([auth](const http::Request& r) { return (*auth)(r); });
  app->router.SetAuthorizer([](const Actor&, const std::string&) { return Ok(); });
  AddSystemRoutes(app->router, *app->db);
  program::AddProgramRoutes(app->router, app->services->programs);
  program::AddStaffRoutes(app->router, app->services->staff);
  audit::AddAuditRoutes(app->router, *app->db, app->clock);
  admissions::AddClientRoutes(app->router, app->services->clients);
  return app;
}

}  // namespace stepwise::app
