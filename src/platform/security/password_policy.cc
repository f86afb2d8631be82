#include "platform/security/password_policy.h"

#include <algorithm>
#include <fstream>

#include "platform/base/record.h"

namespace stepwise::security {

PasswordPolicy PasswordPolicy::LoadDefault(std::vector<std::string>* missing) {
  PasswordPolicy p;
  for (const auto& [path, common] :
       {std::pair{"/usr/share/john/password.lst", true}, std::pair{"/usr/share/dict/cracklib-small", false}}) {
    if (!p.LoadFile(path, common) && missing) missing->push_back(path);
  }
  return p;
}

bool PasswordPolicy::LoadFile(const std::string& path, bool common_passwords) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("#!comment")) continue;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) Block(line, common_passwords);
  }
  return true;
}

void PasswordPolicy::Block(std::string_view password, bool common_password) {
  std::string lower = AsciiLower(password);
  if (common_password && lower.size() >= 4) common_.insert(lower);
  words_.insert(std::move(lower));
}

Status PasswordPolicy::Check(std::string_view password, std::string_view username, const std::string& field) const {
  const std::size_t length = CharacterCount(password);
  if (length < kMinPasswordLength) {
    return Error::Field(field, "must be at least 12 characters; a few unrelated words make a strong one");
  }
  if (length > kMaxPasswordLength) return Error::Field(field, "must be at most 128 characters");
  const std::string lower = AsciiLower(password);
  if (words_.contains(lower)) return Error::Field(field, "is a commonly used password; choose another");
  std::string base = lower;
  while (!base.empty() && (std::isdigit(static_cast<unsigned char>(base.back())) || base.back() == '!')) {
    base.pop_back();
  }
  if (base != lower && common_.contains(base)) {
    return Error::Field(field, "is a common password with digits added; choose another");
  }
  if (!username.empty() && lower.find(AsciiLower(username)) != std::string::npos) {
    return Error::Field(field, "must not contain the username");
  }
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower.front(); })) {
    return Error::Field(field, "must not be one character repeated");
  }
  static const std::string kRuns[] = {
      "01234567890123456789012345678901234567890123456789",
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
      "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
      "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
  };
  const std::string reversed(lower.rbegin(), lower.rend());
  for (const auto& run : kRuns) {
    if (run.find(lower) != std::string::npos || run.find(reversed) != std::string::npos) {
      return Error::Field(field, "must not be a keyboard or number sequence");
    }
  }
  return Ok();
}

}  // namespace stepwise::security
