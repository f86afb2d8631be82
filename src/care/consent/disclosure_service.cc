#include "care/consent/disclosure_service.h"

#include <algorithm>

#include "care/admissions/client_store.h"
#include "care/consent/consent_render.h"
#include "care/consent/consent_service.h"
#include "care/consent/consent_store.h"
#include "care/consent/disclosure_store.h"
#include "care/consent/notice.h"
#include "care/documents/signature_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/identity_store.h"

namespace stepwise::consent {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

bool In(const std::vector<CodeLabel>& set, std::string_view code) {
  return std::any_of(set.begin(), set.end(), [&](const CodeLabel& c) { return c.code == code; });
}

std::string ActorName(const Actor& a) { return a.display_name.empty() ? a.username : a.display_name; }

}  // namespace

void CheckRequestShape(const DisclosureRequest& r, FieldErrors& errors) {
  if (r.recipient_name.empty()) errors.Add("recipient_name", "name the recipient");
  if (r.purpose.empty() || !In(Purposes(), r.purpose)) errors.Add("purpose", "is not a purpose");
  if (r.categories.empty()) errors.Add("categories", "choose the information to disclose");
  for (std::size_t i = 0; i < r.categories.size(); ++i) {
    if (!In(InformationCategories(), r.categories[i])) {
      errors.Add("categories[" + std::to_string(i) + "]", "is not an information category");
    }
  }
  if (!In(Channels(), r.channel)) errors.Add("channel", "must be pdf, print, csv, api or referral_packet");
  if (r.description.size() > 500) errors.Add("description", "must be at most 500 characters");
}

Status DisclosureService::RecordRead(const Actor& actor, audit::Event event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<DisclosureService::Outcome> DisclosureService::DecideAndRecord(Transaction& tx, const Actor& actor,
                                                                      const DisclosureRequest& req) {
  SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, actor.org_id, req.client_id), "client"));
  SW_TRY(clients_.CheckAccessIn(tx, actor, req.client_id));
  if (client.meta.voided) return Error::Conflict("the client record is voided");
  std::optional<Consent> consent;
  if (!req.consent_id.empty()) {
    SW_ASSIGN(consent, ConsentStore::Get(tx, actor.org_id, req.consent_id));
    if (consent) {
      SW_ASSIGN(auto sigs, documents::SignaturesOf(tx, actor.org_id, "consent", consent->meta.id));
      consent->has_signature = !sigs.empty();
    }
  }
  std::optional<CourtOrder> order;
  if (!req.court_order_id.empty()) {
    SW_ASSIGN(order, ConsentStore::GetCourtOrder(tx, actor.org_id, req.court_order_id));
  }
  SW_ASSIGN(auto ended, ConsentService::TreatmentEnded(tx, actor.org_id, req.client_id));
  const auto now_tp = clock_.Now();
  const std::string now = FormatTimestamp(now_tp);
  Outcome out;
  out.refusal = CheckCoverage(req, consent ? &*consent : nullptr, order ? &*order : nullptr, UtcDate(now_tp), ended);
  const std::string client_name = client.legal_name.given + " " + client.legal_name.family;
  if (out.refusal) {
    SW_TRY(audit::Append(tx, actor,
                         {.action = "disclose",
                          .resource_type = "disclosure",
                          .resource_id = req.consent_id,
                          .client_id = req.client_id,
                          .data_category = "disclosure",
                          .reason = out.refusal->Message(),
                          .outcome = "denied"},
                         now));
    if (out.refusal->code == "court_order_required") {
      security::Alert alert{NewUuidV7(now_tp),
                            "legal_disclosure_refused",
                            actor.username + " tried to disclose a client's records for legal proceedings without "
                                             "a recorded court order; the disclosure was refused",
                            actor.user_id,
                            req.client_id,
                            now,
                            ""};
      SW_TRY(security::identity_store::InsertAlert(tx, actor.org_id, alert));
    }
    return out;
  }
  Packet& p = out.packet;
  p.notice = Part2Notice();
  p.authority = consent ? ConsentSummary(*consent, client_name) : CourtOrderSummary(*order, client_name);
  for (const auto& category : ExpandCategories(req.categories)) {
    auto source = sections_.find(category);
    if (source == sections_.end()) {
      p.sections.push_back({category, std::string(program::LabelOf(InformationCategories(), category)), {}, {}, {},
                            "No records of this kind are kept electronically in Stepwise."});
      continue;
    }
    SW_ASSIGN(auto section, source->second(tx, actor, req.client_id));
    section.category = category;
    p.sections.push_back(std::move(section));
  }
  Disclosure& d = p.disclosure;
  d = {NewUuidV7(now_tp), actor.org_id,       req.client_id,      consent ? consent->meta.id : "",
       req.court_order_id, now,               req.recipient_name, req.recipient_address,
       req.purpose,        req.categories,    req.description,    req.channel,
       actor.user_id,      ActorName(actor),  p.notice.version,   true};
  if (d.description.empty()) d.description = CategoryLabels(req.categories);
  SW_TRY(DisclosureStore::Insert(tx, d));
  SW_TRY(audit::Append(tx, actor,
                       {.action = "disclose",
                        .resource_type = "disclosure",
                        .resource_id = d.id,
                        .client_id = req.client_id,
                        .data_category = "disclosure",
                        .reason = PurposeLabel(req.purpose) + " to " + req.recipient_name + " by " + req.channel},
                       now));
  return out;
}

Result<Packet> DisclosureService::Disclose(const Actor& actor, DisclosureRequest req) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  CheckRequestShape(req, errors);
  if (!errors.empty()) return errors.ToError();
  SW_ASSIGN(auto outcome, db::InTransaction(db_, Access::kWrite,
                                            [&](Transaction& tx) { return DecideAndRecord(tx, actor, req); }));
  if (outcome.refusal) {
    Error refused = Error::PermissionDenied("the disclosure is not authorized: " + outcome.refusal->explanation);
    refused.fields.push_back({outcome.refusal->field, outcome.refusal->Message()});
    return refused;
  }
  return std::move(outcome.packet);
}

Result<Accounting> DisclosureService::LoadAccounting(Transaction& tx, const Actor& actor,
                                                     const std::string& client_id, int years) {
  SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
  SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
  const auto now = clock_.Now();
  Accounting a;
  a.years = years;
  a.window_end = FormatTimestamp(now);
  a.window_start = FormatTimestamp(WindowStart(now, years));
  SW_ASSIGN(auto rows, DisclosureStore::ForClientSince(tx, actor.org_id, client_id, a.window_start));
  SW_ASSIGN(auto ended, ConsentService::TreatmentEnded(tx, actor.org_id, client_id));
  std::map<std::string, std::string> status_of;
  for (auto& d : rows) {
    AccountingEntry e;
    if (!d.consent_id.empty()) {
      auto known = status_of.find(d.consent_id);
      if (known == status_of.end()) {
        SW_ASSIGN(auto c, ConsentStore::Get(tx, actor.org_id, d.consent_id));
        std::string status = !c ? "" : c->meta.voided ? "voided" : StatusOn(*c, UtcDate(now), ended);
        known = status_of.emplace(d.consent_id, status).first;
      }
      e.consent_status_now = known->second;
    }
    e.disclosure = std::move(d);
    a.items.push_back(std::move(e));
  }
  return a;
}

Result<Accounting> DisclosureService::AccountingOf(const Actor& actor, const std::string& client_id, int years) {
  SW_TRY(RequireOrganization(actor));
  if (years != 3 && years != 6) return Error::Field("years", "must be 3 or 6");
  auto a = db::InTransaction(db_, Access::kRead,
                             [&](Transaction& tx) { return LoadAccounting(tx, actor, client_id, years); });
  audit::Event read{.action = "read",
                    .resource_type = "disclosure",
                    .client_id = client_id,
                    .data_category = "disclosure",
                    .reason = "accounting of disclosures, " + std::to_string(years) + " years"};
  if (!a.ok()) read.outcome = "denied";
  if (a.ok() || a.error().code == ErrorCode::kNotFound) SW_TRY(RecordRead(actor, read));
  return a;
}

Result<pdf::Document> DisclosureService::AccountingReport(const Actor& actor, const std::string& client_id,
                                                          int years) {
  SW_ASSIGN(auto a, AccountingOf(actor, client_id, years));
  SW_ASSIGN(auto names, db::InTransaction(db_, Access::kRead,
                                          [&](Transaction& tx) -> Result<std::pair<std::string, std::string>> {
                                            SW_ASSIGN(auto client, ConsentService::ClientName(tx, actor.org_id, client_id));
                                            SW_ASSIGN(auto org, db::Found(program::ProgramStore::GetOrganization(
                                                                              tx, actor.org_id),
                                                                          "organization"));
                                            return std::make_pair(client, org.name);
                                          }));
  return AccountingDocument(a, names.first, names.second);
}

}  // namespace stepwise::consent
