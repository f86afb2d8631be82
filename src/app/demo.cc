#include "app/demo.h"

#include <array>

#include "app/demo_assessments.h"
#include "app/demo_appointments.h"
#include "app/demo_calendar.h"
#include "app/demo_sessions.h"
#include "app/demo_consents.h"
#include "app/demo_plans.h"
#include "app/demo_documents.h"
#include "app/demo_medications.h"
#include "app/demo_testing.h"
#include "platform/db/records.h"

namespace stepwise::app {

namespace {

using admissions::Client;
using admissions::Episode;
using program::Credential;
using program::Staff;

Date DaysBefore(Date today, int days) { return Date{std::chrono::sys_days(today) - std::chrono::days(days)}; }

struct DemoClient {
  const char* given;
  const char* family;
  const char* preferred;
  const char* pronouns;
  const char* sex;
  const char* gender;
  int age;
};

// 40 clients; the stage of each follows from its position (see StageFor).
constexpr std::array<DemoClient, 40> kClients = {{
    {"Maria", "Lopez", "Mari", "she/her", "female", "woman", 38},
    {"James", "Carter", "", "he/him", "male", "man", 45},
    {"Aisha", "Mohammed", "", "she/her", "female", "woman", 29},
    {"Daniel", "Nguyen", "Danny", "he/him", "male", "man", 33},
    {"Emily", "Johnson", "", "she/her", "female", "woman", 24},
    {"Robert", "Williams", "Bob", "he/him", "male", "man", 57},
    {"Jordan", "Rivera", "", "they/them", "female", "non-binary", 27},
    {"Sarah", "Thompson", "", "she/her", "female", "woman", 41},
    {"Michael", "Brown", "Mike", "he/him", "male", "man", 36},
    {"Olivia", "Martinez", "Liv", "she/her", "female", "woman", 22},
    {"David", "Anderson", "", "he/him", "male", "man", 49},
    {"Grace", "Kim", "", "she/her", "female", "woman", 31},
    {"Tyrone", "Jackson", "Ty", "he/him", "male", "man", 28},
    {"Hannah", "Schmidt", "", "she/her", "female", "woman", 35},
    {"Luis", "Hernandez", "", "he/him", "male", "man", 43},
    {"Rebecca", "O'Neil", "Becca", "she/her", "female", "woman", 30},
    {"Samuel", "Okafor", "Sam", "he/him", "male", "man", 26},
    {"Alex", "Morgan", "", "they/them", "male", "non-binary", 34},
    {"Patricia", "Davis", "Trish", "she/her", "female", "woman", 52},
    {"Kevin", "Wilson", "", "he/him", "male", "man", 39},
    {"Natalie", "Garcia-Ruiz", "", "she/her", "female", "woman", 27},
    {"Christopher", "Lee", "Chris", "he/him", "male", "man", 44},
    {"Fatima", "Hassan", "", "she/her", "female", "woman", 37},
    {"Brandon", "Miller", "", "he/him", "male", "man", 23},
    {"Jessica", "Taylor", "Jess", "she/her", "female", "woman", 32},
    {"Anthony", "Moore", "Tony", "he/him", "male", "man", 47},
    {"Mei", "Chen", "", "she/her", "female", "woman", 40},
    {"Marcus", "White", "", "he/him", "male", "man", 35},
    {"Lauren", "Harris", "", "she/her", "female", "woman", 29},
    {"Eric", "Clark", "", "he/him", "male", "man", 55},
    {"Sofia", "Rossi", "", "she/her", "female", "woman", 26},
    {"Joseph", "Lewis", "Joe", "he/him", "male", "man", 60},
    {"Taylor", "Young", "", "she/they", "female", "genderqueer", 21},
    {"William", "Walker", "Will", "he/him", "male", "man", 42},
    {"Ana", "Silva", "", "she/her", "female", "woman", 34},
    {"Jacob", "Hall", "Jake", "he/him", "male", "man", 30},
    {"Chloe", "Allen", "", "she/her", "female", "woman", 25},
    {"Ryan", "King", "", "he/him", "male", "man", 38},
    {"Deborah", "Wright", "Deb", "she/her", "female", "woman", 58},
    {"Ethan", "Scott", "", "he/him", "male", "man", 31},
}};

// Spread over every stage: 5 intake, 5 assessment, 4 orientation, 16 in treatment, 5 aftercare,
// 5 discharged.
const char* StageFor(std::size_t i) {
  if (i < 16) return "treatment";
  if (i < 21) return "intake";
  if (i < 26) return "assessment";
  if (i < 30) return "orientation";
  if (i < 35) return "aftercare";
  return "discharged";
}

Staff MakeStaff(const char* given, const char* family, std::vector<std::string> roles, std::vector<Credential> creds) {
  Staff s;
  s.given_name = given;
  s.family_name = family;
  s.email = std::string(1, static_cast<char>(std::tolower(given[0]))) + AsciiLower(family) + "@northstar.example";
  s.roles = std::move(roles);
  s.credentials = std::move(creds);
  return s;
}

}  // namespace

// A handful of calls in every stage of the admissions pipeline, a few follow-ups (one overdue) and a
// waitlist entry, so the admissions board looks like a working week.
Status SeedInquiries(Services& svc, const Actor& actor, Date today, const program::Program& iop,
                     const program::Track& evening, const Staff& assessor) {
  auto at = [&](int days_ago, int hour) {
    return FormatTimestamp(std::chrono::sys_days(DaysBefore(today, days_ago)) + std::chrono::hours(hour));
  };
  struct Call {
    const char* given;
    const char* family;
    const char* caller_type;
    const char* caller_name;
    std::vector<std::string> substances;
    const char* urgency;
    const char* referral;
    int days_ago;
    const char* stage;  // where it ends up
  };
  const std::vector<Call> calls = {
      {"Jordan", "Miles", "self", "", {"2", "13"}, "urgent", "1", 0, "inquiry"},
      {"Alexis", "Greene", "family", "Monica Greene", {"4"}, "routine", "1", 3, "inquiry"},
      {"Tyler", "Brooks", "referrer", "Officer Dana Wu", {"2"}, "soon", "7", 5, "screening"},
      {"Nadia", "Farouk", "self", "", {"10"}, "soon", "3", 4, "assessment_booked"},
      {"Kevin", "O'Brien", "self", "", {"2", "7"}, "routine", "2", 9, "assessed"},
      {"Rosa", "Delgado", "family", "Luis Delgado", {"2"}, "soon", "1", 12, "waitlisted"},
      {"Ethan", "Walsh", "referrer", "Dr. Amy Chen", {"5", "7"}, "urgent", "3", 15, "referred"},
      {"Grace", "Kim", "self", "", {"4"}, "routine", "6", 20, "closed"},
  };
  int n = 0;
  for (const auto& c : calls) {
    admissions::Inquiry q;
    q.received_at = at(c.days_ago, 14 + n % 5);
    q.caller_type = c.caller_type;
    q.caller_name = c.caller_name;
    q.caller_relationship = std::string(c.caller_type) == "family" ? "parent" : "";
    q.caller_phone = std::string(c.caller_type) == "self" ? "" : "(612) 555-" + std::to_string(7100 + n * 11);
    q.may_leave_message = n % 2 == 0;
    q.given_name = c.given;
    q.family_name = c.family;
    q.phone = "(763) 555-" + std::to_string(4100 + n * 7);
    q.referral_source = c.referral;
    q.substances = c.substances;
    q.urgency = c.urgency;
    q.payer = n % 3 == 0 ? "Medical Assistance" : "Blue Cross";
    q.preferred_schedule = n % 2 ? "evenings" : "mornings";
    q.program_id = iop.meta.id;
    SW_ASSIGN(auto r, svc.inquiries.Create(actor, q));
    const std::string id = r.inquiry.meta.id;
    std::int64_t v = 1;
    auto move = [&](admissions::StageMove m) -> Status {
      SW_ASSIGN(auto moved, svc.inquiries.MoveStage(actor, id, v, m));
      v = moved.inquiry.meta.version;
      return Ok();
    };
    const std::string stage = c.stage;
    if (stage == "screening" || stage == "closed") SW_TRY(move({.stage = "screening"}));
    if (stage == "assessment_booked" || stage == "assessed") {
      const std::string when = FormatTimestamp(std::chrono::sys_days(DaysBefore(today, stage == "assessed" ? 2 : -1)) +
                                               std::chrono::hours(15));
      SW_ASSIGN(auto booked, svc.inquiries.BookAssessment(actor, id, v, when, assessor.meta.id));
      v = booked.inquiry.meta.version;
    }
    if (stage == "assessed") SW_TRY(move({.stage = "assessed"}));
    if (stage == "waitlisted") SW_TRY(move({.stage = "waitlisted", .track_id = evening.meta.id}));
    if (stage == "referred") SW_TRY(move({.stage = "referred", .referred_to = "Riverside residential program (3.5)"}));
    if (stage == "closed") SW_TRY(move({.stage = "closed", .reason = "Chose a program closer to home"}));
    admissions::InquiryTask task;
    task.inquiry_id = id;
    if (n == 0) task = {{}, id, "Call back after 5 pm", DaysBefore(today, -1), assessor.meta.id};
    if (n == 1) task = {{}, id, "Call back: left a voicemail about insurance", DaysBefore(today, 2)};
    if (n == 2) task = {{}, id, "Get the court referral letter", DaysBefore(today, -3)};
    if (!task.title.empty()) SW_TRY(svc.inquiries.AddTask(actor, task));
    ++n;
  }
  return Ok();
}

Result<DemoSummary> CreateDemo(Services& svc, Date today) {
  Actor actor;
  actor.user_id = "system:demo";
  actor.username = "system";
  actor.client_scope = ClientScope::kProgram;
  SW_ASSIGN(auto org, svc.programs.CreateOrganization(actor, {{}, "Northstar Recovery Center", "America/Chicago"}));
  actor.org_id = org.meta.id;

  program::Site site;
  site.name = "Northstar Lakeside";
  site.phone = "(612) 555-0140";
  site.address = {"2200 Lakeside Avenue", "Suite 300", "Minneapolis", "MN", "55408"};
  SW_ASSIGN(site, svc.programs.CreateSite(actor, site));

  program::Program iop;
  iop.site_id = site.meta.id;
  iop.name = "Adult Intensive Outpatient Program";
  iop.level_of_care = "2.1";
  SW_ASSIGN(iop, svc.programs.CreateProgram(actor, iop));

  program::Track morning;
  morning.program_id = iop.meta.id;
  morning.name = "Morning track";
  morning.days = {"mon", "wed", "thu"};
  morning.start_minute = 9 * 60;
  morning.end_minute = 12 * 60;
  morning.capacity = 12;
  SW_ASSIGN(morning, svc.programs.CreateTrack(actor, morning));
  program::Track evening = morning;
  evening.name = "Evening track";
  evening.days = {"tue", "thu", "sat"};
  evening.start_minute = 18 * 60;
  evening.end_minute = 21 * 60;
  SW_ASSIGN(evening, svc.programs.CreateTrack(actor, evening));

  auto expires = [&](int days) { return std::optional<Date>(DaysBefore(today, -days)); };
  std::vector<Staff> staff = {
      MakeStaff("Karen", "Lindqvist", {"program_director", "therapist"}, {{"LCSW", "LCSW-20417", "MN", expires(400)}}),
      MakeStaff("Diego", "Ramirez", {"intake_specialist"}, {}),
      MakeStaff("Priya", "Shah", {"counselor"}, {{"LADC", "LADC-31876", "MN", expires(210)}}),
      MakeStaff("Tom", "Becker", {"counselor"}, {{"LADC", "LADC-28840", "MN", expires(25)}}),
      MakeStaff("Renee", "Dubois", {"counselor"}, {{"CADC", "CADC-11902", "MN", expires(540)}}),
      MakeStaff("Marcus", "Bell", {"therapist"}, {{"LPC", "LPC-77310", "MN", expires(300)}}),
      MakeStaff("Julia", "Novak", {"medical"}, {{"RN", "RN-552019", "MN", expires(620)}}),
      MakeStaff("Samuel", "Adeyemi", {"medical"}, {{"MD", "MD-49122", "MN", expires(700)}}),
      MakeStaff("Linda", "Park", {"privacy_officer", "administrator"}, {}),
      MakeStaff("Ben", "Foster", {"front_desk"}, {}),
  };
  std::vector<Staff> created;
  for (auto& s : staff) {
    SW_ASSIGN(auto c, svc.staff.Create(actor, s));
    created.push_back(std::move(c));
  }
  const std::array<const Staff*, 3> counselors = {&created[2], &created[3], &created[4]};

  static const char* kStreets[] = {"Cedar Ave", "Lyndale Ave S", "Hennepin Ave", "Lake St", "Nicollet Ave"};
  DemoSummary summary{static_cast<int>(created.size()), 0};
  std::vector<Episode> episodes;
  for (std::size_t i = 0; i < kClients.size(); ++i) {
    const auto& d = kClients[i];
    Client c;
    c.legal_name = {d.given, i % 3 == 0 ? "A." : "", d.family};
    c.preferred_name = d.preferred;
    c.pronouns = d.pronouns;
    c.sex_at_birth = d.sex;
    c.gender_identity = d.gender;
    c.birth_date = DaysBefore(today, d.age * 365 + static_cast<int>(i * 37 % 300));
    c.phone = "(612) 555-" + std::to_string(1000 + i * 17);
    c.email = AsciiLower(std::string(d.given)) + "." + AsciiLower(std::string(d.family)) + "@example.org";
    for (auto& ch : c.email) {
      if (ch == '\'') ch = '-';
    }
    c.address = {std::to_string(100 + i * 23) + " " + kStreets[i % 5], "", "Minneapolis", "MN",
                 "554" + std::to_string(10 + i % 40)};
    c.emergency_contact = {i % 2 ? "Pat " + std::string(d.family) : "Chris " + std::string(d.family),
                           i % 2 ? "spouse" : "sibling", "(612) 555-" + std::to_string(3000 + i * 13)};
    if (i % 4 == 0) c.identifiers.push_back({"medicaid", "MA" + std::to_string(48210000 + i * 7919)});
    SW_ASSIGN(auto record, svc.clients.Create(actor, c));
    ++summary.clients;

    Episode e;
    e.client_id = record.summary.client.meta.id;
    e.program_id = iop.meta.id;
    e.stage = StageFor(i);
    e.level_of_care = "2.1";
    const bool admitted = e.stage == std::string("treatment") || e.stage == std::string("aftercare") ||
                          e.stage == std::string("discharged") || e.stage == std::string("orientation");
    if (admitted) {
      e.track_id = i % 2 == 0 ? morning.meta.id : evening.meta.id;
      e.counselor_id = counselors[i % 3]->meta.id;
      e.admission_date = DaysBefore(today, 5 + static_cast<int>(i * 3 % 60));
    }
    if (e.stage == std::string("assessment")) e.counselor_id = counselors[i % 3]->meta.id;
    if (e.stage == std::string("aftercare")) e.level_of_care = "1.0";
    if (e.stage == std::string("discharged")) {
      e.admission_date = DaysBefore(today, 80 + static_cast<int>(i));
      e.discharge_date = DaysBefore(today, 10 + static_cast<int>(i % 7));
    }
    SW_ASSIGN(auto opened, svc.clients.OpenEpisode(actor, e));
    episodes.push_back(std::move(opened));
  }

  SW_TRY(SeedInquiries(svc, actor, today, iop, evening, created[2]));
  SW_TRY(SeedAssessments(svc, actor, today, iop, episodes, created));
  SW_TRY(SeedPlans(svc, actor, today, episodes, created));
  SW_TRY(SeedCalendar(svc, actor, today, iop, morning, evening, episodes, created));
  SW_TRY(SeedAppointments(svc, actor, today, episodes, created));
  SW_TRY(SeedSessions(svc, actor, today, created));
  SW_TRY(SeedDocuments(svc, actor, episodes, created));
  SW_TRY(SeedConsents(svc, actor, today, episodes));
  SW_TRY(SeedMedications(svc, actor, today, episodes));
  SW_TRY(SeedTesting(svc, actor, today, episodes));

  // A sign-in for every staff member: the first name, one demo password, MFA pre-enrolled (with one
  // published secret) for the roles that require it; the nurse and the privacy officer are designated
  // for emergency access.
  for (const auto& s : created) {
    security::NewUser u;
    u.username = AsciiLower(s.given_name);
    u.display_name = s.given_name + " " + s.family_name;
    u.password = kDemoPassword;
    u.roles = s.roles;
    u.staff_id = s.meta.id;
    u.emergency_access = u.username == "julia" || u.username == "linda";
    SW_ASSIGN(auto user, svc.identity.CreateUser(actor, u));
    const bool mfa = svc.identity.policy().Resolve(user.roles).mfa_required || user.emergency_access;
    if (mfa) SW_TRY(svc.identity.SetMfaSecretAsSystem(user.username, kDemoTotpSecret));
    summary.logins.push_back({user.username, db::JoinCodes(user.roles), mfa});
  }
  return summary;
}

}  // namespace stepwise::app
