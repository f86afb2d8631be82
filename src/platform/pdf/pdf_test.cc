// The document model's text form (what is shown, hashed and compared in golden files) and the PDF renderer.
#include <gtest/gtest.h>

#include "platform/pdf/document.h"
#include "platform/pdf/render.h"

namespace stepwise::pdf {
namespace {

Document Sample() {
  Document d;
  d.title = "Consent to treatment";
  d.subtitle = "Northstar Recovery IOP";
  d.footer = "SHA-256 abc";
  d.blocks = {Heading("Your rights"), Paragraph("You may stop at any time."),
              Fields({{"Client", "Ann Smith"}, {"Date", "2026-11-22"}}),
              Table({"Date", "Recipient"}, {{"2026-11-01", "Dr. Lee"}, {"2026-11-02", "County court"}}),
              Notice("This record is protected by 42 CFR part 2."),
              SignatureBlock({100, 50, {{{1, 1}, {50, 25}}}}, "Signed by Ann Smith (client)"), PageBreak(),
              Small("Page two")};
  return d;
}

int CountPages(const std::string& pdf) {
  int n = 0;
  for (std::size_t pos = 0; (pos = pdf.find("/Type /Page", pos)) != std::string::npos; pos += 11) {
    if (pdf.compare(pos, 12, "/Type /Pages") != 0) ++n;
  }
  return n;
}

TEST(PdfDocument, PlainTextIsDeterministicAndCoversEveryBlock) {
  EXPECT_EQ(PlainText(Sample()),
            "Consent to treatment\n\nNorthstar Recovery IOP\n\n# Your rights\n\nYou may stop at any time.\n\n"
            "Client: Ann Smith\nDate: 2026-11-22\n\nDate | Recipient\n2026-11-01 | Dr. Lee\n2026-11-02 | County court\n\n"
            "----\nThis record is protected by 42 CFR part 2.\n----\n\n[signature] Signed by Ann Smith (client)\n\n"
            "Page two\n");
  EXPECT_EQ(PlainText(Document{}), "");
}

TEST(PdfRender, ProducesAPdfWithOnePagePerBreakAndFlowsLongText) {
  auto pdf = Render(Sample());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
  EXPECT_EQ(CountPages(*pdf), 2);

  Document longer;
  longer.title = "Long";
  std::string words;
  for (int i = 0; i < 2500; ++i) words += "word" + std::to_string(i) + " ";
  longer.blocks.push_back(Paragraph(words));
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 120; ++i) rows.push_back({std::to_string(i), "row text that wraps " + std::to_string(i)});
  longer.blocks.push_back(Table({"#", "Text"}, rows));
  auto long_pdf = Render(longer);
  ASSERT_TRUE(long_pdf.ok());
  EXPECT_GE(CountPages(*long_pdf), 4);
}

}  // namespace
}  // namespace stepwise::pdf
