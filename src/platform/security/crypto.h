// Crypto helpers on libsodium and liboath: random secrets, SHA-256, Argon2id password hashes, TOTP.
// Thread-safety: all functions are safe to call concurrently (libsodium is initialised once).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/base/result.h"

namespace stepwise::security {

// `bytes` random bytes as unpadded base64url (a session id, an API token body).
std::string RandomToken(std::size_t bytes = 32);
// SHA-256 of `text` as 64 lowercase hex digits (how sessions, tokens and recovery codes are stored).
std::string Sha256Hex(std::string_view text);
// Compares two strings in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Argon2id parameters: at or above OWASP's reference (m = 19 MiB, t = 2, p = 1).
struct PasswordHashing {
  std::uint64_t ops_limit = 2;
  std::size_t mem_limit = 64u << 20;  // 64 MiB
};
Result<std::string> HashPassword(std::string_view password, const PasswordHashing& params = {});
bool VerifyPassword(std::string_view hash, std::string_view password);

// TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps).
std::string NewTotpSecret();  // 160 random bits, base32
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret_base32);
// The time step (unix time / 30) whose code equals `code`, within ±`window` steps of `unix_time`;
// nullopt when none does or the input is malformed.
std::optional<std::int64_t> MatchTotp(std::string_view secret_base32, std::string_view code, std::int64_t unix_time,
                                      int window = 1);
std::string TotpCode(std::string_view secret_base32, std::int64_t unix_time);  // for tests and the demo

// Ten recovery codes "xxxx-xxxx-xxxx" (lowercase letters and digits without look-alikes).
std::string NewRecoveryCode();
// Normalizes typed recovery codes: lowercase, spaces removed.
std::string NormalizeRecoveryCode(std::string_view code);

}  // namespace stepwise::security
