#include "app/composition.h"

#include "care/admissions/client_routes.h"
#include "care/admissions/inquiry_routes.h"
#include "care/assessment/assessment_routes.h"
#include "care/consent/consent_render.h"
#include "care/consent/consent_routes.h"
#include "care/consent/disclosure_sections.h"
#include "care/consent/disclosure_store.h"
#include "care/documents/amendment_routes.h"
#include "care/tasks/task_routes.h"
#include "care/medications/medication_routes.h"
#include "care/testing/testing_routes.h"
#include "care/documents/document_routes.h"
#include "care/plans/plan_routes.h"
#include "care/program/program_model.h"
#include "care/program/program_routes.h"
#include "care/scheduling/appointment_routes.h"
#include "care/scheduling/calendar_routes.h"
#include "care/scheduling/occurrences.h"
#include "care/sessions/session_routes.h"
#include "platform/audit/audit_routes.h"
#include "platform/base/log.h"
#include "platform/db/migrations.h"
#include "platform/db/postgres/postgres_database.h"
#include "platform/db/sqlite/sqlite_database.h"
#include "platform/security/identity_routes.h"

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

Result<Actor> SystemOperator(program::ProgramService& programs, const std::string& command) {
  SW_ASSIGN(auto orgs, programs.ListOrganizations());
  Actor a;
  a.user_id = "system:" + command;
  a.username = "system";
  a.role = "system";
  a.client_scope = ClientScope::kProgram;
  if (!orgs.empty()) a.org_id = orgs.front().meta.id;
  return a;
}

std::unique_ptr<App> BuildApp(std::unique_ptr<db::Database> database, AppOptions options) {
  auto app = std::make_unique<App>();
  app->db = std::move(database);
  if (options.clock) app->clock = options.clock;
  app->policy = std::move(options.policy);
  std::vector<std::string> missing;
  app->passwords = security::PasswordPolicy::LoadDefault(&missing);
  for (const auto& path : missing) log::Warn("password_blocklist_missing", {{"path", path}});
  app->services =
      std::make_unique<Services>(*app->db, *app->clock, app->policy, app->passwords, options.limits, options.hashing);
  Services& s = *app->services;
  app->read_log = std::make_unique<audit::ReadLog>(*app->db, *app->clock);
  s.clients.SetReadLog(app->read_log.get());
  s.inquiries.SetReadLog(app->read_log.get());
  app->instruments = std::move(options.instruments);
  app->level_of_care = std::move(options.level_of_care);
  if (app->instruments) s.responses.SetCatalog(*app->instruments);
  if (app->level_of_care) s.assessments.SetPolicy(*app->level_of_care);
  s.responses.SetReadLog(app->read_log.get());
  s.assessments.SetReadLog(app->read_log.get());
  s.consents.SetReadLog(app->read_log.get());
  s.disclosures.SetReadLog(app->read_log.get());
  consent::AddStandardSections(s.disclosures);
  app->treatment_plans = std::move(options.treatment_plans);
  if (app->treatment_plans) s.treatment_plans.SetSettings(*app->treatment_plans);
  s.treatment_plans.SetReadLog(app->read_log.get());
  // A release of the "treatment_plan" category carries the client's active plan.
  s.disclosures.AddSection("treatment_plan", [&s](db::Transaction& tx, const Actor& actor,
                                                  const std::string& client_id) -> Result<consent::Section> {
    SW_ASSIGN(auto plan, s.treatment_plans.TreatmentPlanSectionIn(tx, actor, client_id));
    return consent::Section{"treatment_plan", plan.title, plan.fields, plan.columns, plan.rows, plan.note};
  });
  s.amendments.SetReadLog(app->read_log.get());
  s.tasks.SetReadLog(app->read_log.get());
  s.medications.SetReadLog(app->read_log.get());
  s.documents.SetReadLog(app->read_log.get());
  s.orientation.SetReadLog(app->read_log.get());
  s.calendar.SetReadLog(app->read_log.get());
  s.appointments.SetReadLog(app->read_log.get());
  s.testing.SetReadLog(app->read_log.get());
  // A result positive for what the client is prescribed (buprenorphine, methadone, …) is expected.
  s.testing.SetExpectedAnalytes([](db::Transaction& tx, const std::string& org_id, const std::string& client_id,
                                   Date on) { return medications::ExpectedAnalytesIn(tx, org_id, client_id, on); });
  if (app->treatment_plans) s.appointments.SetSettings(*app->treatment_plans);
  // Session records read the calendar (occurrences, rosters, appointments) inside their own transaction,
  // sign with a password re-entry, create outreach tasks and feed the "attendance" and "progress" releases.
  s.sessions.SetReadLog(app->read_log.get());
  s.sessions.SetTasks(&s.tasks);
  s.sessions.SetCalendar({scheduling::OccurrenceIn, scheduling::RosterIn, scheduling::OccurrencesIn,
                          scheduling::AppointmentIn, scheduling::AppointmentsIn});
  s.sessions.SetPasswordCheck(
      [&s](const Actor& actor, const std::string& password) { return s.identity.VerifyMyPassword(actor, password); });
  s.disclosures.AddSection("attendance", [&s](db::Transaction& tx, const Actor& actor,
                                              const std::string& client_id) -> Result<consent::Section> {
    SW_ASSIGN(auto section, s.sessions.AttendanceSectionIn(tx, actor, client_id));
    return consent::Section{"attendance", section.title, {}, section.columns, section.rows, section.note};
  });
  s.disclosures.AddSection("progress", [&s](db::Transaction& tx, const Actor& actor,
                                            const std::string& client_id) -> Result<consent::Section> {
    SW_ASSIGN(auto section, s.sessions.ProgressSectionIn(tx, actor, client_id));
    return consent::Section{"progress", section.title, {}, section.columns, section.rows, section.note};
  });
  // Admission is finalized (orientation → treatment) only with orientation complete and the Part 2 notice given.
  s.clients.SetFinalizeCheck([&s](db::Transaction& tx, const Actor& actor, const std::string& client_id,
                                  const std::string& episode_id) {
    return s.orientation.CheckFinalizeIn(tx, actor, client_id, episode_id);
  });
  s.assessments.SetInquiryOutcome([&s](db::Transaction& tx, const Actor& actor, const std::string& inquiry_id,
                                       const std::string& stage, const std::string& detail) {
    return s.inquiries.RecordOutcomeIn(tx, actor, inquiry_id, stage, detail);
  });
  s.assessments.SetInquiryOfClient([&s](db::Transaction& tx, const Actor& actor, const std::string& client_id,
                                        const std::string& inquiry_id) {
    return s.inquiries.InquiryOfClientIn(tx, actor, client_id, inquiry_id);
  });
  s.identity.SetStaffExists([&s](const Actor& actor, const std::string& id) -> Result<bool> {
    auto staff = s.staff.Get(actor, id);
    if (staff.ok()) return !staff->meta.voided;
    if (staff.error().code == ErrorCode::kNotFound || staff.error().code == ErrorCode::kInvalidArgument) return false;
    return std::move(staff).error();
  });
  s.identity.SetClientExists(
      [&s](const Actor& actor, const std::string& id) -> Result<bool> { return s.clients.Exists(actor, id); });
  s.clients.SetEmergencyClients(
      [&s](db::Transaction& tx, const Actor& actor) { return s.identity.EmergencyClients(tx, actor); });
  // A track's capacity cannot drop below the clients enrolled in it (the calendar's enrollments).
  s.programs.SetTrackChangeCheck(
      [&s](db::Transaction& tx, const Actor& actor, const program::Track& current, const program::Track& changes) {
        return s.calendar.CheckTrackChangeIn(tx, actor, current, changes);
      });
  // A counselor's caseload includes the clients of the groups they facilitate.
  s.clients.SetGroupClients([clock = app->clock](db::Transaction& tx, const Actor& actor) {
    return scheduling::GroupClientsIn(tx, actor.org_id, actor.staff_id, clock->Now());
  });
  app->router.SetAuthenticator(security::MakeAuthenticator(s.identity));
  // A request refused for want of a permission leaves a trace too.
  app->router.SetAuthorizer([authorize = security::MakeAuthorizer(), log = app->read_log.get()](
                                const Actor& actor, const http::Route& route) -> Status {
    auto allowed = authorize(actor, route);
    if (allowed.ok() || allowed.error().code != ErrorCode::kPermissionDenied) return allowed;
    SW_TRY(log->Record(actor, {.action = "access",
                               .resource_type = "route",
                               .resource_id = std::string(http::MethodName(route.method)) + " " + route.pattern,
                               .data_category = "security",
                               .reason = "missing permission " + route.permission,
                               .outcome = "denied"}));
    return allowed;
  });
  AddSystemRoutes(app->router, *app->db);
  AddSetupRoutes(app->router, s);
  security::RoleLabels role_labels;
  for (const auto& r : program::StaffRoles()) role_labels.emplace(r.code, r.label);
  security::AddIdentityRoutes(app->router, s.identity, std::move(role_labels));
  program::AddProgramRoutes(app->router, s.programs);
  program::AddStaffRoutes(app->router, s.staff);
  // The FHIR export's BALP PrivacyDisclosure events take the recipient and purpose from the accounting.
  audit::AddAuditRoutes(
      app->router, *app->db, *app->clock, app->read_log.get(),
      [](db::Transaction& tx, const std::string& org_id,
         const std::string& id) -> Result<std::optional<audit::DisclosureDetail>> {
        SW_ASSIGN(std::optional<consent::Disclosure> d, consent::DisclosureStore::Get(tx, org_id, id));
        if (!d) return std::optional<audit::DisclosureDetail>();
        return std::optional<audit::DisclosureDetail>(
            audit::DisclosureDetail{.recipient_name = d->recipient_name,
                                    .recipient_address = d->recipient_address,
                                    .purpose_code = d->purpose,
                                    .purpose_label = consent::PurposeLabel(d->purpose),
                                    .channel = d->channel,
                                    .description = d->description});
      });
  admissions::AddClientRoutes(app->router, s.clients);
  admissions::AddInquiryRoutes(app->router, s.inquiries);
  assessment::AddInstrumentRoutes(app->router, s.responses);
  assessment::AddAssessmentRoutes(app->router, s.assessments);
  consent::AddConsentRoutes(app->router, s.consents);
  consent::AddDisclosureRoutes(app->router, s.disclosures);
  plans::AddPlanRoutes(app->router, s.treatment_plans);
  documents::AddAmendmentRoutes(app->router, s.amendments);
  tasks::AddTaskRoutes(app->router, s.tasks);
  medications::AddMedicationRoutes(app->router, s.medications);
  documents::AddDocumentRoutes(app->router, s.documents);
  documents::AddOrientationRoutes(app->router, s.orientation);
  scheduling::AddCalendarRoutes(app->router, s.calendar);
  scheduling::AddOccurrenceRoutes(app->router, s.calendar);
  scheduling::AddAppointmentRoutes(app->router, s.appointments);
  testing::AddTestingRoutes(app->router, s.testing);
  sessions::AddSessionRoutes(app->router, s.sessions);
  return app;
}

}  // namespace stepwise::app
