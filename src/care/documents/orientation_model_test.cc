// The orientation checklist rules: what is done, what blocks finalizing, and the checklist checks.
#include "care/documents/orientation_model.h"

#include <gtest/gtest.h>

namespace stepwise::documents {
namespace {

std::vector<ChecklistItem> Items() {
  return {{"schedule_track", "Schedule", true, ""},
          {"telehealth_setup", "Telehealth", false, ""},
          {"part2_notice", "Part 2 notice", true, "part2_notice"},
          {"consent_to_treatment", "Consent", true, "consent_to_treatment"}};
}

TEST(Orientation, RequiredOpenItemsAndTheNoticeBlock) {
  auto s = EvaluateOrientation(Items(), {}, {});
  EXPECT_FALSE(s.ready());
  EXPECT_EQ(s.blocking, (std::vector<std::string>{"schedule_track", "part2_notice", "consent_to_treatment"}));
  auto fields = FinalizeBlockers(s);
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].field, "items.schedule_track");
  EXPECT_EQ(fields[1].field, "items.part2_notice");
  EXPECT_EQ(fields[2].field, "items.consent_to_treatment");
}

TEST(Orientation, SignedDocumentsAndCompletionsMakeItReady) {
  std::vector<ItemCompletion> done = {
      {"schedule_track", true, "Mon/Wed/Fri", "2026-11-20T10:00:00.000Z", "u1", "Priya Shah"}};
  std::vector<SignedDocumentRef> docs = {{"d1", "part2_notice", "2026-11-20T10:05:00.000Z", "Ann Smith", "in_person"},
                                         {"d2", "consent_to_treatment", "2026-11-20T10:06:00.000Z", "Ann Smith", ""}};
  auto s = EvaluateOrientation(Items(), done, docs);
  EXPECT_TRUE(s.ready());
  EXPECT_TRUE(s.part2_notice_delivered);
  EXPECT_EQ(s.items[0].completed_by_name, "Priya Shah");
  EXPECT_EQ(s.items[2].document_id, "d1");
  EXPECT_FALSE(s.items[1].done);  // optional and open: does not block
}

TEST(Orientation, UndoneItemBlocksAgain) {
  std::vector<ItemCompletion> undone = {{"schedule_track", false, "", "t", "u1", "Priya"}};
  std::vector<SignedDocumentRef> docs = {{"d1", "part2_notice", "t", "Ann", "mail"},
                                         {"d2", "consent_to_treatment", "t", "Ann", ""}};
  auto s = EvaluateOrientation(Items(), undone, docs);
  EXPECT_EQ(s.blocking, std::vector<std::string>{"schedule_track"});
}

TEST(Orientation, ThePart2NoticeBlocksEvenWhenTheChecklistLeavesItOut) {
  std::vector<ChecklistItem> items = {{"schedule_track", "Schedule", false, ""}};
  auto s = EvaluateOrientation(items, {}, {});
  EXPECT_EQ(s.blocking, std::vector<std::string>{"part2_notice"});
  // A notice recorded without a delivery method does not count.
  auto t = EvaluateOrientation(items, {}, {{"d1", "part2_notice", "t", "Ann", ""}});
  EXPECT_FALSE(t.ready());
}

TEST(Orientation, ChecklistChecksNameTheItem) {
  FieldErrors errors;
  CheckChecklist({{"ok", "Fine", true, ""}, {"Bad Code", "x", false, ""}, {"ok", "", false, "poem"}}, errors);
  std::vector<std::string> fields;
  for (const auto& f : errors.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"items[1].code", "items[2].code", "items[2].label", "items[2].document_kind"}));
}

}  // namespace
}  // namespace stepwise::documents
