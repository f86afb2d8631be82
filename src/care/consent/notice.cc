#include "care/consent/notice.h"

#include <cstdlib>
#include <string_view>

namespace stepwise::consent {

extern const char* const kBuiltinNotices[][2];  // generated from config/notices/*.txt
extern const std::size_t kBuiltinNoticesCount;

namespace {

constexpr std::string_view kCurrentNoticeFile = "part2-2032-2024.txt";

Notice LoadCurrent() {
  for (std::size_t i = 0; i < kBuiltinNoticesCount; ++i) {
    if (kBuiltinNotices[i][0] != nullptr && kCurrentNoticeFile == kBuiltinNotices[i][0]) {
      auto notice = ParseNotice(kBuiltinNotices[i][1]);
      if (notice.ok()) return *notice;
    }
  }
  std::abort();  // the build embeds the file; a malformed one fails NoticeTest first
}

}  // namespace

const Notice& Part2Notice() {
  static const Notice notice = LoadCurrent();
  return notice;
}

}  // namespace stepwise::consent
