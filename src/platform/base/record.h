// The bookkeeping every mutable, organization-scoped record carries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise {

struct RecordMeta {
  std::string id;
  std::string org_id;
  std::int64_t version = 0;
  bool voided = false;
  std::string void_reason;
  std::string created_at;
  std::string updated_at;
};

struct Address {
  std::string line1, line2, city, state, postal_code;
  bool operator==(const Address&) const = default;
};

// Lowercases ASCII letters; other bytes (UTF-8) are kept as they are.
std::string AsciiLower(std::string_view text);

// Splits a name into lowercase search words: "García-López O'Neil" -> garcía-lópez, garcía, lópez,
// o'neil, oneil. Used for prefix search; duplicates removed.
std::vector<std::string> NameSearchTerms(std::string_view name);

// The first `n` characters (UTF-8 code points) of `text`, and how many characters `text` has.
std::string FirstCharacters(std::string_view text, std::size_t n);
std::size_t CharacterCount(std::string_view text);

}  // namespace stepwise
