// Structured logging: one JSON object per line on stderr (or a file), written through spdlog.
//
// Callers pass an event name and key/value fields. Never pass PHI, passwords or tokens: log ids,
// counts, codes and durations only. Values are JSON-escaped, so CR/LF in a value cannot forge a line.
// Thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace stepwise::log {

enum class Level { kDebug, kInfo, kWarn, kError };

using Field = std::pair<std::string_view, std::string_view>;

// Sends logs to `path` (appending) instead of stderr; "" keeps stderr. Call once at start-up.
void Configure(Level min_level, const std::string& path);
bool ParseLevel(std::string_view text, Level& out);

void Write(Level level, std::string_view event, std::initializer_list<Field> fields = {});
inline void Info(std::string_view e, std::initializer_list<Field> f = {}) { Write(Level::kInfo, e, f); }
inline void Warn(std::string_view e, std::initializer_list<Field> f = {}) { Write(Level::kWarn, e, f); }
inline void Error(std::string_view e, std::initializer_list<Field> f = {}) { Write(Level::kError, e, f); }
void Flush();

// Appends `text` to `out` as a JSON string body (without quotes), escaping controls and quotes.
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace stepwise::log
