// The composition root: the only place that names concrete pieces (which database, which clock) and
// wires services and routes together.
#pragma once

#include <memory>
#include <string>

#include "care/admissions/client_service.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/http/router.h"

namespace stepwise::app {

// Opens the database named by `url` (a path for SQLite, postgresql://… for PostgreSQL).
Result<std::unique_ptr<db::Database>> OpenDatabase(const std::string& url);
bool IsPostgresUrl(const std::string& url);

// Opens and migrates.
Result<std::unique_ptr<db::Database>> OpenAndMigrate(const std::string& url);

struct Services {
  explicit Services(db::Database& db, const Clock& clock) : programs(db, clock), staff(db, clock), clients(db, clock) {}
  program::ProgramService programs;
  program::StaffService staff;
  admissions::ClientService clients;
};

struct App {
  std::unique_ptr<db::Database> db;
  SystemClock clock;
  std::unique_ptr<Services> services;
  http::Router router;
};

// Builds the whole application on an open, migrated database.
std::unique_ptr<App> BuildApp(std::unique_ptr<db::Database> db);

// The actor for command-line work and, until sign-in lands, for HTTP requests on loopback.
Result<Actor> LocalOperator(program::ProgramService& programs);

void AddSystemRoutes(http::Router& router, db::Database& db);

}  // namespace stepwise::app
