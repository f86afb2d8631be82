#include "platform/base/record.h"

#include <algorithm>

namespace stepwise {

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> NameSearchTerms(std::string_view name) {
  std::vector<std::string> out;
  auto add = [&](std::string t) {
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  };
  std::string lower = AsciiLower(name);
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == ',' || lower[i] == '.')) ++i;
    std::size_t j = i;
    while (j < lower.size() && lower[j] != ' ' && lower[j] != ',' && lower[j] != '.') ++j;
    if (j > i) {
      std::string word = lower.substr(i, j - i);
      add(word);
      std::string joined;
      std::string part;
      for (char c : word) {
        if (c == '-' || c == '\'') {
          add(part);
          part.clear();
        } else {
          part.push_back(c);
          joined.push_back(c);
        }
      }
      add(part);
      add(joined);
    }
    i = j;
  }
  return out;
}

namespace {
bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

std::string FirstCharacters(std::string_view text, std::size_t n) {
  std::size_t i = 0, seen = 0;
  while (i < text.size()) {
    if (!IsContinuation(text[i]) && seen++ == n) break;
    ++i;
  }
  return std::string(text.substr(0, i));
}

std::size_t CharacterCount(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuation(c); }));
}

}  // namespace stepwise
