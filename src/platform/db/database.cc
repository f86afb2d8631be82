#include "platform/db/database.h"

#include <charconv>

namespace stepwise::db {

const std::string& Row::Text(std::size_t i) const {
  static const std::string kEmpty;
  const auto& v = values_.at(i);
  return v ? *v : kEmpty;
}

std::int64_t Row::Int(std::size_t i) const {
  const auto& v = values_.at(i);
  if (!v) return 0;
  std::int64_t out = 0;
  std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}

namespace {
void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}
}  // namespace

std::string RenderDialect(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  const bool pg = dialect == Dialect::kPostgres;
  ReplaceAll(out, "{{TEXT_C}}", pg ? "TEXT COLLATE \"C\"" : "TEXT");
  ReplaceAll(out, "{{BLOB}}", pg ? "BYTEA" : "BLOB");
  return out;
}

std::string PrefixUpperBound(std::string prefix) {
  // Stored search terms are lowercase UTF-8; 0xF4 0x8F 0xBF 0xBF is the highest code point, so
  // appending it bounds every continuation that is valid UTF-8.
  prefix += "\xF4\x8F\xBF\xBF";
  return prefix;
}

}  // namespace stepwise::db
