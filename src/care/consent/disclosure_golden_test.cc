// Every disclosure channel carries the §2.32 notice and the consent summary: the release as PDF text
// (pdf::PlainText, also what "print" and "referral_packet" render), as CSV and as the API's JSON, compared
// exactly with golden files in tests/golden/consent/. Run with STEPWISE_UPDATE_GOLDEN=1 to rewrite them after
// an intended change, and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "care/consent/consent_json.h"
#include "care/consent/consent_render.h"
#include "care/consent/notice.h"
#include "platform/http/json.h"

namespace stepwise::consent {
namespace {

std::string GoldenPath(const std::string& name) { return std::string(STEPWISE_SOURCE_DIR) + "/tests/golden/consent/" + name; }

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = GoldenPath(name);
  if (std::getenv("STEPWISE_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path;
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

Consent SampleConsent() {
  Consent c;
  c.meta.id = "0192f0a0-0000-7000-8000-000000000001";
  c.client_id = "0192f0a0-0000-7000-8000-0000000000c1";
  c.status = "active";
  c.discloser = "Northstar Recovery IOP";
  c.categories = {"attendance", "assessments"};
  c.information_description = "Attendance dates and completed assessments since admission";
  c.recipient = {"person", "family", "Jane Smith", "", "12 Elm Street, Springfield", "sister"};
  c.purpose_code = "family_involvement";
  c.purpose_text = "So my sister can support my recovery";
  c.revocation_statement = "I may revoke this consent in writing at any time by giving a note to my counselor.";
  c.expiration = {"date", ParseDate("2027-05-01"), ""};
  c.has_signature = true;
  c.signer_name = "Maria Lopez";
  c.signed_on = ParseDate("2026-11-20");
  return c;
}

Packet SamplePacket(const std::string& channel) {
  Packet p;
  p.notice = Part2Notice();
  p.authority = ConsentSummary(SampleConsent(), "Maria Lopez");
  p.disclosure = {"0192f0a0-0000-7000-8000-0000000000d1",
                  "org",
                  "0192f0a0-0000-7000-8000-0000000000c1",
                  "0192f0a0-0000-7000-8000-000000000001",
                  "",
                  "2026-11-22T15:04:05.000Z",
                  "Jane Smith",
                  "12 Elm Street, Springfield",
                  "family_involvement",
                  {"attendance", "assessments"},
                  "Attendance and assessments for the family session",
                  channel,
                  "user-1",
                  "Dana Reyes",
                  p.notice.version,
                  true};
  Section assessments{"assessments", "Assessments", {}, {"Completed", "Kind", "Recommended level"}, {{"2026-11-03", "Initial", "2.1"}}, ""};
  Section attendance{"attendance", "Attendance dates", {}, {}, {}, "No records of this kind are kept electronically in Stepwise."};
  p.sections = {attendance, assessments};
  return p;
}

TEST(DisclosureNotice, IsVersion2024AndTheStatutoryText) {
  const Notice& n = Part2Notice();
  EXPECT_EQ(n.version, "2024");
  EXPECT_TRUE(n.text.starts_with("This record which has been disclosed to you is protected by Federal confidentiality "
                                 "rules (42 CFR part 2)."));
  EXPECT_NE(n.text.find("civil, criminal, administrative, or legislative proceedings"), std::string::npos);
  EXPECT_EQ(n.text.find('#'), std::string::npos);  // comments stay out
  EXPECT_FALSE(ParseNotice("no header\ntext").ok());
  EXPECT_EQ(ParseNotice("version: 9\n# note\n\nA\nB\n\n")->text, "A\nB");
}

TEST(DisclosureGolden, PdfPrintAndReferralPacketCarryTheNoticeAndConsentSummary) {
  for (const char* channel : {"pdf", "print", "referral_packet"}) {
    const std::string text = pdf::PlainText(ReleaseDocument(SamplePacket(channel)));
    EXPECT_NE(text.find(Part2Notice().text), std::string::npos) << channel;
    if (std::string(channel) == "pdf") ExpectGolden("release-pdf.txt", text);
  }
}

TEST(DisclosureGolden, CsvCarriesTheNoticeAndConsentSummaryFirst) {
  const std::string csv = ReleaseCsv(SamplePacket("csv"));
  EXPECT_TRUE(csv.starts_with("notice_version,2024\r\nnotice,\"This record which has been disclosed"));
  ExpectGolden("release.csv", csv);
}

TEST(DisclosureGolden, ApiJsonCarriesTheNoticeAndConsentSummary) {
  const std::string body = http::Serialize(PacketJson(SamplePacket("api")));
  EXPECT_NE(body.find("\"notice\":{\"version\":\"2024\""), std::string::npos);
  ExpectGolden("release-api.json", body + "\n");
}

TEST(DisclosureGolden, ConsentDocumentShowsEveryElement) {
  ExpectGolden("consent.txt", pdf::PlainText(ConsentDocument(SampleConsent(), "Maria Lopez", {})));
}

TEST(DisclosureGolden, TpoConsentDocumentCarriesItsRequiredStatements) {
  Consent c = SampleConsent();
  c.kind = "tpo";
  c.recipient = {};
  c.purpose_code = "treatment";
  c.purpose_text = "";
  c.expiration = {};
  FillDraftDefaults(c, "Northstar Recovery IOP");
  const std::string text = pdf::PlainText(ConsentDocument(c, "Maria Lopez", {}));
  EXPECT_NE(text.find(kTpoRecipientClass), std::string::npos);
  EXPECT_NE(text.find(kDefaultTpoRedisclosure), std::string::npos);
  EXPECT_NE(text.find(kDefaultTpoRefusal), std::string::npos);
  ExpectGolden("consent-tpo.txt", text);
}

TEST(DisclosureGolden, AccountingReportListsEveryDisclosure) {
  Accounting a;
  a.years = 6;
  a.window_start = "2020-11-22T15:04:05.000Z";
  a.window_end = "2026-11-22T15:04:05.000Z";
  a.items.push_back({SamplePacket("pdf").disclosure, "revoked"});
  ExpectGolden("accounting.txt", pdf::PlainText(AccountingDocument(a, "Maria Lopez", "Northstar Recovery IOP")));
}

TEST(DisclosureWindow, CalendarYearsBack) {
  const auto now = *ParseTimestamp("2028-02-29T10:00:00Z");
  EXPECT_EQ(FormatTimestamp(WindowStart(now, 3)), "2025-02-28T10:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(WindowStart(*ParseTimestamp("2026-11-22T15:04:05Z"), 6)), "2020-11-22T15:04:05.000Z");
}

}  // namespace
}  // namespace stepwise::consent
