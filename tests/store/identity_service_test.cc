// Sign-in, sessions, throttling, MFA, tokens and emergency access on both engines, with a fake clock.
#include "platform/security/identity_service.h"

#include <gtest/gtest.h>

#include "care/admissions/client_service.h"
#include "care/program/program_service.h"
#include "platform/security/crypto.h"
#include "store/store_fixture.h"

namespace stepwise::security {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kPassword = "correct horse battery staple";

class IdentityServiceTest : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    passwords_.Block("password");
    program::ProgramService programs(database(), clock_);
    org_id_ = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Northstar", "America/Chicago"})->meta.id;
    // Cheap Argon2id parameters keep a hundred sign-ins fast (production's are tested in the unit tests).
    svc_ = std::make_unique<IdentityService>(database(), clock_, Policy::Default(), passwords_, SessionLimits{},
                                             PasswordHashing{1, 64 << 10});
    svc_->SetClientExists([](const Actor&, const std::string&) -> Result<bool> { return true; });
  }
  User Add(const std::string& username, std::vector<std::string> roles, bool emergency = false) {
    auto u =
        svc_->AddUserAsSystem(org_id_, {username, username + " Tester", kPassword, std::move(roles), "", emergency});
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    return *u;
  }
  std::int64_t UnixNow() const { return std::chrono::duration_cast<seconds>(clock_.Now().time_since_epoch()).count(); }
  std::int64_t AuditCount(const std::string& action, const std::string& outcome) {
    auto tx = database().Begin(db::Access::kRead);
    auto rs = (*tx)->Query("SELECT COUNT(*) FROM audit_events WHERE action = ? AND outcome = ?", {action, outcome});
    return rs->rows.at(0).Int(0);
  }
  Caller caller_{"127.0.0.1", "test", "req"};
  PasswordPolicy passwords_;
  std::string org_id_;
  std::unique_ptr<IdentityService> svc_;
};

TEST_P(IdentityServiceTest, SessionsEndAfter15IdleMinutesAnd12Hours) {
  Add("priya", {"counselor"});
  auto in = svc_->SignIn("Priya", kPassword, caller_);
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_EQ(in->status, "signed_in");
  EXPECT_GE(in->cookie_value.size(), 43u);  // 256 random bits
  clock_.Advance(minutes(14) + seconds(59));
  ASSERT_TRUE(svc_->AuthenticateSession(in->cookie_value, caller_).ok()) << "activity inside the idle limit";
  clock_.Advance(minutes(15) + seconds(1));
  auto idle = svc_->AuthenticateSession(in->cookie_value, caller_);
  ASSERT_FALSE(idle.ok());
  EXPECT_EQ(idle.error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(svc_->AuthenticateSession(in->cookie_value, caller_).ok()) << "an ended session stays ended";

  auto again = svc_->SignIn("priya", kPassword, caller_);
  ASSERT_TRUE(again.ok());
  for (int i = 0; i < 71; ++i) {  // active every 10 minutes for 11 h 50 min
    clock_.Advance(minutes(10));
    ASSERT_TRUE(svc_->AuthenticateSession(again->cookie_value, caller_).ok()) << i;
  }
  clock_.Advance(minutes(10) + seconds(1));
  EXPECT_FALSE(svc_->AuthenticateSession(again->cookie_value, caller_).ok()) << "the 12-hour absolute limit";
}

TEST_P(IdentityServiceTest, SignOutDestroysTheSessionServerSide) {
  Add("priya", {"counselor"});
  auto in = svc_->SignIn("priya", kPassword, caller_);
  ASSERT_TRUE(svc_->SignOut(in->cookie_value, caller_).ok());
  EXPECT_FALSE(svc_->AuthenticateSession(in->cookie_value, caller_).ok());
}

TEST_P(IdentityServiceTest, ThrottlingDelaysFailuresAndAnswersUnknownUsersTheSame) {
  Add("priya", {"counselor"});
  for (const std::string user : {"priya", "nobody"}) {
    for (int i = 0; i < 5; ++i) {
      auto r = svc_->SignIn(user, "wrong password here", caller_);
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated) << user << " " << i;
      EXPECT_EQ(r.error().message, "wrong username or password");
    }
    auto early = svc_->SignIn(user, kPassword, caller_);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, ErrorCode::kTooManyRequests) << user;
    EXPECT_GE(early.error().retry_after_seconds, 1);
  }
  clock_.Advance(seconds(2));
  auto ok = svc_->SignIn("priya", kPassword, caller_);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(AuditCount("sign_in", "failure"), 12);  // 10 wrong passwords, 2 refused early
}

TEST_P(IdentityServiceTest, A150AttemptBurstWithinAnHourIsRefusedOrDelayedAfterAFew) {
  int wrong = 0, refused = 0;
  for (int i = 0; i < 150; ++i) {  // one attempt every 24 seconds: 150 in an hour
    auto r = svc_->SignIn("target", "wrong password here", caller_);
    ASSERT_FALSE(r.ok());
    if (r.error().code == ErrorCode::kUnauthenticated) ++wrong;
    if (r.error().code == ErrorCode::kTooManyRequests) ++refused;
    clock_.Advance(seconds(24));
  }
  EXPECT_LE(wrong, 100);
  EXPECT_LT(wrong, 30) << "doubling delays (up to 5 minutes) let only a few guesses through";
  EXPECT_EQ(wrong + refused, 150);
  EXPECT_EQ(AuditCount("sign_in", "failure"), 150) << "every failure and refusal is audited";
}

TEST_P(IdentityServiceTest, MfaCodesAreSingleUseAndShortLived) {
  Add("karen", {"program_director"});
  const std::string secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  ASSERT_TRUE(svc_->SetMfaSecretAsSystem("karen", secret).ok());
  auto pending = svc_->SignIn("karen", kPassword, caller_);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->status, "mfa_required");
  EXPECT_FALSE(svc_->AuthenticateSession(pending->cookie_value, caller_).ok()) << "half signed in is not signed in";
  auto stale = svc_->CompleteMfa(pending->cookie_value, TotpCode(secret, UnixNow() - 120), caller_);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kUnauthenticated);
  const std::string code = TotpCode(secret, UnixNow());
  auto done = svc_->CompleteMfa(pending->cookie_value, code, caller_);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->status, "signed_in");
  EXPECT_NE(done->cookie_value, pending->cookie_value) << "a new session id once fully signed in";
  EXPECT_FALSE(svc_->AuthenticateSession(pending->cookie_value, caller_).ok());

  auto second = svc_->SignIn("karen", kPassword, caller_);
  auto reused = svc_->CompleteMfa(second->cookie_value, code, caller_);
  ASSERT_FALSE(reused.ok()) << "the same code twice";
  EXPECT_NE(reused.error().message.find("already used"), std::string::npos);
}

TEST_P(IdentityServiceTest, RolesThatRequireMfaMustEnrolAndRecoveryCodesWorkOnce) {
  Add("linda", {"privacy_officer"});
  auto in = svc_->SignIn("linda", kPassword, caller_);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->status, "mfa_enrollment_required");
  auto auth = svc_->AuthenticateSession(in->cookie_value, caller_);
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(auth->state, SessionState::kMfaEnrollment);
  auto e = svc_->EnrollMfa(auth->actor);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->otpauth_uri.starts_with("otpauth://totp/Stepwise:linda?secret="));
  EXPECT_FALSE(svc_->ConfirmMfa(auth->actor, "000000").ok());
  auto codes = svc_->ConfirmMfa(auth->actor, TotpCode(e->secret, UnixNow()));
  ASSERT_TRUE(codes.ok());
  ASSERT_EQ(codes->size(), 10u);
  EXPECT_EQ(svc_->AuthenticateSession(in->cookie_value, caller_)->state, SessionState::kActive);

  clock_.Advance(minutes(1));
  auto next = svc_->SignIn("linda", kPassword, caller_);
  auto with_recovery = svc_->CompleteMfa(next->cookie_value, codes->at(3), caller_);
  ASSERT_TRUE(with_recovery.ok()) << with_recovery.error().message;
  auto again = svc_->SignIn("linda", kPassword, caller_);
  EXPECT_FALSE(svc_->CompleteMfa(again->cookie_value, codes->at(3), caller_).ok()) << "a recovery code works once";
}

TEST_P(IdentityServiceTest, TokensActAsTheirUserAndStopWhenRevokedExpiredOrDisabled) {
  User u = Add("tom", {"counselor"});
  auto in = svc_->SignIn("tom", kPassword, caller_);
  auto actor = svc_->AuthenticateSession(in->cookie_value, caller_)->actor;
  auto t = svc_->CreateToken(actor, "reports", 2);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->secret.starts_with("swt_"));
  auto as = svc_->AuthenticateToken(t->secret, caller_);
  ASSERT_TRUE(as.ok());
  EXPECT_EQ(as->actor.permissions, actor.permissions) << "never more than the user";
  EXPECT_EQ(as->actor.client_scope, ClientScope::kCaseload);
  EXPECT_FALSE(svc_->CreateToken(as->actor, "another", 5).ok()) << "tokens cannot mint tokens";
  EXPECT_FALSE(svc_->AuthenticateToken("swt_" + std::string(43, 'x'), caller_).ok());
  EXPECT_FALSE(svc_->AuthenticateToken("Bearer nonsense", caller_).ok());

  auto t2 = svc_->CreateToken(actor, "short", 1);
  clock_.Advance(hours(24) + seconds(1));
  EXPECT_FALSE(svc_->AuthenticateToken(t2->secret, caller_).ok()) << "expired";
  ASSERT_TRUE(svc_->RevokeToken(actor, t->token.id).ok());
  EXPECT_FALSE(svc_->AuthenticateToken(t->secret, caller_).ok()) << "revoked";

  auto t3 = svc_->CreateToken(actor, "third", 5);
  Actor admin = stepwise::testing::TestActor(org_id_, "admin");
  ASSERT_TRUE(svc_->UpdateUser(admin, u.meta.id, u.meta.version + 1, {u.display_name, u.roles, "", false, true}).ok());
  EXPECT_FALSE(svc_->AuthenticateToken(t3->secret, caller_).ok()) << "disabled user";
}

TEST_P(IdentityServiceTest, APasswordChangeCanEndTheOtherSessions) {
  Add("renee", {"counselor"});
  auto a = svc_->SignIn("renee", kPassword, caller_);
  auto b = svc_->SignIn("renee", kPassword, caller_);
  auto actor = svc_->AuthenticateSession(a->cookie_value, caller_)->actor;
  auto weak = svc_->ChangeMyPassword(actor, kPassword, "password", true);
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().fields.at(0).field, "new_password");
  EXPECT_EQ(svc_->ChangeMyPassword(actor, "not it at all!", "another long passphrase", true).error().fields.at(0).field,
            "current_password");
  ASSERT_TRUE(svc_->ChangeMyPassword(actor, kPassword, "another long passphrase", true).ok());
  EXPECT_TRUE(svc_->AuthenticateSession(a->cookie_value, caller_).ok());
  EXPECT_FALSE(svc_->AuthenticateSession(b->cookie_value, caller_).ok());
  EXPECT_FALSE(svc_->SignIn("renee", kPassword, caller_).ok());
  EXPECT_TRUE(svc_->SignIn("renee", "another long passphrase", caller_).ok());
}

TEST_P(IdentityServiceTest, ConfirmingOnesPasswordIsThrottledAndAudited) {
  Add("tom", {"counselor"});
  auto s = svc_->SignIn("tom", kPassword, caller_);
  auto actor = svc_->AuthenticateSession(s->cookie_value, caller_)->actor;
  ASSERT_TRUE(svc_->VerifyMyPassword(actor, kPassword).ok());
  EXPECT_EQ(AuditCount("confirm_password", "success"), 1);
  auto empty = svc_->VerifyMyPassword(actor, "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().fields.at(0).field, "password");
  for (int i = 0; i < 5; ++i) {
    auto wrong = svc_->VerifyMyPassword(actor, "not tom's password at all");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(wrong.error().fields.at(0).field, "password");
  }
  // After five failures in a row even the right password waits, as at sign-in.
  EXPECT_EQ(svc_->VerifyMyPassword(actor, kPassword).error().code, ErrorCode::kTooManyRequests);
  clock_.Advance(seconds(2));
  EXPECT_TRUE(svc_->VerifyMyPassword(actor, kPassword).ok());
  Actor nobody;
  EXPECT_EQ(svc_->VerifyMyPassword(nobody, kPassword).error().code, ErrorCode::kUnauthenticated);
}

TEST_P(IdentityServiceTest, EmergencyAccessIsDesignatedReasonedTimeBoxedAndAlerted) {
  Add("marcus", {"therapist"});
  Add("julia", {"medical"}, /*emergency=*/true);
  admissions::ClientService clients(database(), clock_);
  admissions::Client c;
  c.legal_name = {"Maria", "", "Lopez"};
  c.birth_date = *ParseDate("1988-04-17");
  auto created = clients.Create(stepwise::testing::TestActor(org_id_), c);
  ASSERT_TRUE(created.ok());
  const std::string client = created->summary.client.meta.id;
  auto marcus = svc_->AuthenticateSession(svc_->SignIn("marcus", kPassword, caller_)->cookie_value, caller_)->actor;
  auto refused = svc_->OpenEmergencyAccess(marcus, client, "patient collapsed in group");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);

  const std::string secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  ASSERT_TRUE(svc_->SetMfaSecretAsSystem("julia", secret).ok());
  auto pending = svc_->SignIn("julia", kPassword, caller_);
  auto julia =
      svc_->AuthenticateSession(
              svc_->CompleteMfa(pending->cookie_value, TotpCode(secret, UnixNow()), caller_)->cookie_value, caller_)
          ->actor;
  EXPECT_EQ(svc_->OpenEmergencyAccess(julia, client, "short").error().fields.at(0).field, "reason");
  auto grant = svc_->OpenEmergencyAccess(julia, client, "client collapsed in group; need allergies");
  ASSERT_TRUE(grant.ok()) << grant.error().message;
  {
    auto tx = database().Begin(db::Access::kRead);
    auto ids = svc_->EmergencyClients(**tx, julia);
    ASSERT_EQ(ids->size(), 1u);
    EXPECT_EQ(ids->front(), client);
  }
  auto alerts = svc_->ListAlerts(julia);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_NE(alerts->front().message.find("need allergies"), std::string::npos);
  EXPECT_EQ(AuditCount("emergency_access", "success"), 1);
  clock_.Advance(minutes(60) + seconds(1));
  auto tx = database().Begin(db::Access::kRead);
  EXPECT_TRUE(svc_->EmergencyClients(**tx, julia)->empty()) << "access ends after 60 minutes";
}

TEST_P(IdentityServiceTest, UsernamesAreUniqueAndRolesComeFromThePolicy) {
  Add("diego", {"intake_specialist"});
  Actor admin = stepwise::testing::TestActor(org_id_, "admin");
  auto dup = svc_->CreateUser(admin, {"DIEGO", "Diego Two", kPassword, {"counselor"}, "", false});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  auto bad = svc_->CreateUser(admin, {"x", "", "short", {"wizard"}, "", false});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"username", "display_name", "password", "roles[0]"}));
}

STORE_TEST_P(IdentityServiceTest);

}  // namespace
}  // namespace stepwise::security
