// The composition root: the only place that names concrete pieces (which database, which clock) and
// wires services and routes together.
#pragma once

#include <memory>
#include <string>

#include "care/admissions/client_service.h"
#include "care/admissions/inquiry_service.h"
#include "care/assessment/assessment_service.h"
#include "care/assessment/instrument_catalog.h"
#include "care/assessment/level_of_care.h"
#include "care/assessment/response_service.h"
#include "care/consent/consent_service.h"
#include "care/consent/disclosure_service.h"
#include "care/documents/amendment_service.h"
#include "care/tasks/task_service.h"
#include "care/medications/medication_service.h"
#include "care/medications/medication_settings.h"
#include "care/documents/document_service.h"
#include "care/documents/orientation_service.h"
#include "care/plans/plan_catalog.h"
#include "care/plans/plan_service.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "care/scheduling/appointment_service.h"
#include "care/scheduling/calendar_service.h"
#include "care/sessions/session_service.h"
#include "care/testing/testing_policy_json.h"
#include "care/testing/testing_service.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/security/identity_service.h"
#include "platform/security/password_policy.h"
#include "platform/security/policy.h"

namespace stepwise::app {

// Opens the database named by `url` (a path for SQLite, postgresql://… for PostgreSQL).
Result<std::unique_ptr<db::Database>> OpenDatabase(const std::string& url);
bool IsPostgresUrl(const std::string& url);

// Opens and migrates.
Result<std::unique_ptr<db::Database>> OpenAndMigrate(const std::string& url);

// What the application is built with besides its database.
struct AppOptions {
  security::Policy policy = security::Policy::Default();
  security::SessionLimits limits;
  security::PasswordHashing hashing;  // tests may lower it; production keeps the defaults
  const Clock* clock = nullptr;       // nullptr = the system clock
  // Instrument definitions (--instruments DIR) and the level-of-care policy (--level-of-care FILE);
  // nullptr = the compiled-in config/instruments/*.json and config/level_of_care.txt.
  std::shared_ptr<const assessment::InstrumentCatalog> instruments;
  std::shared_ptr<const assessment::LevelOfCarePolicy> level_of_care;
  // Treatment-plan settings (--treatment-plans FILE); nullptr = the compiled-in config/treatment_plans.json.
  std::shared_ptr<const plans::PlanSettings> treatment_plans;
};

struct Services {
  Services(db::Database& db, const Clock& clock, const security::Policy& policy,
           const security::PasswordPolicy& passwords, security::SessionLimits limits, security::PasswordHashing hashing)
      : programs(db, clock),
        staff(db, clock),
        clients(db, clock),
        inquiries(db, clock, clients, programs),
        responses(db, clock, clients, assessment::InstrumentCatalog::Builtin()),
        assessments(db, clock, clients, assessment::LevelOfCarePolicy::Default()),
        consents(db, clock, clients),
        disclosures(db, clock, clients),
        amendments(db, clock, clients),
        tasks(db, clock, clients),
        medications(db, clock, clients, medications::BuiltinSettings()),
        documents(db, clock, clients),
        orientation(db, clock, clients),
        treatment_plans(db, clock, clients, plans::BuiltinSettings()),
        calendar(db, clock, clients),
        appointments(db, clock, clients, plans::BuiltinSettings()),
        testing(db, clock, clients, testing::BuiltinPolicy()),
        sessions(db, clock, clients, treatment_plans),
        identity(db, clock, policy, passwords, limits, hashing) {}
  program::ProgramService programs;
  program::StaffService staff;
  admissions::ClientService clients;
  admissions::InquiryService inquiries;
  assessment::ResponseService responses;
  assessment::AssessmentService assessments;
  consent::ConsentService consents;
  consent::DisclosureService disclosures;
  documents::AmendmentService amendments;
  tasks::TaskService tasks;
  medications::MedicationService medications;
  documents::DocumentService documents;
  documents::OrientationService orientation;
  plans::PlanService treatment_plans;
  scheduling::CalendarService calendar;
  scheduling::AppointmentService appointments;
  testing::TestingService testing;
  sessions::SessionService sessions;
  security::IdentityService identity;
};

struct App {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<audit::ReadLog> read_log;  // after db: destroyed (drained) before it
  SystemClock system_clock;
  const Clock* clock = &system_clock;
  security::Policy policy;
  security::PasswordPolicy passwords;
  std::shared_ptr<const assessment::InstrumentCatalog> instruments;  // before services: outlives them
  std::shared_ptr<const assessment::LevelOfCarePolicy> level_of_care;
  std::shared_ptr<const plans::PlanSettings> treatment_plans;
  std::unique_ptr<Services> services;
  http::Router router;
};

// Builds the whole application on an open, migrated database.
std::unique_ptr<App> BuildApp(std::unique_ptr<db::Database> db, AppOptions options = {});

// The actor for command-line work (`stepwise demo`): the system, acting for the first organization.
Result<Actor> SystemOperator(program::ProgramService& programs, const std::string& command);

void AddSystemRoutes(http::Router& router, db::Database& db);
void AddSetupRoutes(http::Router& router, Services& services);

}  // namespace stepwise::app
