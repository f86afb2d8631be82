#include "care/consent/consent_service.h"

#include "care/admissions/client_store.h"
#include "care/consent/consent_render.h"
#include "care/consent/consent_store.h"
#include "care/consent/disclosure_store.h"
#include "care/documents/signature_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"

namespace stepwise::consent {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

constexpr std::string_view kOwnerKind = "consent";

std::string ActorName(const Actor& a) { return a.display_name.empty() ? a.username : a.display_name; }

}  // namespace

Result<std::optional<Date>> ConsentService::TreatmentEnded(Transaction& tx, const std::string& org_id,
                                                           const std::string& client_id) {
  SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, org_id, client_id));
  if (episode && episode->stage == "discharged" && episode->discharge_date) return episode->discharge_date;
  return std::optional<Date>();
}

Result<std::string> ConsentService::ClientName(Transaction& tx, const std::string& org_id,
                                               const std::string& client_id) {
  SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, org_id, client_id), "client"));
  return client.legal_name.given + " " + client.legal_name.family;
}

Status ConsentService::RecordRead(const Actor& actor, audit::Event event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Status ConsentService::Audit(Transaction& tx, const Actor& actor, const std::string& action, const Consent& c,
                             const std::string& now, const std::string& reason) const {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = "consent",
                        .resource_id = c.meta.id,
                        .client_id = c.client_id,
                        .data_category = "consent",
                        .reason = reason},
                       now);
}

Result<ConsentView> ConsentService::Load(Transaction& tx, const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto c, db::Found(ConsentStore::Get(tx, actor.org_id, id), "consent"));
  if (!clients_.CheckAccessIn(tx, actor, c.client_id).ok()) return Error::NotFound("no such consent");
  ConsentView v;
  SW_ASSIGN(v.signatures, documents::SignaturesOf(tx, actor.org_id, std::string(kOwnerKind), id));
  c.has_signature = !v.signatures.empty();
  SW_ASSIGN(auto ended, TreatmentEnded(tx, actor.org_id, c.client_id));
  const Date today = Today();
  v.status_now = StatusOn(c, today, ended);
  v.days_to_expiry = DaysToExpiry(c, today);
  v.expiring_soon = !c.meta.voided && ExpiringSoon(c, today, ended, warning_days_);
  v.plain_language = PlainLanguage(c);
  SW_ASSIGN(v.disclosure_count, DisclosureStore::CountForConsent(tx, actor.org_id, id));
  SW_ASSIGN(v.client_name, ClientName(tx, actor.org_id, c.client_id));
  v.consent = std::move(c);
  return v;
}

Result<Consent> ConsentService::LoadForChange(Transaction& tx, const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto c, db::Found(ConsentStore::Get(tx, actor.org_id, id), "consent"));
  if (!clients_.CheckAccessIn(tx, actor, c.client_id).ok()) return Error::NotFound("no such consent");
  if (c.meta.voided) return Error::Conflict("the consent was voided");
  return c;
}

Result<ConsentView> ConsentService::Create(const Actor& actor, const std::string& client_id, Consent draft) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ConsentView> {
    SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    if (client.meta.voided) return Error::Conflict("the client record is voided");
    SW_ASSIGN(auto org, db::Found(program::ProgramStore::GetOrganization(tx, actor.org_id), "organization"));
    FillDraftDefaults(draft, org.name);
    FieldErrors errors;
    CheckDraft(draft, errors);
    if (!errors.empty()) return errors.ToError();
    const std::string now = FormatTimestamp(clock_.Now());
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    draft.client_id = client_id;
    draft.status = "draft";
    SW_TRY(ConsentStore::Insert(tx, draft));
    SW_TRY(Audit(tx, actor, "create", draft, now));
    return Load(tx, actor, draft.meta.id);
  });
}

Result<ConsentView> ConsentService::Update(const Actor& actor, const std::string& id, Consent changes,
                                           std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ConsentView> {
    SW_ASSIGN(auto current, LoadForChange(tx, actor, id));
    if (current.status != "draft") {
      return Error::Conflict("only a draft consent can be changed; revoke it and draft a new one");
    }
    SW_ASSIGN(auto org, db::Found(program::ProgramStore::GetOrganization(tx, actor.org_id), "organization"));
    FillDraftDefaults(changes, org.name);
    FieldErrors errors;
    CheckDraft(changes, errors);
    if (!errors.empty()) return errors.ToError();
    changes.meta = current.meta;
    changes.client_id = current.client_id;
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(ConsentStore::UpdateDraft(tx, changes, expected, now));
    SW_TRY(Audit(tx, actor, "update", changes, now));
    return Load(tx, actor, id);
  });
}

Result<ConsentView> ConsentService::Activate(const Actor& actor, const std::string& id, std::int64_t expected,
                                             documents::Signature signature, std::optional<Date> signed_on,
                                             const documents::SigningContext& context) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ConsentView> {
    SW_ASSIGN(auto c, LoadForChange(tx, actor, id));
    if (c.meta.version != expected) return Error::StaleVersion();
    if (c.status != "draft") return Error::Conflict("the consent is already " + c.status);
    FieldErrors errors;
    const bool signed_given = !signature.role.empty() || !signature.signer_name.empty();
    if (signed_given) {
      documents::CheckSignature(signature, "signature", errors);
      if (!signature.role.empty() && signature.role != "client" && signature.role != "guardian") {
        errors.Add("signature.role", "the client or a guardian signs a consent");
      }
    }
    c.has_signature = signed_given;
    c.signed_on = signed_on;
    c.signer_name = signature.signer_name;
    CheckElements(c, Today(), errors);
    if (!errors.empty()) return errors.ToError("the consent lacks required elements");
    SW_ASSIGN(auto client_name, ClientName(tx, actor.org_id, c.client_id));
    const std::string now = FormatTimestamp(clock_.Now());
    const std::string sha = security::Sha256Hex(pdf::PlainText(ConsentDocument(c, client_name, {})));
    documents::Stamp(signature, "signature", actor.user_id, actor.staff_id, context, now, sha, errors);
    if (!errors.empty()) return errors.ToError();
    SW_TRY(documents::InsertSignature(tx, actor.org_id, std::string(kOwnerKind), id, signature));
    SW_TRY(ConsentStore::Activate(tx, c, actor.user_id, expected, now));
    SW_TRY(Audit(tx, actor, "activate", c, now, "signed by " + signature.role));
    return Load(tx, actor, id);
  });
}

Result<ConsentView> ConsentService::Revoke(const Actor& actor, const std::string& id, std::int64_t expected,
                                           RevokeRequest r) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  if (r.method != "written" && r.method != "oral") errors.Add("method", "must be written or oral");
  const Date today = Today();
  if (r.revoked_on && std::chrono::sys_days(*r.revoked_on) > std::chrono::sys_days(today)) {
    errors.Add("revoked_on", "cannot be in the future");
  }
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ConsentView> {
    SW_ASSIGN(auto c, LoadForChange(tx, actor, id));
    if (c.status == "draft") return Error::Conflict("a draft was never in force; void it instead");
    if (c.status == "revoked") return Error::Conflict("the consent is already revoked");
    const std::string now = FormatTimestamp(clock_.Now());
    Revocation rev{now, r.revoked_on.value_or(today), actor.user_id, ActorName(actor), r.method, r.note};
    SW_TRY(ConsentStore::Revoke(tx, actor.org_id, id, rev, expected, now));
    SW_TRY(Audit(tx, actor, "revoke", c, now, r.method + (r.note.empty() ? "" : ": " + r.note)));
    return Load(tx, actor, id);
  });
}

Result<ConsentView> ConsentService::Void(const Actor& actor, const std::string& id, std::int64_t expected,
                                         const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ConsentView> {
    SW_ASSIGN(auto c, LoadForChange(tx, actor, id));
    if (c.status != "draft") return Error::Conflict("an activated consent is revoked, not voided");
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(db::VoidVersioned(tx, "consents", actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", c, now, reason));
    return Load(tx, actor, id);
  });
}

Result<ConsentView> ConsentService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return Load(tx, actor, id); });
  audit::Event read{.action = "read", .resource_type = "consent", .resource_id = id, .data_category = "consent"};
  if (view.ok()) read.client_id = view->consent.client_id;
  if (!view.ok()) read.outcome = "denied";
  if (view.ok() || view.error().code == ErrorCode::kNotFound) SW_TRY(RecordRead(actor, read));
  return view;
}

Result<std::vector<ConsentView>> ConsentService::ListForClient(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<ConsentView>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(auto consents, ConsentStore::ListForClient(tx, actor.org_id, client_id));
    std::vector<ConsentView> out;
    for (const auto& c : consents) {
      SW_ASSIGN(auto v, Load(tx, actor, c.meta.id));
      out.push_back(std::move(v));
    }
    return out;
  });
  audit::Event read{.action = "read", .resource_type = "consent", .client_id = client_id, .data_category = "consent",
                    .reason = "consents of a client"};
  if (!list.ok()) read.outcome = "denied";
  if (list.ok() || list.error().code == ErrorCode::kNotFound) SW_TRY(RecordRead(actor, read));
  return list;
}

Result<std::vector<ConsentView>> ConsentService::Expiring(const Actor& actor, int within_days) {
  SW_TRY(RequireOrganization(actor));
  if (actor.client_scope == ClientScope::kNone) return Error::PermissionDenied("your role does not see client records");
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<ConsentView>> {
    const Date until{std::chrono::sys_days(Today()) + std::chrono::days(within_days)};
    SW_ASSIGN(auto consents, ConsentStore::ActiveExpiringBy(tx, actor.org_id, until));
    std::vector<ConsentView> out;
    for (const auto& c : consents) {
      if (!clients_.CheckAccessIn(tx, actor, c.client_id).ok()) continue;
      SW_ASSIGN(auto v, Load(tx, actor, c.meta.id));
      if (v.status_now == "active") out.push_back(std::move(v));
    }
    return out;
  });
  if (!list.ok()) return list;
  SW_TRY(RecordRead(actor, {.action = "query",
                            .resource_type = "consent",
                            .data_category = "consent",
                            .reason = std::to_string(list->size()) + " expiring consent(s) listed"}));
  return list;
}

Result<pdf::Document> ConsentService::Document(const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto v, Get(actor, id));
  SW_TRY(RecordRead(actor, {.action = "export",
                            .resource_type = "consent",
                            .resource_id = id,
                            .client_id = v.consent.client_id,
                            .data_category = "consent",
                            .reason = "consent PDF"}));
  return ConsentDocument(v.consent, v.client_name, v.signatures);
}

Result<CourtOrder> ConsentService::RecordCourtOrder(const Actor& actor, const std::string& client_id, CourtOrder o) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  CheckCourtOrder(o, Today(), errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<CourtOrder> {
    SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    if (client.meta.voided) return Error::Conflict("the client record is voided");
    const std::string now = FormatTimestamp(clock_.Now());
    o.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    o.client_id = client_id;
    o.recorded_by_name = ActorName(actor);
    SW_TRY(ConsentStore::InsertCourtOrder(tx, o, actor.user_id));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "create",
                          .resource_type = "court_order",
                          .resource_id = o.meta.id,
                          .client_id = client_id,
                          .data_category = "consent"},
                         now));
    return o;
  });
}

Result<std::vector<CourtOrder>> ConsentService::CourtOrders(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<CourtOrder>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return ConsentStore::CourtOrdersOf(tx, actor.org_id, client_id);
  });
  audit::Event read{.action = "read", .resource_type = "court_order", .client_id = client_id,
                    .data_category = "consent", .reason = "court orders of a client"};
  if (!list.ok()) read.outcome = "denied";
  if (list.ok() || list.error().code == ErrorCode::kNotFound) SW_TRY(RecordRead(actor, read));
  return list;
}

}  // namespace stepwise::consent
