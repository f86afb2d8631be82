#include "care/scheduling/ical.h"

#include <gtest/gtest.h>

namespace stepwise::scheduling::ical {
namespace {

TEST(Ical, EscapesText) { EXPECT_EQ(EscapeText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne"); }

TEST(Ical, FoldsAt75OctetsWithoutSplittingCharacters) {
  std::string line = "LOCATION:" + std::string(100, 'x');
  std::string folded = FoldLine(line);
  EXPECT_EQ(folded.substr(0, 75), line.substr(0, 75));
  EXPECT_EQ(folded.substr(75, 3), "\r\n ");
  EXPECT_EQ(folded.substr(folded.size() - 2), "\r\n");
  // Every physical line is at most 75 octets.
  std::string accents = "LOCATION:" + std::string(30, 'a');
  for (int i = 0; i < 40; ++i) accents += "\xC3\xA9";  // é
  std::string out = FoldLine(accents);
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    // A continuation never begins inside a UTF-8 sequence.
    if (start > 0) {
      EXPECT_NE(static_cast<unsigned char>(out[start + 1]) & 0xC0, 0x80);
    }
    start = end + 2;
  }
  // Unfolding gives the line back.
  std::string unfolded;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 3, "\r\n ") == 0) { i += 2; continue; }
    if (out.compare(i, 2, "\r\n") == 0) break;
    unfolded += out[i];
  }
  EXPECT_EQ(unfolded, accents);
}

TEST(Ical, CalendarHasRequiredPropertiesAndCrlf) {
  const TimePoint start = std::chrono::sys_days(std::chrono::year(2026) / 3 / 9) + std::chrono::hours(13);
  std::string text = Calendar({{"a1@stepwise", start, start + std::chrono::minutes(50), "Appointment", "Room 2"}},
                              start - std::chrono::hours(1));
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_NE(text.find("\r\nUID:a1@stepwise\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTSTAMP:20260309T120000Z\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTSTART:20260309T130000Z\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTEND:20260309T135000Z\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nSUMMARY:Appointment\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nLOCATION:Room 2\r\n"), std::string::npos);
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      EXPECT_EQ(text[i - 1], '\r');
    }
  }
}

}  // namespace
}  // namespace stepwise::scheduling::ical
