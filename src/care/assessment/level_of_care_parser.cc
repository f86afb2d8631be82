// Reads the level-of-care policy text (format: the header of config/level_of_care.txt).
#include <algorithm>
#include <cctype>
#include <charconv>

#include "care/assessment/level_of_care.h"
#include "care/assessment/level_of_care_condition.h"

namespace stepwise::assessment {
namespace {

Error PolicyError(const std::string& message) {
  return Error::InvalidArgument("level-of-care policy: " + message, {{"level_of_care", message}});
}
Error LineError(int line, const std::string& message) {
  return PolicyError("line " + std::to_string(line) + ": " + message);
}

std::optional<int> ToInt(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

bool IsWord(const Token& t) { return !t.quoted && !t.text.empty(); }
bool Is(const std::vector<Token>& t, std::size_t i, std::string_view word) {
  return i < t.size() && !t[i].quoted && t[i].text == word;
}

struct FlagUse {
  std::string flag;
  int line = 0;
};

}  // namespace

class PolicyParser {
 public:
  Result<LevelOfCarePolicy> Run(std::string_view text) {
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      ++number;
      auto tokens = Tokenize(line);
      if (!tokens.ok()) return LineError(number, tokens.error().message);
      if (tokens->empty()) continue;
      SW_TRY(Line(number, line, *tokens));
    }
    SW_TRY(Check());
    return std::move(p_);
  }

 private:
  using Edition = LevelOfCarePolicy::Edition;

  Status Line(int n, std::string_view line, const std::vector<Token>& t) {
    const std::string& kind = t[0].text;
    if (t[0].quoted) return LineError(n, "a line starts with a keyword, not a quoted text");
    if (kind == "policy") return PolicyLine(n, t);
    if (kind == "edition") return EditionLine(n, t);
    if (kind == "level") return LevelLine(n, t);
    if (kind == "dimension") return DimensionLine(n, t);
    if (kind == "flag") return FlagLine(n, t);
    if (kind == "floor") return FloorLine(n, t);
    if (kind == "rule") return RuleLine(n, line, t);
    return LineError(n, "expected policy, edition, level, dimension, flag, floor or rule, got '" + kind + "'");
  }

  Status PolicyLine(int n, const std::vector<Token>& t) {
    if (seen_policy_) return LineError(n, "the policy line appears twice");
    if (t.size() < 2 || !t[1].quoted || t[1].text.empty() || t.size() > 3 || (t.size() == 3 && !Is(t, 2, "example"))) {
      return LineError(n, "expected: policy \"<name>\" [example]");
    }
    seen_policy_ = true;
    p_.name_ = t[1].text;
    p_.example_ = t.size() == 3;
    return Ok();
  }

  Status EditionLine(int n, const std::vector<Token>& t) {
    if (edition_line_ != 0) return LineError(n, "the edition line appears twice");
    std::optional<int> e = t.size() == 2 && IsWord(t[1]) ? ToInt(t[1].text) : std::nullopt;
    if (!e || *e < 1 || *e > 9) return LineError(n, "expected: edition <number>, e.g. edition 3");
    p_.edition_ = *e;
    edition_line_ = n;
    return Ok();
  }

  Result<int> EditionNumber(int n, const Token& t) {
    std::optional<int> e = IsWord(t) ? ToInt(t.text) : std::nullopt;
    if (!e || *e < 1 || *e > 9) return LineError(n, "expected an edition number (3 or 4), got '" + t.text + "'");
    return *e;
  }

  Edition& EditionData(int number) {
    for (auto& e : p_.edition_data_) {
      if (e.number == number) return e;
    }
    p_.edition_data_.push_back({number, {}, std::vector<std::string>(6), ""});
    return p_.edition_data_.back();
  }

  Status LevelLine(int n, const std::vector<Token>& t) {
    static constexpr const char* kUsage = "expected: level <edition> <code> \"<label>\" intensity=<n> [iop]";
    if (t.size() < 7 || t.size() > 8 || !IsWord(t[2]) || !t[3].quoted || !Is(t, 4, "intensity") || !Is(t, 5, "=")) {
      return LineError(n, kUsage);
    }
    SW_ASSIGN(int number, EditionNumber(n, t[1]));
    std::optional<int> intensity = IsWord(t[6]) ? ToInt(t[6].text) : std::nullopt;
    if (!intensity || *intensity < 0) return LineError(n, "intensity must be a whole number of 0 or more, got '" + t[6].text + "'");
    if (t.size() == 8 && !Is(t, 7, "iop")) return LineError(n, kUsage);
    if (t[3].text.empty()) return LineError(n, "level " + t[2].text + " has an empty label");
    Edition& e = EditionData(number);
    for (const auto& l : e.levels) {
      if (l.code == t[2].text) return LineError(n, "duplicate level " + t[2].text + " in edition " + std::to_string(number));
      if (t.size() == 8 && l.iop) {
        return LineError(n, "edition " + std::to_string(number) + " already has an iop level (" + l.code + ")");
      }
    }
    if (!e.levels.empty() && *intensity <= e.levels.back().intensity) {
      return LineError(n, "levels are listed least intensive first: intensity " + t[6].text +
                              " must be greater than that of level " + e.levels.back().code + " (" +
                              std::to_string(e.levels.back().intensity) + ")");
    }
    e.levels.push_back({t[2].text, t[3].text, *intensity, t.size() == 8});
    return Ok();
  }

  Status DimensionLine(int n, const std::vector<Token>& t) {
    if (t.size() != 4 || !IsWord(t[2]) || !t[3].quoted) return LineError(n, "expected: dimension <edition> <1-6> \"<name>\"");
    SW_ASSIGN(int number, EditionNumber(n, t[1]));
    std::optional<int> d = ToInt(t[2].text);
    if (!d || *d < 1 || *d > 6) return LineError(n, "dimensions are numbered 1 to 6, got '" + t[2].text + "'");
    if (t[3].text.empty()) return LineError(n, "dimension " + t[2].text + " has an empty name");
    std::string& name = EditionData(number).dimension_names[static_cast<std::size_t>(*d - 1)];
    if (!name.empty()) return LineError(n, "duplicate dimension " + t[2].text + " in edition " + std::to_string(number));
    name = t[3].text;
    return Ok();
  }

  Status FlagLine(int n, const std::vector<Token>& t) {
    if (t.size() != 3 || !IsWord(t[1]) || !t[2].quoted || t[2].text.empty()) return LineError(n, "expected: flag <code> \"<label>\"");
    for (char c : t[1].text) {
      if (!(std::islower(static_cast<unsigned char>(c)) != 0 || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '_')) {
        return LineError(n, "flag codes use lower-case letters, digits and _, got '" + t[1].text + "'");
      }
    }
    if (p_.HasFlag(t[1].text)) return LineError(n, "duplicate flag " + t[1].text);
    p_.flags_.emplace_back(t[1].text, t[2].text);
    return Ok();
  }

  Status FloorLine(int n, const std::vector<Token>& t) {
    if (t.size() != 2 && t.size() != 3) return LineError(n, "expected: floor [<edition>] <level>");
    int edition = 0;
    if (t.size() == 3) {
      SW_ASSIGN(edition, EditionNumber(n, t[1]));
    }
    if (!IsWord(t.back())) return LineError(n, "expected: floor [<edition>] <level>");
    for (const auto& f : floors_) {
      if (f.edition == edition || f.edition == 0 || edition == 0) return LineError(n, "the floor is set twice (also on line " + std::to_string(f.line) + ")");
    }
    floors_.push_back({edition, t.back().text, n});
    return Ok();
  }

  Status RuleLine(int n, std::string_view line, const std::vector<Token>& t) {
    static constexpr const char* kUsage =
        "expected: rule [<edition>] when <condition> then needs >= <level> because \"<reason>\"";
    std::size_t i = 1;
    int edition = 0;
    if (i < t.size() && !Is(t, i, "when")) {
      SW_ASSIGN(edition, EditionNumber(n, t[i]));
      ++i;
    }
    if (!Is(t, i, "when")) return LineError(n, kUsage);
    std::size_t then = i + 1;
    while (then < t.size() && !Is(t, then, "then")) ++then;
    if (then == t.size()) return LineError(n, kUsage + std::string(" (no 'then')"));
    std::vector<Token> cond(t.begin() + static_cast<std::ptrdiff_t>(i + 1), t.begin() + static_cast<std::ptrdiff_t>(then));
    auto parsed = detail::ParseCondition(cond);
    if (!parsed.ok()) return LineError(n, parsed.error().message);
    if (!(then + 6 == t.size() && Is(t, then + 1, "needs") && Is(t, then + 2, ">=") && IsWord(t[then + 3]) &&
          Is(t, then + 4, "because") && t[then + 5].quoted)) {
      return LineError(n, kUsage);
    }
    if (t.back().text.empty()) return LineError(n, "the rule's reason is empty");
    LevelOfCarePolicy::Rule r;
    r.info.rule = std::string(line.substr(cond.front().begin, cond.back().end - cond.front().begin));
    r.info.reason = t.back().text;
    r.info.needs_level = t[then + 3].text;
    r.info.edition = edition;
    r.info.line = n;
    std::vector<std::string> flags;
    detail::CollectFlags(*parsed, flags);
    for (auto& f : flags) flag_uses_.push_back({std::move(f), n});
    r.condition = std::make_shared<const detail::Condition>(std::move(parsed).value());
    p_.rules_.push_back(std::move(r));
    return Ok();
  }

  // Whole-file checks, after every line is read.
  Status Check() {
    if (!seen_policy_) return PolicyError("the policy has no name (a line: policy \"<name>\")");
    if (p_.edition_data_.empty()) return PolicyError("the policy declares no levels");
    std::sort(p_.edition_data_.begin(), p_.edition_data_.end(),
              [](const Edition& a, const Edition& b) { return a.number < b.number; });
    for (Edition& e : p_.edition_data_) {
      std::string ed = "edition " + std::to_string(e.number);
      p_.editions_.push_back(e.number);
      if (e.levels.empty()) return PolicyError(ed + " has dimensions but no levels");
      for (std::size_t d = 0; d < 6; ++d) {
        if (e.dimension_names[d].empty()) return PolicyError(ed + " does not name dimension " + std::to_string(d + 1));
      }
      if (std::none_of(e.levels.begin(), e.levels.end(), [](const CareLevel& l) { return l.iop; })) {
        return PolicyError(ed + " marks no level as iop");
      }
      for (const auto& f : floors_) {
        if (f.edition != 0 && f.edition != e.number) continue;
        if (!HasLevel(e, f.level)) return LineError(f.line, "unknown level " + f.level + " in " + ed);
        e.floor = f.level;
      }
      if (e.floor.empty()) return PolicyError(ed + " has no floor (a line: floor " + std::to_string(e.number) + " <level>)");
    }
    for (const auto& f : floors_) {
      if (f.edition != 0 && !p_.FindEdition(f.edition)) {
        return LineError(f.line, "edition " + std::to_string(f.edition) + " declares no levels");
      }
    }
    if (!p_.FindEdition(p_.edition_)) {
      return edition_line_ ? LineError(edition_line_, "edition " + std::to_string(p_.edition_) + " declares no levels")
                           : PolicyError("no edition line, and edition 3 declares no levels");
    }
    for (const auto& r : p_.rules_) {
      const PolicyRule& info = r.info;
      if (info.edition != 0) {
        const Edition* e = p_.FindEdition(info.edition);
        if (!e) return LineError(info.line, "edition " + std::to_string(info.edition) + " declares no levels");
        if (!HasLevel(*e, info.needs_level)) {
          return LineError(info.line, "unknown level " + info.needs_level + " in edition " + std::to_string(info.edition));
        }
        continue;
      }
      for (const Edition& e : p_.edition_data_) {
        if (!HasLevel(e, info.needs_level)) {
          std::string hint = p_.edition_data_.size() > 1 ? " (a rule without an edition needs a level every edition has)" : "";
          return LineError(info.line, "unknown level " + info.needs_level + " in edition " + std::to_string(e.number) + hint);
        }
      }
    }
    for (const auto& u : flag_uses_) {
      if (!p_.HasFlag(u.flag)) return LineError(u.line, "unknown flag " + u.flag + " (declare it with a flag line)");
    }
    return Ok();
  }

  static bool HasLevel(const Edition& e, std::string_view code) {
    return std::any_of(e.levels.begin(), e.levels.end(), [&](const CareLevel& l) { return l.code == code; });
  }

  struct Floor {
    int edition = 0;  // 0 = every edition
    std::string level;
    int line = 0;
  };

  LevelOfCarePolicy p_;
  bool seen_policy_ = false;
  int edition_line_ = 0;
  std::vector<Floor> floors_;
  std::vector<FlagUse> flag_uses_;
};

Result<LevelOfCarePolicy> LevelOfCarePolicy::Parse(std::string_view text) { return PolicyParser().Run(text); }

}  // namespace stepwise::assessment
