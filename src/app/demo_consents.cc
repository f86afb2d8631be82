#include "app/demo_consents.h"

#include "platform/base/log.h"

namespace stepwise::app {

namespace {

Date DaysFrom(Date today, int days) { return Date{std::chrono::sys_days(today) + std::chrono::days(days)}; }

documents::Signature Typed(const std::string& name) {
  documents::Signature s;
  s.role = "client";
  s.signer_name = name;
  s.method = "typed";
  return s;
}

Result<consent::ConsentView> Signed(Services& svc, const Actor& system, const std::string& client_id,
                                    consent::Consent draft, const std::string& signer, Date signed_on) {
  SW_ASSIGN(auto d, svc.consents.Create(system, client_id, std::move(draft)));
  return svc.consents.Activate(system, d.consent.meta.id, d.consent.meta.version, Typed(signer), signed_on,
                               {"Stepwise demo", "127.0.0.1"});
}

Status Seed(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes) {
  std::vector<const admissions::Episode*> in_treatment;
  for (const auto& e : episodes) {
    if (e.stage == "treatment") in_treatment.push_back(&e);
  }
  if (in_treatment.size() < 4) return Ok();
  auto name_of = [&](const admissions::Episode& e) -> Result<std::string> {
    SW_ASSIGN(auto r, svc.clients.Get(system, e.client_id));
    return r.summary.client.legal_name.given + " " + r.summary.client.legal_name.family;
  };

  // 1. The single treatment/payment/operations consent.
  consent::Consent tpo;
  tpo.kind = "tpo";
  tpo.categories = {"all_records"};
  tpo.information_description = "All of my substance use treatment records held by the program";
  SW_ASSIGN(auto first, name_of(*in_treatment[0]));
  SW_TRY(Signed(svc, system, in_treatment[0]->client_id, tpo, first, DaysFrom(today, -20)));

  // 2. A family consent that expires in twelve days, used once.
  consent::Consent family;
  family.categories = {"attendance", "progress"};
  family.information_description = "Attendance dates and a summary of progress in treatment";
  family.recipient = {"person", "family", "Elena Ortiz", "", "418 Cedar Ave, Minneapolis, MN 55404", "sister"};
  family.purpose_code = "family_involvement";
  family.purpose_text = "So my sister can take part in family sessions and support my recovery";
  family.expiration = {"date", DaysFrom(today, 12), ""};
  SW_ASSIGN(auto second, name_of(*in_treatment[1]));
  SW_ASSIGN(auto active, Signed(svc, system, in_treatment[1]->client_id, family, second, DaysFrom(today, -40)));
  consent::DisclosureRequest release{.client_id = in_treatment[1]->client_id,
                                     .consent_id = active.consent.meta.id,
                                     .recipient_name = "Elena Ortiz",
                                     .recipient_address = "418 Cedar Ave, Minneapolis, MN 55404",
                                     .purpose = "family_involvement",
                                     .categories = {"attendance"},
                                     .description = "Attendance dates for the family session",
                                     .channel = "pdf"};
  SW_TRY(svc.disclosures.Disclose(system, release));

  // 3. An employer consent the client revoked in writing.
  consent::Consent employer;
  employer.categories = {"attendance"};
  employer.information_description = "Dates I attended the program, for my return-to-work plan";
  employer.recipient = {"organization", "employer", "Hennepin Logistics HR", "Hennepin Logistics", "", ""};
  employer.purpose_code = "employment";
  employer.expiration = {"event", std::nullopt, "end_of_treatment"};
  SW_ASSIGN(auto third, name_of(*in_treatment[2]));
  SW_ASSIGN(auto revocable, Signed(svc, system, in_treatment[2]->client_id, employer, third, DaysFrom(today, -30)));
  SW_TRY(svc.consents.Revoke(system, revocable.consent.meta.id, revocable.consent.meta.version,
                             {"written", "Client handed in a signed revocation", DaysFrom(today, -3)}));

  // 4. A referral consent still being drafted.
  consent::Consent referral;
  referral.categories = {"assessments", "treatment_plan"};
  referral.recipient = {"organization", "referral_provider", "Dr. Amal Haddad", "Lakeview Psychiatry", "", ""};
  referral.purpose_code = "coordination_of_care";
  SW_TRY(svc.consents.Create(system, in_treatment[3]->client_id, referral));
  return Ok();
}

}  // namespace

Status SeedConsents(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes) {
  auto seeded = Seed(svc, system, today, episodes);
  // Consents are dated against the server's clock: with a --today far from it (a signing date in the future,
  // an expiry already past) the demo goes on without them.
  if (!seeded.ok() && seeded.error().code == ErrorCode::kInvalidArgument) {
    log::Warn("demo_consents_skipped", {{"reason", "the --today date is too far from the clock's date"}});
    return Ok();
  }
  return seeded;
}

}  // namespace stepwise::app
