// A program with one client in orientation, a staff member for witnessing, and the document and orientation
// services, for the documents store/service tests on both engines.
#pragma once

#include <gtest/gtest.h>

#include "care/admissions/client_service.h"
#include "care/documents/document_service.h"
#include "care/documents/orientation_service.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "store/store_fixture.h"

namespace stepwise::documents {

class DocumentsTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    program::ProgramService programs(database(), clock_);
    auto org = programs.AddOrganization(testing::TestActor(""), {{}, "Northstar Recovery", "America/Chicago"});
    ASSERT_TRUE(org.ok());
    actor_ = testing::TestActor(org->meta.id);
    actor_.display_name = "Priya Shah";
    auto site = programs.CreateSite(actor_, {{}, "Lakeside", "", {}});
    program_id_ = programs.CreateProgram(actor_, {{}, site->meta.id, "Adult IOP", "2.1"})->meta.id;
    program::StaffService staff(database(), clock_);
    program::Staff priya;
    priya.given_name = "Priya";
    priya.family_name = "Shah";
    priya.roles = {"counselor"};
    auto created = staff.Create(actor_, priya);
    ASSERT_TRUE(created.ok()) << created.error().message;
    actor_.staff_id = created->meta.id;
    clients_ = std::make_unique<admissions::ClientService>(database(), clock_);
    docs_ = std::make_unique<DocumentService>(database(), clock_, *clients_);
    orientation_ = std::make_unique<OrientationService>(database(), clock_, *clients_);
    admissions::Client ann;
    ann.legal_name = {"Ann", "", "Smith"};
    ann.birth_date = *ParseDate("1990-05-06");
    auto client = clients_->Create(actor_, ann);
    ASSERT_TRUE(client.ok());
    client_id_ = client->summary.client.meta.id;
    admissions::Episode e;
    e.client_id = client_id_;
    e.program_id = program_id_;
    e.stage = "orientation";
    e.level_of_care = "2.1";
    auto episode = clients_->OpenEpisode(actor_, e);
    ASSERT_TRUE(episode.ok()) << episode.error().message;
    episode_id_ = episode->meta.id;
  }

  DocumentTemplate TemplateOf(const std::string& kind) {
    auto list = docs_->ListTemplates(actor_);
    EXPECT_TRUE(list.ok());
    for (const auto& t : *list) {
      if (t.kind == kind) return t;
    }
    ADD_FAILURE() << "no template " << kind;
    return {};
  }

  static Signature Sig(const std::string& role, const std::string& name) {
    Signature s;
    s.role = role;
    s.signer_name = name;
    s.method = "typed";
    return s;
  }

  // Previews and signs the current version of `kind` with the signatures a template needs.
  Result<SignedDocument> SignKind(const std::string& kind, const std::string& delivery = "in_person") {
    auto t = TemplateOf(kind);
    auto preview = docs_->Preview(actor_, client_id_, t.meta.id);
    if (!preview.ok()) return preview.error();
    SignRequest req{t.meta.id, t.version_no, preview->content_sha256, {Sig("client", "Ann Smith")}, delivery};
    if (t.requires_witness) req.signatures.push_back(Sig("witness", "Priya Shah"));
    return docs_->Sign(actor_, client_id_, req, {"tablet", "10.0.0.9"});
  }

  Actor actor_;
  std::string program_id_, client_id_, episode_id_;
  std::unique_ptr<admissions::ClientService> clients_;
  std::unique_ptr<DocumentService> docs_;
  std::unique_ptr<OrientationService> orientation_;
};

}  // namespace stepwise::documents
