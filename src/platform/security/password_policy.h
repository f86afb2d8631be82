// Password rules (OWASP ASVS 2.1): 12 to 128 characters, anything printable including spaces, no
// composition rules, no forced rotation; refused when it is a known common or breached password, a
// common password with digits added, the username, one character repeated, or a keyboard or number run.
//
// The blocklist comes from Debian packages that install-deps.sh installs: John the Ripper's list of
// common passwords (/usr/share/john/password.lst, john-data) and CrackLib's word list
// (/usr/share/dict/cracklib-small, cracklib-runtime). Missing files are skipped (and logged by the caller).
// Thread-safety: immutable after loading.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "platform/base/result.h"

namespace stepwise::security {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

class PasswordPolicy {
 public:
  // Loads the Debian lists named above; `missing` receives the paths that were not found.
  static PasswordPolicy LoadDefault(std::vector<std::string>* missing = nullptr);
  // Adds the lines of a file ("#!comment" lines skipped); false when it cannot be read.
  bool LoadFile(const std::string& path, bool common_passwords);
  void Block(std::string_view password, bool common_password = true);

  // OK, or an invalid-argument error naming `field`.
  Status Check(std::string_view password, std::string_view username, const std::string& field) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;   // lowercase, whole password
  std::unordered_set<std::string> common_;  // lowercase common passwords (also refused with digits added)
};

}  // namespace stepwise::security
