// A small program for the assessment service tests: an organization with a program and a track, three
// staff (the assessing clinician, a nurse on call, a counselor outside the case), a client whose episode
// is at stage "assessment" with the clinician as counselor, and the services on the real catalog and
// policy.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "care/admissions/client_service.h"
#include "care/assessment/assessment_service.h"
#include "care/assessment/response_service.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "store/store_fixture.h"

namespace stepwise::assessment {

class AssessmentTestBase : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clients_ = std::make_unique<admissions::ClientService>(database(), clock_);
    responses_ = std::make_unique<ResponseService>(database(), clock_, *clients_, InstrumentCatalog::Builtin());
    assessments_ = std::make_unique<AssessmentService>(database(), clock_, *clients_, LevelOfCarePolicy::Default());
    program::ProgramService programs(database(), clock_);
    auto org = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Northstar", "America/Chicago"});
    admin_ = stepwise::testing::TestActor(org->meta.id, "admin");
    auto site = programs.CreateSite(admin_, {{}, "Lakeside", "", {}});
    program_id_ = programs.CreateProgram(admin_, {{}, site->meta.id, "Adult IOP", "2.1"})->meta.id;
    program::Track t;
    t.program_id = program_id_;
    t.name = "Morning";
    t.days = {"mon", "wed", "fri"};
    t.start_minute = 9 * 60;
    t.end_minute = 12 * 60;
    t.capacity = 12;
    track_id_ = programs.CreateTrack(admin_, t)->meta.id;
    program::StaffService staff(database(), clock_);
    auto person = [&](const char* given, const char* family) {
      program::Staff s;
      s.given_name = given;
      s.family_name = family;
      s.roles = {"counselor"};
      return staff.Create(admin_, s)->meta.id;
    };
    karen_ = person("Karen", "Lindqvist");
    julia_ = person("Julia", "Novak");
    tom_ = person("Tom", "Becker");
    clinician_ = Staffed("karen", karen_, ClientScope::kCaseload);
    nurse_ = Staffed("julia", julia_, ClientScope::kProgram);
    outsider_ = Staffed("tom", tom_, ClientScope::kCaseload);
    client_id_ = NewClient("Maria", "Lopez", "female", "assessment", "2.1");
  }

  Actor Staffed(const std::string& user, const std::string& staff_id, ClientScope scope) {
    Actor a = stepwise::testing::TestActor(admin_.org_id, user);
    a.display_name = user;
    a.staff_id = staff_id;
    a.client_scope = scope;
    return a;
  }

  // A client with an episode at `stage` whose counselor is the clinician.
  std::string NewClient(const char* given, const char* family, const char* sex, const char* stage, const char* level) {
    admissions::Client c;
    c.legal_name = {given, "", family};
    c.birth_date = *ParseDate("1988-04-17");
    c.sex_at_birth = sex;
    auto created = clients_->Create(admin_, c);
    EXPECT_TRUE(created.ok());
    admissions::Episode e;
    e.client_id = created->summary.client.meta.id;
    e.program_id = program_id_;
    e.counselor_id = karen_;
    e.stage = stage;
    e.level_of_care = level;
    if (std::string(stage) == "treatment") {
      e.track_id = track_id_;
      e.admission_date = ParseDate("2026-10-01");
    }
    auto opened = clients_->OpenEpisode(admin_, e);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return e.client_id;
  }

  admissions::Episode CurrentEpisode(const std::string& client_id) {
    auto list = clients_->ListEpisodes(admin_, client_id);
    EXPECT_TRUE(list.ok());
    return list->front();
  }

  static std::vector<std::string> Fields(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
  }

  std::unique_ptr<admissions::ClientService> clients_;
  std::unique_ptr<ResponseService> responses_;
  std::unique_ptr<AssessmentService> assessments_;
  Actor admin_, clinician_, nurse_, outsider_;
  std::string program_id_, track_id_, karen_, julia_, tom_, client_id_;
};

}  // namespace stepwise::assessment
