// The conditions of level-of-care rules: parsed from a line's tokens, evaluated against ratings and flags.
// Internal to level_of_care.cc and its parser. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "care/assessment/level_of_care.h"
#include "platform/base/result.h"

namespace stepwise::assessment {

// One token of a policy line: a word ("D1", "2.1", "needs"), an operator (">=", "(") or a quoted text.
struct Token {
  std::string text;
  bool quoted = false;
  std::size_t begin = 0;  // byte offsets in the line, for quoting the source of a condition
  std::size_t end = 0;
};

// Splits a line into tokens; stops at a # outside quotes. The error text says what is wrong.
Result<std::vector<Token>> Tokenize(std::string_view line);

namespace detail {

enum class Op { kGe, kLe, kEq, kGt, kLt };

struct Condition {
  enum class Kind { kAnd, kOr, kNot, kRating, kFlag, kAny, kAll, kCount };
  Kind kind = Kind::kFlag;
  std::vector<Condition> operands;  // kAnd, kOr (two or more), kNot (one)
  int dimension = 0;                // kRating: 1..6
  Op op = Op::kGe;                  // kRating, kAny, kAll, kCount: how a rating compares with `value`
  int value = 0;
  Op count_op = Op::kGe;            // kCount: how the count compares with `count_value`
  int count_value = 0;
  std::string flag;                 // kFlag
};

// Parses tokens [0, size) as a whole condition. The error text says what is wrong.
Result<Condition> ParseCondition(const std::vector<Token>& tokens);
// The flag codes a condition mentions, for checking them against the declared flags.
void CollectFlags(const Condition& c, std::vector<std::string>& out);
// Whether the condition holds. Unrated dimensions make every comparison false.
bool Holds(const Condition& c, const LevelOfCareInput& input);

}  // namespace detail
}  // namespace stepwise::assessment
