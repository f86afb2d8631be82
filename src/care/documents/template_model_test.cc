// Document templates: the body format, placeholders, the compiled-in defaults and the Part 2 notice header.
#include "care/documents/template_model.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "care/documents/orientation_json.h"

namespace stepwise::documents {
namespace {

RenderContext Ctx() { return {"Ann Smith", "1990-05-06", "Adult IOP", "Northstar Recovery", "2026-11-22"}; }

TEST(TemplateModel, BodyBecomesHeadingsParagraphsAndNotices) {
  auto blocks = BodyBlocks(
      "# Welcome {{client_name}}\nLine one\nline two\n\n- a\n- b\n\n> Notice {{program_name}}\n> more\n\nEnd {{date}}",
      Ctx());
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[0].kind, pdf::Block::Kind::kHeading);
  EXPECT_EQ(blocks[0].text, "Welcome Ann Smith");
  EXPECT_EQ(blocks[1].text, "Line one line two");
  EXPECT_EQ(blocks[2].text, "- a\n- b");
  EXPECT_EQ(blocks[3].kind, pdf::Block::Kind::kNotice);
  EXPECT_EQ(blocks[3].text, "Notice Adult IOP more");
  EXPECT_EQ(blocks[4].text, "End 2026-11-22");
}

TEST(TemplateModel, PlaceholdersMustBeKnownAndClosed) {
  DocumentTemplate t{.kind = "other", .title = "T", .body = "Hello {{client_name}} {{ssn}}"};
  FieldErrors errors;
  CheckTemplate(t, errors);
  ASSERT_EQ(errors.fields().size(), 1u);
  EXPECT_EQ(errors.fields()[0].field, "body");
  EXPECT_NE(errors.fields()[0].message.find("{{ssn}}"), std::string::npos);
  FieldErrors open;
  t.body = "Hello {{client_name";
  CheckTemplate(t, open);
  EXPECT_EQ(open.fields().at(0).field, "body");
  FieldErrors bad_kind;
  t = {.kind = "poem", .title = "", .body = "x"};
  CheckTemplate(t, bad_kind);
  EXPECT_EQ(bad_kind.fields().size(), 2u);
}

TEST(TemplateModel, EveryDocumentKindHasAParseableDefault) {
  auto defaults = BuiltinTemplates();
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  for (auto kind : {"consent_to_treatment", "hipaa_npp_ack", "part2_notice", "program_rules", "drug_testing_agreement",
                    "telehealth_consent", "financial_agreement"}) {
    auto it =
        std::find_if(defaults->begin(), defaults->end(), [&](const DefaultTemplate& d) { return d.kind == kind; });
    ASSERT_NE(it, defaults->end()) << kind;
    DocumentTemplate t{.kind = it->kind, .title = it->title, .body = it->body};
    FieldErrors errors;
    CheckTemplate(t, errors);
    EXPECT_TRUE(errors.empty()) << kind;
    EXPECT_GT(it->body.size(), 500u) << kind;
  }
}

TEST(TemplateModel, Part2NoticeCarriesTheRequiredHeader) {
  auto defaults = BuiltinTemplates();
  ASSERT_TRUE(defaults.ok());
  auto it = std::find_if(defaults->begin(), defaults->end(),
                         [](const DefaultTemplate& d) { return d.kind == "part2_notice"; });
  ASSERT_NE(it, defaults->end());
  DocumentTemplate t{.kind = it->kind, .title = it->title, .body = it->body};
  const std::string text = pdf::PlainText(RenderTemplate(t, Ctx()));
  // 42 CFR 2.22(b)(1)(i): the header, prominently displayed, naming the Part 2 program.
  for (const char* line :
       {"Notice of Privacy Practices of Adult IOP", "HOW HEALTH INFORMATION ABOUT YOU MAY BE USED AND DISCLOSED",
        "YOUR RIGHTS WITH RESPECT TO YOUR HEALTH INFORMATION",
        "HOW TO FILE A COMPLAINT CONCERNING A VIOLATION OF THE PRIVACY OR SECURITY OF YOUR HEALTH INFORMATION",
        "YOU HAVE A RIGHT TO A COPY OF THIS NOTICE (IN PAPER OR ELECTRONIC FORM)"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
  // The header block is the first thing after the client fields, and boxed.
  auto blocks = BodyBlocks(it->body, Ctx());
  ASSERT_FALSE(blocks.empty());
  EXPECT_EQ(blocks[0].kind, pdf::Block::Kind::kNotice);
  EXPECT_EQ(blocks[0].text.rfind("Notice of Privacy Practices of Adult IOP", 0), 0u);
  // It says the program is a Part 2 program and what Part 2 protects.
  EXPECT_NE(text.find("is a substance use disorder treatment program covered by federal law"), std::string::npos);
  EXPECT_NE(text.find("42 CFR Part 2"), std::string::npos);
  EXPECT_NE(text.find("# What 42 CFR Part 2 protects"), std::string::npos);
  EXPECT_NE(text.find("identify you, directly or indirectly"), std::string::npos);
  EXPECT_EQ(text.find("{{"), std::string::npos);
}

TEST(TemplateModel, RenderingIsDeterministicAndNamesTheVersion) {
  DocumentTemplate t{.kind = "other", .title = "Form for {{client_name}}", .body = "Body", .version_no = 3};
  auto a = pdf::PlainText(RenderTemplate(t, Ctx()));
  EXPECT_EQ(a, pdf::PlainText(RenderTemplate(t, Ctx())));
  EXPECT_NE(a.find("Form for Ann Smith"), std::string::npos);
  EXPECT_NE(a.find("Form: other version 3"), std::string::npos);
  t.version_no = 4;
  EXPECT_NE(a, pdf::PlainText(RenderTemplate(t, Ctx())));
}

TEST(TemplateModel, DefaultFilesNeedAHeader) {
  EXPECT_FALSE(ParseDefaultTemplate("other.md", "no header").ok());
  EXPECT_FALSE(ParseDefaultTemplate("poem.md", "title: x\n---\nbody").ok());
  auto ok = ParseDefaultTemplate("other.md", "title: X\nrequires_witness: true\n---\n\nBody\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->requires_witness);
  EXPECT_EQ(ok->body, "Body");
}

TEST(OrientationDefaults, ConfigHasTheIssueItems) {
  const auto& items = DefaultChecklistItems();
  std::vector<std::string> codes;
  for (const auto& i : items) codes.push_back(i.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"schedule_track", "rules_expectations", "modalities",
                                             "drug_testing_agreement", "grievance", "emergency_contacts",
                                             "telehealth_setup", "part2_notice", "consent_to_treatment", "hipaa_npp"}));
  EXPECT_FALSE(items[6].required);
  EXPECT_EQ(items[7].document_kind, "part2_notice");
  EXPECT_TRUE(items[7].required);
}

}  // namespace
}  // namespace stepwise::documents
