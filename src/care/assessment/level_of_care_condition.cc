#include "care/assessment/level_of_care_condition.h"

#include <cctype>
#include <charconv>

namespace stepwise::assessment {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
}

Error Bad(std::string message) { return Error::InvalidArgument(std::move(message)); }

std::optional<int> ToInt(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '#') {
      break;
    } else if (c == '"') {
      std::size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) return Bad("a quoted text has no closing \"");
      out.push_back({std::string(line.substr(i + 1, close - i - 1)), true, i, close + 1});
      i = close + 1;
    } else if (c == '>' || c == '<') {
      std::size_t n = (i + 1 < line.size() && line[i + 1] == '=') ? 2 : 1;
      out.push_back({std::string(line.substr(i, n)), false, i, i + n});
      i += n;
    } else if (c == '=' || c == '(' || c == ')') {
      out.push_back({std::string(1, c), false, i, i + 1});
      ++i;
    } else if (IsWordChar(c)) {
      std::size_t j = i;
      while (j < line.size() && IsWordChar(line[j])) ++j;
      out.push_back({std::string(line.substr(i, j - i)), false, i, j});
      i = j;
    } else {
      return Bad(std::string("unexpected character '") + c + "'");
    }
  }
  return out;
}

namespace detail {
namespace {

std::optional<Op> ToOp(const Token& t) {
  if (t.quoted) return std::nullopt;
  if (t.text == ">=") return Op::kGe;
  if (t.text == "<=") return Op::kLe;
  if (t.text == "=") return Op::kEq;
  if (t.text == ">") return Op::kGt;
  if (t.text == "<") return Op::kLt;
  return std::nullopt;
}

bool Compare(int left, Op op, int right) {
  switch (op) {
    case Op::kGe: return left >= right;
    case Op::kLe: return left <= right;
    case Op::kEq: return left == right;
    case Op::kGt: return left > right;
    case Op::kLt: return left < right;
  }
  return false;
}

// Recursive descent over the tokens: or := and ('or' and)*; and := unary ('and' unary)*;
// unary := 'not' unary | '(' or ')' | atom.
class ConditionParser {
 public:
  explicit ConditionParser(const std::vector<Token>& tokens) : t_(tokens) {}

  Result<Condition> Whole() {
    if (t_.empty()) return Bad("bad condition: the condition is empty");
    SW_ASSIGN(Condition c, Or());
    if (pos_ < t_.size()) return Bad("bad condition: unexpected '" + t_[pos_].text + "'");
    return c;
  }

 private:
  bool At(std::string_view word) const { return pos_ < t_.size() && !t_[pos_].quoted && t_[pos_].text == word; }
  std::string Next() const { return pos_ < t_.size() ? "'" + t_[pos_].text + "'" : "the end of the condition"; }

  Result<Condition> Or() { return Chain(Condition::Kind::kOr, "or"); }
  Result<Condition> And() { return Chain(Condition::Kind::kAnd, "and"); }

  Result<Condition> Chain(Condition::Kind kind, std::string_view word) {
    SW_ASSIGN(Condition first, kind == Condition::Kind::kOr ? And() : Unary());
    if (!At(word)) return first;
    Condition c;
    c.kind = kind;
    c.operands.push_back(std::move(first));
    while (At(word)) {
      ++pos_;
      SW_ASSIGN(Condition next, kind == Condition::Kind::kOr ? And() : Unary());
      c.operands.push_back(std::move(next));
    }
    return c;
  }

  Result<Condition> Unary() {
    if (At("not")) {
      ++pos_;
      SW_ASSIGN(Condition inner, Unary());
      Condition c;
      c.kind = Condition::Kind::kNot;
      c.operands.push_back(std::move(inner));
      return c;
    }
    if (At("(")) {
      ++pos_;
      SW_ASSIGN(Condition inner, Or());
      if (!At(")")) return Bad("bad condition: expected ')' but found " + Next());
      ++pos_;
      return inner;
    }
    return Atom();
  }

  // <op> <rating 0..4>
  Status RatingComparison(Condition& c, std::string_view after) {
    std::optional<Op> op = pos_ < t_.size() ? ToOp(t_[pos_]) : std::nullopt;
    if (!op) return Bad("bad condition: expected >=, <=, =, > or < after " + std::string(after) + " but found " + Next());
    ++pos_;
    std::optional<int> v = pos_ < t_.size() && !t_[pos_].quoted ? ToInt(t_[pos_].text) : std::nullopt;
    if (!v || *v < 0 || *v > 4) return Bad("bad condition: expected a rating 0-4 after " + std::string(after) + " but found " + Next());
    ++pos_;
    c.op = *op;
    c.value = *v;
    return Ok();
  }

  Result<Condition> Atom() {
    Condition c;
    if (pos_ >= t_.size()) return Bad("bad condition: expected a condition but found the end of the condition");
    const Token& t = t_[pos_];
    if (t.quoted) return Bad("bad condition: unexpected quoted text \"" + t.text + "\"");
    if (t.text == "flag") {
      ++pos_;
      if (pos_ >= t_.size() || t_[pos_].quoted || ToOp(t_[pos_]) || At("(") || At(")")) {
        return Bad("bad condition: expected a flag code after 'flag' but found " + Next());
      }
      c.kind = Condition::Kind::kFlag;
      c.flag = t_[pos_++].text;
      return c;
    }
    if (t.text == "any" || t.text == "all") {
      c.kind = t.text == "any" ? Condition::Kind::kAny : Condition::Kind::kAll;
      ++pos_;
      if (!At("D")) return Bad("bad condition: expected D after '" + t.text + "' but found " + Next());
      ++pos_;
      SW_TRY(RatingComparison(c, "'" + t.text + " D'"));
      return c;
    }
    if (t.text == "count") {
      c.kind = Condition::Kind::kCount;
      ++pos_;
      if (!At("(")) return Bad("bad condition: expected 'count(D <op> <rating>) <op> <number>' but found " + Next());
      ++pos_;
      if (!At("D")) return Bad("bad condition: expected D after 'count(' but found " + Next());
      ++pos_;
      SW_TRY(RatingComparison(c, "'count(D'"));
      if (!At(")")) return Bad("bad condition: expected ')' after the comparison in count(...) but found " + Next());
      ++pos_;
      std::optional<Op> op = pos_ < t_.size() ? ToOp(t_[pos_]) : std::nullopt;
      if (!op) return Bad("bad condition: expected >=, <=, =, > or < after count(...) but found " + Next());
      ++pos_;
      std::optional<int> n = pos_ < t_.size() && !t_[pos_].quoted ? ToInt(t_[pos_].text) : std::nullopt;
      if (!n || *n < 0 || *n > 6) return Bad("bad condition: expected a number 0-6 after count(...) " + t_[pos_ - 1].text + " but found " + Next());
      ++pos_;
      c.count_op = *op;
      c.count_value = *n;
      return c;
    }
    if (t.text.size() == 2 && t.text[0] == 'D' && t.text[1] >= '1' && t.text[1] <= '6') {
      c.kind = Condition::Kind::kRating;
      c.dimension = t.text[1] - '0';
      ++pos_;
      SW_TRY(RatingComparison(c, "'" + t.text + "'"));
      return c;
    }
    if (t.text.size() >= 2 && (t.text[0] == 'D' || t.text[0] == 'd') && std::isdigit(static_cast<unsigned char>(t.text[1])) != 0) {
      return Bad("bad condition: unknown dimension '" + t.text + "' (dimensions are D1 to D6)");
    }
    return Bad("bad condition: expected D1..D6, flag, any, all, count, not or '(' but found '" + t.text + "'");
  }

  const std::vector<Token>& t_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<Condition> ParseCondition(const std::vector<Token>& tokens) { return ConditionParser(tokens).Whole(); }

void CollectFlags(const Condition& c, std::vector<std::string>& out) {
  if (c.kind == Condition::Kind::kFlag) out.push_back(c.flag);
  for (const auto& o : c.operands) CollectFlags(o, out);
}

bool Holds(const Condition& c, const LevelOfCareInput& input) {
  switch (c.kind) {
    case Condition::Kind::kAnd:
      for (const auto& o : c.operands) {
        if (!Holds(o, input)) return false;
      }
      return true;
    case Condition::Kind::kOr:
      for (const auto& o : c.operands) {
        if (Holds(o, input)) return true;
      }
      return false;
    case Condition::Kind::kNot:
      return !Holds(c.operands.front(), input);
    case Condition::Kind::kFlag:
      return input.flags.count(c.flag) > 0;
    case Condition::Kind::kRating: {
      const auto& r = input.ratings[static_cast<std::size_t>(c.dimension - 1)];
      return r.has_value() && Compare(*r, c.op, c.value);
    }
    case Condition::Kind::kAny:
    case Condition::Kind::kAll:
    case Condition::Kind::kCount: {
      int rated = 0;
      int matching = 0;
      for (const auto& r : input.ratings) {
        if (!r) continue;
        ++rated;
        if (Compare(*r, c.op, c.value)) ++matching;
      }
      if (c.kind == Condition::Kind::kAny) return matching > 0;
      if (c.kind == Condition::Kind::kAll) return rated == 6 && matching == 6;
      return Compare(matching, c.count_op, c.count_value);
    }
  }
  return false;
}

}  // namespace detail
}  // namespace stepwise::assessment
