#include "platform/security/crypto.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <mutex>

namespace stepwise::security {
namespace {

void Init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
    if (oath_init() != OATH_OK) std::abort();
  });
}

constexpr std::size_t kTotpStep = 30;

}  // namespace

std::string RandomToken(std::size_t bytes) {
  Init();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string Sha256Hex(std::string_view text) {
  Init();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  Init();
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> HashPassword(std::string_view password, const PasswordHashing& params) {
  Init();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), params.ops_limit, params.mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Unavailable("not enough memory to hash the password; try again");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  Init();
  std::string h(hash);  // needs a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string NewTotpSecret() {
  Init();
  std::array<char, 20> raw{};
  randombytes_buf(raw.data(), raw.size());
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_encode(raw.data(), raw.size(), &out, &len) != OATH_OK) std::abort();
  std::string secret(out, len);
  std::free(out);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  auto escape = [](std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
        out += static_cast<char>(c);
      } else {
        static const char* hex = "0123456789ABCDEF";
        out += '%';
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    return out;
  };
  return "otpauth://totp/" + escape(issuer) + ":" + escape(account) + "?secret=" + std::string(secret) +
         "&issuer=" + escape(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

namespace {

std::optional<std::string> DecodeSecret(std::string_view secret_base32) {
  Init();
  std::string padded(secret_base32);
  while (padded.size() % 8 != 0) padded += '=';
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_decode(padded.data(), padded.size(), &out, &len) != OATH_OK) return std::nullopt;
  std::string raw(out, len);
  std::free(out);
  return raw;
}

}  // namespace

std::optional<std::int64_t> MatchTotp(std::string_view secret_base32, std::string_view code, std::int64_t unix_time,
                                      int window) {
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  auto raw = DecodeSecret(secret_base32);
  if (!raw) return std::nullopt;
  std::string otp(code);
  int position = 0;
  std::uint64_t counter = 0;
  int rc = oath_totp_validate3(raw->data(), raw->size(), static_cast<time_t>(unix_time), kTotpStep, 0,
                               static_cast<std::size_t>(window), &position, &counter, otp.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string TotpCode(std::string_view secret_base32, std::int64_t unix_time) {
  auto raw = DecodeSecret(secret_base32);
  if (!raw) return "";
  std::array<char, 8> out{};
  if (oath_totp_generate(raw->data(), raw->size(), static_cast<time_t>(unix_time), kTotpStep, 0, 6, out.data()) !=
      OATH_OK) {
    return "";
  }
  return std::string(out.data());
}

std::string NewRecoveryCode() {
  Init();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";  // no i, l, o, 0, 1
  std::string code;
  for (int i = 0; i < 12; ++i) {
    if (i == 4 || i == 8) code += '-';
    code += kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)];
  }
  return code;
}

std::string NormalizeRecoveryCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace stepwise::security
