// The §2.31 element checks, status and expiry, and the coverage rules of a disclosure, table-driven.
#include "care/consent/consent_model.h"

#include <gtest/gtest.h>

#include <functional>

namespace stepwise::consent {
namespace {

const Date kToday = *ParseDate("2026-11-22");

Consent Complete() {
  Consent c;
  c.meta.id = "c1";
  c.client_id = "client-1";
  c.kind = "specific";
  c.status = "active";
  c.discloser = "Northstar Recovery IOP";
  c.categories = {"attendance", "progress"};
  c.information_description = "Attendance dates and progress notes summary";
  c.recipient = {"person", "family", "Jane Smith", "", "12 Elm St", "sister"};
  c.purpose_code = "family_involvement";
  c.revocation_statement = "I may revoke this consent in writing at any time.";
  c.expiration = {"date", ParseDate("2027-05-01"), ""};
  c.has_signature = true;
  c.signed_on = ParseDate("2026-11-20");
  return c;
}

Consent CompleteTpo() {
  Consent c = Complete();
  c.kind = "tpo";
  c.recipient = {};
  c.purpose_code = "";
  c.expiration = {};
  FillDraftDefaults(c, "Northstar Recovery IOP");
  return c;
}

DisclosureRequest Request() {
  return {.client_id = "client-1",
          .consent_id = "c1",
          .recipient_name = "jane  SMITH",
          .purpose = "family_involvement",
          .categories = {"attendance"},
          .channel = "pdf"};
}

struct Missing {
  std::string element;  // the field error expected
  std::function<void(Consent&)> null_out;
  bool tpo = false;
};

const std::vector<Missing>& EveryElement() {
  static const std::vector<Missing> v = {
      {"discloser", [](Consent& c) { c.discloser.clear(); }},
      {"information.categories", [](Consent& c) { c.categories.clear(); }},
      {"information.description", [](Consent& c) { c.information_description.clear(); }},
      {"recipient.kind", [](Consent& c) { c.recipient.kind.clear(); }},
      {"recipient.category", [](Consent& c) { c.recipient.category.clear(); }},
      {"recipient.name", [](Consent& c) { c.recipient.name.clear(); }},
      {"purpose.code", [](Consent& c) { c.purpose_code.clear(); }},
      {"purpose.text", [](Consent& c) { c.purpose_code = "other"; }},
      {"revocation_statement", [](Consent& c) { c.revocation_statement.clear(); }},
      {"expiration.kind", [](Consent& c) { c.expiration.kind.clear(); }},
      {"expiration.date", [](Consent& c) { c.expiration.date.reset(); }},
      {"expiration.event", [](Consent& c) { c.expiration = {"event", std::nullopt, ""}; }},
      {"signature", [](Consent& c) { c.has_signature = false; }},
      {"signed_on", [](Consent& c) { c.signed_on.reset(); }},
      {"tpo_statements.redisclosure", [](Consent& c) { c.tpo_redisclosure.clear(); }, true},
      {"tpo_statements.refusal_consequences", [](Consent& c) { c.tpo_refusal.clear(); }, true},
  };
  return v;
}

std::vector<std::string> Fields(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.field);
  return out;
}

TEST(ConsentElements, CompleteConsentsHaveNoErrors) {
  FieldErrors specific, tpo;
  CheckElements(Complete(), kToday, specific);
  CheckElements(CompleteTpo(), kToday, tpo);
  EXPECT_TRUE(specific.empty()) << specific.fields().front().field;
  EXPECT_TRUE(tpo.empty()) << tpo.fields().front().field;
}

TEST(ConsentElements, EachMissingElementBlocksActivationWithItsField) {
  for (const auto& m : EveryElement()) {
    Consent c = m.tpo ? CompleteTpo() : Complete();
    m.null_out(c);
    FieldErrors errors;
    CheckElements(c, kToday, errors);
    EXPECT_EQ(Fields(errors), std::vector<std::string>{m.element}) << m.element;
  }
}

TEST(ConsentElements, EachMissingElementBlocksDisclosureWithAReasonCode) {
  for (const auto& m : EveryElement()) {
    Consent c = m.tpo ? CompleteTpo() : Complete();
    m.null_out(c);
    DisclosureRequest r = Request();
    if (m.tpo) r.purpose = "treatment";
    auto refusal = CheckCoverage(r, &c, nullptr, kToday, std::nullopt);
    ASSERT_TRUE(refusal.has_value()) << m.element;
    EXPECT_EQ(refusal->code, "consent_incomplete") << m.element;
    EXPECT_EQ(refusal->field, "consent_id");
    EXPECT_NE(refusal->Message().find(m.element), std::string::npos) << refusal->Message();
  }
}

TEST(ConsentElements, DatesAndCodesThatCannotBeRight) {
  Consent c = Complete();
  c.signed_on = ParseDate("2026-11-23");
  c.expiration.date = ParseDate("2026-11-21");
  FieldErrors errors;
  CheckElements(c, kToday, errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"expiration.date", "signed_on"}));

  Consent d = Complete();
  d.expiration = {"none", std::nullopt, ""};
  d.categories = {"attendance", "horoscope"};
  FieldErrors draft;
  CheckDraft(d, draft);
  EXPECT_EQ(Fields(draft), (std::vector<std::string>{"information.categories[1]", "expiration.kind"}));

  Consent t = CompleteTpo();
  t.purpose_code = "employment";
  FieldErrors tpo;
  CheckDraft(t, tpo);
  EXPECT_EQ(Fields(tpo), std::vector<std::string>{"purpose.code"});
}

TEST(ConsentStatus, ExpiresOnItsDateOrAtTheEndOfTreatment) {
  Consent c = Complete();
  EXPECT_EQ(StatusOn(c, *ParseDate("2027-05-01"), std::nullopt), "active");
  EXPECT_EQ(StatusOn(c, *ParseDate("2027-05-02"), std::nullopt), "expired");
  EXPECT_EQ(*DaysToExpiry(c, *ParseDate("2027-04-21")), 10);
  EXPECT_TRUE(ExpiringSoon(c, *ParseDate("2027-04-21"), std::nullopt, 30));
  EXPECT_FALSE(ExpiringSoon(c, kToday, std::nullopt, 30));

  c.expiration = {"event", std::nullopt, std::string(kEndOfTreatment)};
  EXPECT_EQ(StatusOn(c, kToday, std::nullopt), "active");
  EXPECT_EQ(StatusOn(c, kToday, ParseDate("2026-11-22")), "expired");
  EXPECT_FALSE(DaysToExpiry(c, kToday).has_value());

  c.expiration.event = "final disposition of my court case";
  EXPECT_EQ(StatusOn(c, kToday, ParseDate("2026-11-01")), "active");  // not observable: stays in force

  c.status = "revoked";
  EXPECT_EQ(StatusOn(c, kToday, std::nullopt), "revoked");
  EXPECT_EQ(StatusOn(CompleteTpo(), *ParseDate("2040-01-01"), std::nullopt), "active");
}

struct CoverageCase {
  std::string name;
  std::function<void(Consent&, DisclosureRequest&)> change;
  std::string code;   // "" = allowed
  std::string field;  // of the refusal
};

TEST(ConsentCoverage, RefusesWhatTheConsentDoesNotCover) {
  const std::vector<CoverageCase> cases = {
      {"covered", [](Consent&, DisclosureRequest&) {}, "", ""},
      {"all records cover any category",
       [](Consent& c, DisclosureRequest& r) {
         c.categories = {"all_records"};
         r.categories = {"diagnosis", "drug_tests"};
       },
       "", ""},
      {"recipient by organization name",
       [](Consent& c, DisclosureRequest& r) {
         c.recipient.organization = "Lakeview Clinic";
         r.recipient_name = "Lakeview clinic";
       },
       "", ""},
      {"expired", [](Consent& c, DisclosureRequest&) { c.expiration.date = ParseDate("2026-11-21"); },
       "consent_expired", "consent_id"},
      {"end of treatment not reached yet",
       [](Consent& c, DisclosureRequest&) { c.expiration = {"event", std::nullopt, "end_of_treatment"}; }, "", ""},
      {"revoked", [](Consent& c, DisclosureRequest&) { c.status = "revoked"; }, "consent_revoked", "consent_id"},
      {"draft", [](Consent& c, DisclosureRequest&) { c.status = "draft"; }, "consent_not_active", "consent_id"},
      {"voided", [](Consent& c, DisclosureRequest&) { c.meta.voided = true; }, "consent_not_found", "consent_id"},
      {"another client", [](Consent& c, DisclosureRequest&) { c.client_id = "client-2"; }, "client_mismatch",
       "consent_id"},
      {"wrong recipient", [](Consent&, DisclosureRequest& r) { r.recipient_name = "John Smith"; },
       "recipient_not_covered", "recipient_name"},
      {"wrong purpose", [](Consent&, DisclosureRequest& r) { r.purpose = "employment"; }, "purpose_not_covered",
       "purpose"},
      {"wrong information", [](Consent&, DisclosureRequest& r) { r.categories = {"attendance", "drug_tests"}; },
       "information_not_covered", "categories"},
      {"no information", [](Consent&, DisclosureRequest& r) { r.categories.clear(); }, "information_not_covered",
       "categories"},
      {"TPO consent for a non-TPO purpose",
       [](Consent& c, DisclosureRequest& r) {
         c = CompleteTpo();
         r.purpose = "employment";
       },
       "tpo_purpose_only", "purpose"},
      {"TPO consent for payment, any recipient",
       [](Consent& c, DisclosureRequest& r) {
         c = CompleteTpo();
         r.purpose = "payment";
         r.recipient_name = "Blue Plan Insurance";
       },
       "", ""},
      {"legal proceedings without a court order", [](Consent&, DisclosureRequest& r) { r.purpose = "legal_proceedings"; },
       "court_order_required", "court_order_id"},
  };
  for (const auto& tc : cases) {
    Consent c = Complete();
    DisclosureRequest r = Request();
    tc.change(c, r);
    auto refusal = CheckCoverage(r, &c, nullptr, kToday, std::nullopt);
    if (tc.code.empty()) {
      EXPECT_FALSE(refusal.has_value()) << tc.name << ": " << refusal->Message();
    } else {
      ASSERT_TRUE(refusal.has_value()) << tc.name;
      EXPECT_EQ(refusal->code, tc.code) << tc.name;
      EXPECT_EQ(refusal->field, tc.field) << tc.name;
      EXPECT_TRUE(refusal->Message().starts_with(tc.code + ": ")) << refusal->Message();
    }
  }
}

TEST(ConsentCoverage, EndOfTreatmentExpiresTheConsent) {
  Consent c = Complete();
  c.expiration = {"event", std::nullopt, "end_of_treatment"};
  auto refusal = CheckCoverage(Request(), &c, nullptr, kToday, ParseDate("2026-11-10"));
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->code, "consent_expired");
  EXPECT_EQ(CheckCoverage(Request(), nullptr, nullptr, kToday, std::nullopt)->code, "consent_not_found");
}

TEST(ConsentCoverage, LegalProceedingsNeedACurrentCourtOrderOfThisClient) {
  DisclosureRequest r = Request();
  r.purpose = "legal_proceedings";
  r.consent_id.clear();
  CourtOrder order;
  order.client_id = "client-1";
  order.order_date = *ParseDate("2026-11-01");
  EXPECT_FALSE(CheckCoverage(r, nullptr, &order, kToday, std::nullopt).has_value());
  order.expires_on = ParseDate("2026-11-21");
  EXPECT_EQ(CheckCoverage(r, nullptr, &order, kToday, std::nullopt)->code, "court_order_required");
  order.expires_on.reset();
  order.client_id = "client-2";
  EXPECT_EQ(CheckCoverage(r, nullptr, &order, kToday, std::nullopt)->code, "court_order_required");
  EXPECT_EQ(CheckCoverage(r, nullptr, nullptr, kToday, std::nullopt)->code, "court_order_required");
}

TEST(ConsentText, PlainLanguageNamesEveryElement) {
  EXPECT_EQ(PlainLanguage(Complete()),
            "You allow Northstar Recovery IOP to share Attendance dates, Progress in treatment (Attendance dates and "
            "progress notes summary) with Jane Smith (sister) for this purpose: Family involvement in treatment. This "
            "consent lasts until 2027-05-01. You may revoke it in writing at any time; it then stops future sharing "
            "at once.");
  EXPECT_NE(PlainLanguage(CompleteTpo()).find(kTpoRecipientClass), std::string::npos);
  EXPECT_EQ(kPart2SecurityLabels.size(), 4u);
}

}  // namespace
}  // namespace stepwise::consent
