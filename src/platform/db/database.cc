#include "platform/db/database.h"

#include <charconv>
#include <memory>
#include <vector>

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

std::int64_t RowView::Int(std::size_t i) const {
  std::int64_t out = 0;
  if (!nulls_[i]) std::from_chars(values_[i].data(), values_[i].data() + values_[i].size(), out);
  return out;
}

// The portable fallback materializes the result; both drivers override it with a streaming read.
Status Transaction::ForEach(std::string_view sql, std::span<const Param> params, const RowCallback& each) {
  SW_ASSIGN(auto rs, Query(sql, params));
  const std::size_t n = rs.columns.size();
  std::vector<std::string_view> values(n);
  auto nulls = std::make_unique<bool[]>(n);
  for (const auto& row : rs.rows) {
    for (std::size_t c = 0; c < n; ++c) {
      values[c] = row.Text(c);
      nulls[c] = row.IsNull(c);
    }
    if (!each(RowView(values.data(), nulls.get(), n))) break;
  }
  return Ok();
}

namespace {
void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}
}  // namespace

std::string RenderDialect(std::string_view sql, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  // Keep or drop the lines between "-- {{IF_SQLITE}}" / "-- {{IF_POSTGRES}}" and "-- {{END_IF}}".
  std::string out;
  out.reserve(sql.size());
  bool keep = true;
  for (std::size_t pos = 0; pos < sql.size();) {
    std::size_t end = sql.find('\n', pos);
    end = end == std::string_view::npos ? sql.size() : end + 1;
    std::string_view line = sql.substr(pos, end - pos);
    pos = end;
    if (line.find("{{IF_SQLITE}}") != std::string_view::npos) {
      keep = !pg;
    } else if (line.find("{{IF_POSTGRES}}") != std::string_view::npos) {
      keep = pg;
    } else if (line.find("{{END_IF}}") != std::string_view::npos) {
      keep = true;
    } else if (keep) {
      out += line;
    }
  }
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
