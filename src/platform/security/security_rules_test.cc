// Pure security rules: the policy file, password rules, TOTP (RFC 6238 vectors), hashing parameters.
#include <gtest/gtest.h>

#include "platform/security/crypto.h"
#include "platform/security/password_policy.h"
#include "platform/security/policy.h"

namespace stepwise::security {
namespace {

TEST(Policy, TheCompiledInPolicyParsesAndDeniesByDefault) {
  auto parsed = Policy::Parse(
      "permission clients.read demographics Read clients\n"
      "role counselor scope=caseload mfa=optional clients.read\n"
      "role administrator scope=none mfa=required\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const Policy& p = Policy::Default();
  EXPECT_GE(p.roles().size(), 8u);
  EXPECT_TRUE(p.Allows({"counselor"}, "clients.read"));
  EXPECT_FALSE(p.Allows({"counselor"}, "users.admin"));
  EXPECT_FALSE(p.Allows({"administrator"}, "clients.read")) << "administrators manage accounts, not charts";
  EXPECT_FALSE(p.Allows({"no_such_role"}, "clients.read"));
  auto g = p.Resolve({"counselor", "program_director"});
  EXPECT_EQ(g.scope, ClientScope::kProgram) << "the widest scope wins";
  EXPECT_TRUE(g.mfa_required);
  EXPECT_TRUE(std::is_sorted(g.permissions.begin(), g.permissions.end()));
}

TEST(Policy, ErrorsNameTheLine) {
  auto bad = Policy::Parse("permission a.b cat Label\nrole x scope=wide mfa=optional a.b\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().fields.at(0).message.find("line 2"), std::string::npos);
  auto unknown = Policy::Parse("role x scope=none mfa=optional not.declared\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().fields.at(0).message.find("not.declared"), std::string::npos);
  EXPECT_FALSE(Policy::Parse("# nothing\n").ok());
}

TEST(PasswordPolicy, LengthBlocklistUsernameAndRepeats) {
  PasswordPolicy p;
  p.Block("password");
  p.Block("qwertyuiopasdf");
  struct Case {
    std::string password;
    bool ok;
  };
  const std::vector<Case> cases = {
      {"short pass", false},                 // 10 characters
      {"exactly12chr", true},                // 12 is enough; no composition rules
      {std::string(64, 'a') + "b", true},    // at least 64 accepted
      {std::string(128, 'x') + "y", false},  // over 128
      {std::string(127, 'x') + "y", true},   // 128 exactly
      {"QWERTYUIOPASDF", false},             // blocklisted, any case
      {"password12345678", false},           // a common password with digits added
      {"aaaaaaaaaaaaaaaa", false},           // one character repeated
      {"my name is alice!", false},          // contains the username
      {"correct horse battery staple", true},
  };
  for (const auto& c : cases) {
    auto s = p.Check(c.password, "alice", "password");
    EXPECT_EQ(s.ok(), c.ok) << c.password;
    if (!s.ok()) {
      EXPECT_EQ(s.error().fields.at(0).field, "password");
    }
  }
}

TEST(PasswordPolicy, DebianListsCatchCommonPasswords) {
  std::vector<std::string> missing;
  auto p = PasswordPolicy::LoadDefault(&missing);
  if (!missing.empty()) GTEST_SKIP() << "blocklist not installed: " << missing.front();
  EXPECT_GT(p.size(), 10000u);
  EXPECT_FALSE(p.Check("password1234", "", "password").ok());
  EXPECT_FALSE(p.Check("1234567890123", "", "password").ok());
}

TEST(Crypto, TotpMatchesRfc6238VectorsAndRejectsOthers) {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890" (base32 below), 8-digit codes truncated
  // to their last 6 digits.
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(TotpCode(secret, 59), "287082");
  EXPECT_EQ(TotpCode(secret, 1111111109), "081804");
  EXPECT_EQ(TotpCode(secret, 2000000000), "279037");
  EXPECT_EQ(MatchTotp(secret, "081804", 1111111109), 1111111109 / 30);
  EXPECT_EQ(MatchTotp(secret, "081804", 1111111109 + 30), 1111111109 / 30) << "one step of clock drift";
  EXPECT_FALSE(MatchTotp(secret, "081804", 1111111109 + 90)) << "an expired code";
  EXPECT_FALSE(MatchTotp(secret, "12345", 59));
  EXPECT_FALSE(MatchTotp(secret, "abcdef", 59));
  EXPECT_FALSE(MatchTotp("not base32!", "287082", 59));
}

TEST(Crypto, Argon2idAtOrAboveTheReferenceWithUniqueSalts) {
  auto a = HashPassword("correct horse battery staple");
  auto b = HashPassword("correct horse battery staple");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *a;
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*a, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*a, "correct horse battery stapler"));
  EXPECT_EQ(a->find("correct"), std::string::npos);
}

TEST(Crypto, TokensAreLongRandomAndHashedToHex) {
  auto t1 = RandomToken(32), t2 = RandomToken(32);
  EXPECT_NE(t1, t2);
  EXPECT_EQ(t1.size(), 43u);  // 256 bits, base64url without padding
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto code = NewRecoveryCode();
  EXPECT_EQ(code.size(), 14u);
  EXPECT_EQ(NormalizeRecoveryCode(" ABCD-efgh "), "abcd-efgh");
}

}  // namespace
}  // namespace stepwise::security
