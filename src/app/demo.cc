#include "app/demo.h"

#include <array>

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
  morning.days = {"mon", "wed", "fri"};
  morning.start_minute = 9 * 60;
  morning.end_minute = 12 * 60;
  morning.capacity = 12;
  SW_ASSIGN(morning, svc.programs.CreateTrack(actor, morning));
  program::Track evening = morning;
  evening.name = "Evening track";
  evening.days = {"mon", "tue", "thu"};
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
    SW_TRY(svc.clients.OpenEpisode(actor, e));
  }

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
