#include "platform/base/log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "platform/base/dates.h"

namespace stepwise::log {
namespace {

std::shared_ptr<spdlog::logger>& Logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = std::make_shared<spdlog::logger>("stepwise", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    l->set_pattern("%v");
    l->set_level(spdlog::level::info);
    return l;
  }();
  return logger;
}

spdlog::level::level_enum ToSpd(Level l) {
  switch (l) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

const char* Name(Level l) {
  switch (l) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void Configure(Level min_level, const std::string& path) {
  std::shared_ptr<spdlog::logger> l;
  if (path.empty()) {
    l = std::make_shared<spdlog::logger>("stepwise", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  } else {
    l = std::make_shared<spdlog::logger>("stepwise", std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, false));
  }
  l->set_pattern("%v");
  l->set_level(ToSpd(min_level));
  l->flush_on(spdlog::level::info);
  Logger() = l;
}

bool ParseLevel(std::string_view t, Level& out) {
  if (t == "debug")
    out = Level::kDebug;
  else if (t == "info")
    out = Level::kInfo;
  else if (t == "warn")
    out = Level::kWarn;
  else if (t == "error")
    out = Level::kError;
  else
    return false;
  return true;
}

void AppendJsonEscaped(std::string& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  auto& logger = Logger();
  if (!logger->should_log(ToSpd(level))) return;
  std::string line;
  line.reserve(160);
  line += "{\"ts\":\"";
  line += FormatTimestamp(std::chrono::system_clock::now());
  line += "\",\"level\":\"";
  line += Name(level);
  line += "\",\"event\":\"";
  AppendJsonEscaped(line, event);
  line += '"';
  for (const auto& [k, v] : fields) {
    line += ",\"";
    AppendJsonEscaped(line, k);
    line += "\":\"";
    AppendJsonEscaped(line, v);
    line += '"';
  }
  line += '}';
  logger->log(ToSpd(level), line);
}

void Flush() { Logger()->flush(); }

}  // namespace stepwise::log
