// Part 2 consents, court orders and disclosures on both engines: activation names every missing element and
// changes nothing; revocation stops disclosure at once; each refusal carries its reason code and is audited;
// a legal-proceedings refusal raises a privacy alert; the accounting keeps every disclosure in its window.
#include "care/consent/consent_service.h"

#include <gtest/gtest.h>

#include "care/consent/disclosure_sections.h"
#include "care/consent/disclosure_service.h"
#include "care/program/program_service.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::consent {
namespace {

using std::chrono::days;
using std::chrono::hours;

class ConsentServiceTest : public stepwise::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    Build(clock_);
  }
  // (Re)builds the services on `clock` with an organization and one client.
  void Build(const Clock& clock) {
    program::ProgramService programs(database(), clock);
    auto org = programs.AddOrganization(stepwise::testing::TestActor(""), {{}, "Northstar Recovery IOP", "America/Chicago"});
    actor_ = stepwise::testing::TestActor(org->meta.id);
    clients_ = std::make_unique<admissions::ClientService>(database(), clock);
    admissions::Client c;
    c.legal_name = {"Maria", "", "Lopez"};
    c.birth_date = *ParseDate("1988-04-17");
    client_id_ = clients_->Create(actor_, c)->summary.client.meta.id;
    consents_ = std::make_unique<ConsentService>(database(), clock, *clients_);
    disclosures_ = std::make_unique<DisclosureService>(database(), clock, *clients_);
    AddStandardSections(*disclosures_);
  }
  Consent Draft() {
    Consent c;
    c.categories = {"attendance", "demographics"};
    c.information_description = "Attendance dates and contact details";
    c.recipient = {"person", "family", "Jane Smith", "", "12 Elm St", "sister"};
    c.purpose_code = "family_involvement";
    c.expiration = {"date", ParseDate("2030-01-01"), ""};
    return c;
  }
  documents::Signature ClientSignature() {
    documents::Signature s;
    s.role = "client";
    s.signer_name = "Maria Lopez";
    s.method = "typed";
    return s;
  }
  ConsentView Active(Date signed_on) {
    auto draft = consents_->Create(actor_, client_id_, Draft());
    EXPECT_TRUE(draft.ok()) << draft.error().message;
    auto v = consents_->Activate(actor_, draft->consent.meta.id, 1, ClientSignature(), signed_on, {"test", "127.0.0.1"});
    EXPECT_TRUE(v.ok()) << v.error().message;
    return *v;
  }
  DisclosureRequest Request(const std::string& consent_id) {
    return {.client_id = client_id_,
            .consent_id = consent_id,
            .recipient_name = "Jane Smith",
            .purpose = "family_involvement",
            .categories = {"demographics"},
            .description = "Contact details for the family session",
            .channel = "pdf"};
  }
  std::int64_t Count(const std::string& sql) {
    auto rs = database().Begin(db::Access::kRead).value()->Query(sql);
    return rs->rows.at(0).Int(0);
  }
  Actor actor_;
  std::string client_id_;
  std::unique_ptr<admissions::ClientService> clients_;
  std::unique_ptr<ConsentService> consents_;
  std::unique_ptr<DisclosureService> disclosures_;
};

TEST_P(ConsentServiceTest, ActivationNamesEveryMissingElementAndChangesNothing) {
  auto draft = consents_->Create(actor_, client_id_, Consent{});
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->consent.discloser, "Northstar Recovery IOP");  // defaults filled
  auto refused = consents_->Activate(actor_, draft->consent.meta.id, 1, {}, std::nullopt, {});
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const auto& f : refused.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"information.categories", "information.description", "recipient.kind",
                                              "recipient.category", "recipient.name", "purpose.code",
                                              "expiration.kind", "signature", "signed_on"}));
  auto again = consents_->Get(actor_, draft->consent.meta.id);
  EXPECT_EQ(again->status_now, "draft");
  EXPECT_EQ(again->consent.meta.version, 1);
  EXPECT_TRUE(again->signatures.empty());
}

TEST_P(ConsentServiceTest, ActivatesWithASignatureThatHashesTheConsentText) {
  auto v = Active(*ParseDate("2026-11-01"));
  EXPECT_EQ(v.status_now, "active");
  ASSERT_EQ(v.signatures.size(), 1u);
  EXPECT_EQ(v.signatures[0].content_sha256.size(), 64u);
  EXPECT_EQ(v.consent.signer_name, "Maria Lopez");
  EXPECT_FALSE(v.expiring_soon);
  // An active consent is not edited or voided: it is revoked.
  EXPECT_EQ(consents_->Update(actor_, v.consent.meta.id, Draft(), 2).error().code, ErrorCode::kConflict);
  EXPECT_EQ(consents_->Void(actor_, v.consent.meta.id, 2, "entered in error").error().code, ErrorCode::kConflict);
}

TEST_P(ConsentServiceTest, DisclosesWithTheNoticeAndRecordsIt) {
  auto v = Active(*ParseDate("2026-11-01"));
  auto packet = disclosures_->Disclose(actor_, Request(v.consent.meta.id));
  ASSERT_TRUE(packet.ok()) << packet.error().message;
  EXPECT_EQ(packet->notice.version, "2024");
  EXPECT_EQ(packet->authority.front(), (std::pair<std::string, std::string>{"Patient", "Maria Lopez"}));
  ASSERT_EQ(packet->sections.size(), 1u);
  EXPECT_EQ(packet->sections[0].fields.at(2).second, "1988-04-17");
  EXPECT_EQ(consents_->Get(actor_, v.consent.meta.id)->disclosure_count, 1);
  auto accounting = disclosures_->AccountingOf(actor_, client_id_, 3);
  ASSERT_EQ(accounting->items.size(), 1u);
  EXPECT_EQ(accounting->items[0].disclosure.recipient_name, "Jane Smith");
  EXPECT_EQ(accounting->items[0].consent_status_now, "active");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'disclose' AND outcome = 'success'"), 1);
}

TEST_P(ConsentServiceTest, RefusalsCarryTheirReasonAndAreAudited) {
  auto v = Active(*ParseDate("2026-11-01"));
  struct Case {
    std::function<void(DisclosureRequest&)> change;
    std::string code, field;
  };
  const std::vector<Case> cases = {
      {[](DisclosureRequest& r) { r.recipient_name = "John Smith"; }, "recipient_not_covered", "recipient_name"},
      {[](DisclosureRequest& r) { r.purpose = "employment"; }, "purpose_not_covered", "purpose"},
      {[](DisclosureRequest& r) { r.categories = {"drug_tests"}; }, "information_not_covered", "categories"},
      {[](DisclosureRequest& r) { r.consent_id = "0192f0a0-0000-7000-8000-000000000999"; }, "consent_not_found",
       "consent_id"},
  };
  for (const auto& c : cases) {
    auto r = Request(v.consent.meta.id);
    c.change(r);
    auto refused = disclosures_->Disclose(actor_, r);
    ASSERT_FALSE(refused.ok()) << c.code;
    EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
    ASSERT_EQ(refused.error().fields.size(), 1u);
    EXPECT_EQ(refused.error().fields[0].field, c.field);
    EXPECT_TRUE(refused.error().fields[0].message.starts_with(c.code + ": ")) << refused.error().fields[0].message;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'disclose' AND outcome = 'denied'"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM disclosures"), 0);
}

TEST_P(ConsentServiceTest, RevocationStopsDisclosureAtOnceAndTheAccountingKeepsThePast) {
  auto v = Active(*ParseDate("2026-11-01"));
  ASSERT_TRUE(disclosures_->Disclose(actor_, Request(v.consent.meta.id)).ok());
  auto revoked = consents_->Revoke(actor_, v.consent.meta.id, 2, {"written", "letter received", std::nullopt});
  ASSERT_TRUE(revoked.ok()) << revoked.error().message;
  EXPECT_EQ(revoked->status_now, "revoked");
  EXPECT_EQ(revoked->consent.revocation->method, "written");
  auto refused = disclosures_->Disclose(actor_, Request(v.consent.meta.id));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.error().fields.at(0).message.starts_with("consent_revoked: "));
  auto accounting = disclosures_->AccountingOf(actor_, client_id_, 6);
  ASSERT_EQ(accounting->items.size(), 1u);
  EXPECT_EQ(accounting->items[0].consent_status_now, "revoked");
}

TEST_P(ConsentServiceTest, ExpiredConsentsRefuseAndShowOnTheExpiringList) {
  Consent d = Draft();
  d.expiration.date = ParseDate("2026-11-20");
  auto draft = consents_->Create(actor_, client_id_, d);
  auto v = consents_->Activate(actor_, draft->consent.meta.id, 1, ClientSignature(), ParseDate("2026-11-01"), {});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->expiring_soon);
  EXPECT_EQ(*v->days_to_expiry, 18);
  auto expiring = consents_->Expiring(actor_, 30);
  ASSERT_EQ(expiring->size(), 1u);
  EXPECT_EQ((*expiring)[0].client_name, "Maria Lopez");
  EXPECT_TRUE(consents_->Expiring(actor_, 7)->empty());
  clock_.Advance(days(19));
  EXPECT_EQ(consents_->Get(actor_, v->consent.meta.id)->status_now, "expired");
  auto refused = disclosures_->Disclose(actor_, Request(v->consent.meta.id));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.error().fields.at(0).message.starts_with("consent_expired: "));
}

TEST_P(ConsentServiceTest, LegalProceedingsWithoutACourtOrderAreRefusedWithAPrivacyAlert) {
  auto v = Active(*ParseDate("2026-11-01"));
  auto r = Request(v.consent.meta.id);
  r.purpose = "legal_proceedings";
  r.recipient_name = "County Court";
  auto refused = disclosures_->Disclose(actor_, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().fields.at(0).field, "court_order_id");
  EXPECT_TRUE(refused.error().fields.at(0).message.starts_with("court_order_required: "));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM alerts WHERE kind = 'legal_disclosure_refused'"), 1);

  CourtOrder order;
  order.court = "Springfield County Court";
  order.case_number = "2026-CR-101";
  order.order_date = *ParseDate("2026-11-01");
  order.description = "Attendance records for the hearing";
  auto recorded = consents_->RecordCourtOrder(actor_, client_id_, order);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  r.consent_id.clear();
  r.court_order_id = recorded->meta.id;
  auto packet = disclosures_->Disclose(actor_, r);
  ASSERT_TRUE(packet.ok()) << packet.error().message;
  EXPECT_EQ(packet->authority.at(1).first, "Court order");
  EXPECT_EQ(consents_->CourtOrders(actor_, client_id_)->size(), 1u);
}

TEST_P(ConsentServiceTest, ACaseloadUserOutsideTheCaseloadSeesNoConsent) {
  auto v = Active(*ParseDate("2026-11-01"));
  Actor counselor = actor_;
  counselor.client_scope = ClientScope::kCaseload;
  counselor.staff_id = "someone-else";
  EXPECT_EQ(consents_->Get(counselor, v.consent.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(disclosures_->Disclose(counselor, Request(v.consent.meta.id)).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(consents_->Expiring(counselor, 10000)->empty());
}

// The accounting windows: disclosures 7, 5 and 2 years ago; 3 years shows one, 6 years two.
TEST_P(ConsentServiceTest, AccountingListsEveryDisclosureInItsWindow) {
  FakeClock past(std::chrono::sys_days(std::chrono::year(2019) / 11 / 22) + hours(15));
  Build(past);
  auto v = Active(*ParseDate("2019-11-22"));
  auto disclose_now = [&] { ASSERT_TRUE(disclosures_->Disclose(actor_, Request(v.consent.meta.id)).ok()); };
  disclose_now();                 // 2019-11-22: -7 years
  past.Advance(days(365 * 2 + 1));
  disclose_now();                 // 2021-11-22: -5 years
  past.Advance(days(365 * 3 + 1));
  disclose_now();                 // 2024-11-22: -2 years
  past.Advance(days(365 * 2));    // now 2026-11-22
  EXPECT_EQ(disclosures_->AccountingOf(actor_, client_id_, 3)->items.size(), 1u);
  auto six = disclosures_->AccountingOf(actor_, client_id_, 6);
  ASSERT_EQ(six->items.size(), 2u);
  EXPECT_TRUE(six->items[0].disclosure.disclosed_at.starts_with("2024-11-22"));
  EXPECT_TRUE(six->items[1].disclosure.disclosed_at.starts_with("2021-11-22"));
  EXPECT_EQ(six->window_start.substr(0, 10), "2020-11-22");
  ASSERT_TRUE(consents_->Revoke(actor_, v.consent.meta.id, 2, {"oral", "", std::nullopt}).ok());
  EXPECT_EQ(disclosures_->AccountingOf(actor_, client_id_, 6)->items.size(), 2u);
  EXPECT_EQ(disclosures_->AccountingOf(actor_, client_id_, 4).error().code, ErrorCode::kInvalidArgument);
}

TEST_P(ConsentServiceTest, DisclosuresCannotBeChangedOrDeleted) {
  auto v = Active(*ParseDate("2026-11-01"));
  ASSERT_TRUE(disclosures_->Disclose(actor_, Request(v.consent.meta.id)).ok());
  auto tx = database().Begin(db::Access::kWrite).value();
  EXPECT_FALSE(tx->Execute("UPDATE disclosures SET recipient_name = 'someone else'").ok());
  tx.reset();
  auto tx3 = database().Begin(db::Access::kWrite).value();
  EXPECT_FALSE(tx3->Execute("DELETE FROM disclosures").ok());
}

STORE_TEST_P(ConsentServiceTest);

}  // namespace
}  // namespace stepwise::consent
