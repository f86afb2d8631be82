// Orientation on both engines: items per program, and an admission that cannot be finalized (through the
// finalize call or by moving the episode) while a required item is open or the Part 2 notice is missing.
#include "care/documents/orientation_service.h"

#include <algorithm>

#include "care/documents/documents_test_support.h"

namespace stepwise::documents {
namespace {

class OrientationServiceTest : public DocumentsTest {
 protected:
  std::vector<std::string> Fields(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
  }
  void CompleteStaffItems(const std::vector<std::string>& codes) {
    for (const auto& code : codes) {
      auto r = orientation_->SetItem(actor_, client_id_, code, true, "");
      ASSERT_TRUE(r.ok()) << code << ": " << r.error().message;
    }
  }
};

const std::vector<std::string> kStaffItems = {"schedule_track", "rules_expectations", "modalities", "grievance",
                                              "emergency_contacts"};

TEST_P(OrientationServiceTest, FinalizingWaitsForEveryRequiredItemAndTheNotice) {
  auto status = orientation_->Status(actor_, client_id_);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->items.size(), 10u);
  EXPECT_FALSE(status->ready());

  auto refused = orientation_->Finalize(actor_, client_id_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Fields(refused.error()),
            (std::vector<std::string>{"items.schedule_track", "items.rules_expectations", "items.modalities",
                                      "items.drug_testing_agreement", "items.grievance", "items.emergency_contacts",
                                      "items.part2_notice", "items.consent_to_treatment"}));

  CompleteStaffItems(kStaffItems);
  ASSERT_TRUE(SignKind("drug_testing_agreement").ok());
  ASSERT_TRUE(SignKind("consent_to_treatment").ok());
  auto only_notice = orientation_->Finalize(actor_, client_id_);
  ASSERT_FALSE(only_notice.ok());
  EXPECT_EQ(Fields(only_notice.error()), std::vector<std::string>{"items.part2_notice"});

  // One required item taken back blocks again.
  ASSERT_TRUE(SignKind("part2_notice", "in_person").ok());
  ASSERT_TRUE(orientation_->SetItem(actor_, client_id_, "grievance", false, "not covered yet").ok());
  auto reopened = orientation_->Finalize(actor_, client_id_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(Fields(reopened.error()), std::vector<std::string>{"items.grievance"});
  auto episode = clients_->GetEpisode(actor_, episode_id_);
  EXPECT_EQ(episode->stage, "orientation");

  CompleteStaffItems({"grievance"});
  status = orientation_->Status(actor_, client_id_);
  EXPECT_TRUE(status->ready());
  EXPECT_EQ(status->items[0].completed_by_name, "Priya Shah");
  auto finalized = orientation_->Finalize(actor_, client_id_);
  ASSERT_TRUE(finalized.ok()) << finalized.error().message;
  EXPECT_EQ(finalized->stage, "treatment");
  EXPECT_TRUE(finalized->admission_date.has_value());
  EXPECT_EQ(orientation_->Finalize(actor_, client_id_).error().fields.at(0).field, "stage");
}

TEST_P(OrientationServiceTest, MovingTheEpisodeToTreatmentRunsTheSameCheck) {
  clients_->SetFinalizeCheck(
      [this](db::Transaction& tx, const Actor& a, const std::string& client_id, const std::string& episode_id) {
        return orientation_->CheckFinalizeIn(tx, a, client_id, episode_id);
      });
  auto episode = *clients_->GetEpisode(actor_, episode_id_);
  admissions::Episode changes = episode;
  changes.stage = "treatment";
  changes.admission_date = ParseDate("2026-11-01");
  auto refused = clients_->UpdateEpisode(actor_, changes, episode.meta.version);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Fields(refused.error()).back(), "items.consent_to_treatment");
  auto fields = Fields(refused.error());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "items.part2_notice"), fields.end());

  // Other moves are not held up: back to assessment and forward to orientation again.
  changes.stage = "assessment";
  changes.admission_date.reset();
  auto back = clients_->UpdateEpisode(actor_, changes, episode.meta.version);
  ASSERT_TRUE(back.ok()) << back.error().message;

  CompleteStaffItems(kStaffItems);
  for (auto kind : {"drug_testing_agreement", "consent_to_treatment"}) ASSERT_TRUE(SignKind(kind).ok());
  ASSERT_TRUE(SignKind("part2_notice", "mail").ok());
  changes.stage = "orientation";
  auto again = clients_->UpdateEpisode(actor_, changes, back->meta.version);
  ASSERT_TRUE(again.ok());
  changes.stage = "treatment";
  changes.admission_date = ParseDate("2026-11-01");
  auto moved = clients_->UpdateEpisode(actor_, changes, again->meta.version);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->stage, "treatment");
}

TEST_P(OrientationServiceTest, ProgramsKeepTheirOwnChecklist) {
  auto defaults = orientation_->GetChecklist(actor_, program_id_);
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->is_default);
  EXPECT_EQ(defaults->meta.version, 0);
  std::vector<ChecklistItem> items = {{"tour", "Building tour", true, ""},
                                      {"part2_notice", "Part 2 notice", true, "part2_notice"}};
  auto saved = orientation_->PutChecklist(actor_, program_id_, items, 0);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_FALSE(saved->is_default);
  EXPECT_EQ(saved->meta.version, 1);
  EXPECT_EQ(saved->items, items);
  EXPECT_EQ(orientation_->PutChecklist(actor_, program_id_, items, 0).error().code, ErrorCode::kFailedPrecondition);
  items.push_back({"tour", "Twice", false, ""});
  EXPECT_EQ(orientation_->PutChecklist(actor_, program_id_, items, 1).error().fields.at(0).field, "items[2].code");

  auto status = orientation_->Status(actor_, client_id_);
  EXPECT_EQ(status->blocking, (std::vector<std::string>{"tour", "part2_notice"}));
  EXPECT_EQ(orientation_->SetItem(actor_, client_id_, "part2_notice", true, "").error().fields.at(0).field, "code");
  EXPECT_EQ(orientation_->SetItem(actor_, client_id_, "schedule_track", true, "").error().fields.at(0).field, "code");
}

STORE_TEST_P(OrientationServiceTest);

}  // namespace
}  // namespace stepwise::documents
