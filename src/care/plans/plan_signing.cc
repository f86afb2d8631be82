// PlanService: what a version reads like (preview, PDF, disclosure section) and signing it.
#include "care/admissions/client_store.h"
#include "care/documents/signature_store.h"
#include "care/plans/plan_service.h"
#include "care/plans/plan_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/pdf/render.h"
#include "platform/security/crypto.h"

namespace stepwise::plans {

using admissions::ClientStore;
using db::Access;
using db::Transaction;

namespace {

constexpr const char* kCategory = "treatment_plan";

SignedRoles RolesOf(const std::vector<documents::Signature>& signatures) {
  SignedRoles r;
  for (const auto& s : signatures) {
    if (s.role == "client" || s.role == "guardian") r.client = true;
    if (s.role == "counselor") r.counselor = true;
    if (s.role == "supervisor") r.supervisor = true;
  }
  return r;
}

}  // namespace

Result<pdf::Document> PlanService::DocumentOf(Transaction& tx, const Plan& plan, const VersionView& view) {
  const std::string& org = plan.meta.org_id;
  SW_ASSIGN(auto client, db::Found(ClientStore::Get(tx, org, plan.client_id), "client"));
  PlanHeader h;
  h.client_name = admissions::DisplayName(client);
  h.birth_date = FormatDate(client.birth_date);
  h.mrn = client.mrn;
  SW_ASSIGN(auto program, program::ProgramStore::GetProgram(tx, org, plan.program_id));
  if (program) h.program_name = program->name;
  h.level_of_care = view.level_of_care;
  if (!view.version.content.preferred_track_id.empty()) {
    SW_ASSIGN(auto track, program::ProgramStore::GetTrack(tx, org, view.version.content.preferred_track_id));
    if (track) h.track_name = track->name;
  }
  return PlanDocument(h, view.version.no, view.version.reason, view.version.content, view.hours, view.checks);
}

Result<Preview> PlanService::PreviewVersion(const Actor& actor, const std::string& plan_id, int no) {
  SW_TRY(program::RequireOrganization(actor));
  std::string client_id;
  auto preview = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Preview> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    client_id = plan.client_id;
    SW_ASSIGN(auto v, LoadVersion(tx, plan, no));
    SW_ASSIGN(auto view, ViewOf(tx, plan, std::move(v)));
    SW_ASSIGN(auto doc, DocumentOf(tx, plan, view));
    Preview p{pdf::PlainText(doc), ""};
    p.content_sha256 = security::Sha256Hex(p.text);
    return p;
  });
  audit::Event read{.action = "read", .resource_type = "plan", .resource_id = plan_id, .client_id = client_id,
                    .data_category = kCategory, .reason = "preview of version " + std::to_string(no)};
  if (!preview.ok()) {
    if (preview.error().code != ErrorCode::kNotFound) return preview;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return preview;
}

Result<VersionView> PlanService::Sign(const Actor& actor, const std::string& plan_id, int no,
                                      const std::string& content_sha256, documents::Signature signature,
                                      const documents::SigningContext& context) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<VersionView> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    if (plan.meta.voided) return Error::Conflict("the plan is voided");
    SW_ASSIGN(auto v, LoadVersion(tx, plan, no));
    if (v.status == kActive || v.status == kSuperseded) {
      return Error::Conflict("version " + std::to_string(no) + " is " + v.status + "; its signatures are complete",
                             {{"version", "is " + v.status}});
    }
    if (no != plan.current_version_no) {
      return Error::Conflict("only the newest version can be signed", {{"version", "is not the newest version"}});
    }
    FieldErrors errors;
    SW_ASSIGN(auto settings, SettingsFor(tx, actor.org_id, plan.program_id));
    CheckContent(v.content, settings, errors);
    CheckSignable(v.content, errors);
    if (!errors.empty()) return errors.ToError("the plan is not ready to sign");

    SW_ASSIGN(auto view, ViewOf(tx, plan, v));
    SW_ASSIGN(auto doc, DocumentOf(tx, plan, view));
    const std::string sha = security::Sha256Hex(pdf::PlainText(doc));
    if (content_sha256.empty()) return Error::Field("content_sha256", "is required: the hash of the text shown");
    if (content_sha256 != sha) {
      return Error::Conflict("the plan changed since it was shown; reload the preview and sign again",
                             {{"content_sha256", "does not match the plan as it reads now"}});
    }

    const SignedRoles roles = RolesOf(v.signatures);
    bool author_licensed = v.author_licensed;
    bool signer_licensed = false;
    if (signature.role == "counselor" || signature.role == "supervisor") {
      SW_ASSIGN(signer_licensed, IsLicensed(tx, actor.org_id, actor.staff_id, settings));
    }
    if (signature.role == "counselor") author_licensed = signer_licensed;
    const bool is_author = !actor.staff_id.empty() && actor.staff_id == v.author_staff_id;
    if (auto why = CanSign(roles, signature.role, author_licensed, signer_licensed, is_author)) {
      return Error::Conflict("this signature cannot be added: " + *why, {{"signature.role", *why}});
    }
    const std::string now = Now();
    documents::Stamp(signature, "signature", actor.user_id, actor.staff_id, context, now, sha, errors);
    if (!errors.empty()) return errors.ToError();
    SW_TRY(documents::InsertSignature(tx, actor.org_id, "plan_version", v.id, signature));

    SignedRoles after = roles;
    if (signature.role == "client" || signature.role == "guardian") after.client = true;
    if (signature.role == "counselor") {
      after.counselor = true;
      v.author_staff_id = actor.staff_id;
      v.author_licensed = author_licensed;
    }
    if (signature.role == "supervisor") after.supervisor = true;
    const std::int64_t expected = v.version;
    v.status = std::string(StatusAfter(after, v.author_licensed));
    if (v.content_sha256.empty()) v.content_sha256 = sha;
    Plan changed = plan;
    if (v.status == kActive) {
      v.activated_at = now;
      if (plan.active_version_no) {
        SW_ASSIGN(auto previous, LoadVersion(tx, plan, *plan.active_version_no));
        previous.status = std::string(kSuperseded);
        previous.superseded_at = now;
        SW_TRY(PlanStore::UpdateVersion(tx, previous, previous.version, now));
      }
      changed.active_version_no = no;
      changed.activated_on = Today();
      changed.next_review_due = NextReviewDue(Today(), changed.last_review_on, *settings_);
      SW_TRY(PlanStore::Update(tx, changed, plan.meta.version, now));
    }
    SW_TRY(PlanStore::UpdateVersion(tx, v, expected, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "sign",
                          .resource_type = "plan",
                          .resource_id = plan.meta.id,
                          .client_id = plan.client_id,
                          .data_category = kCategory,
                          .reason = "version " + std::to_string(no) + " signed by " + signature.role + "; now " +
                                    v.status},
                         now));
    SW_ASSIGN(auto fresh, db::Found(PlanStore::Get(tx, actor.org_id, plan_id), "plan"));
    SW_ASSIGN(auto saved, LoadVersion(tx, fresh, no));
    return ViewOf(tx, fresh, std::move(saved));
  });
}

Result<std::string> PlanService::Pdf(const Actor& actor, const std::string& plan_id, int no) {
  SW_TRY(program::RequireOrganization(actor));
  std::string client_id;
  auto doc = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<pdf::Document> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    client_id = plan.client_id;
    SW_ASSIGN(auto v, LoadVersion(tx, plan, no));
    SW_ASSIGN(auto view, ViewOf(tx, plan, v));
    SW_ASSIGN(auto d, DocumentOf(tx, plan, view));
    const std::string sha = v.content_sha256.empty() ? security::Sha256Hex(pdf::PlainText(d)) : v.content_sha256;
    return SignedPlanDocument(std::move(d), v.signatures, plan.meta.id, no, sha);
  });
  audit::Event read{.action = "export", .resource_type = "plan", .resource_id = plan_id, .client_id = client_id,
                    .data_category = kCategory, .reason = "PDF of version " + std::to_string(no)};
  if (!doc.ok()) {
    if (doc.error().code != ErrorCode::kNotFound) return std::move(doc).error();
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  if (!doc.ok()) return std::move(doc).error();
  return pdf::Render(*doc);
}

Result<PlanSection> PlanService::TreatmentPlanSectionIn(Transaction& tx, const Actor& actor,
                                                        const std::string& client_id) {
  SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
  SW_ASSIGN(auto plans, PlanStore::ListForClient(tx, actor.org_id, client_id));
  PlanSection section;
  for (const auto& plan : plans) {
    if (plan.meta.voided || !plan.active_version_no) continue;
    SW_ASSIGN(auto v, LoadVersion(tx, plan, *plan.active_version_no));
    SW_ASSIGN(auto view, ViewOf(tx, plan, v));
    section.fields = {{"Plan version", std::to_string(v.no)},
                      {"In effect since", plan.activated_on ? FormatDate(*plan.activated_on) : ""},
                      {"Next review due", plan.next_review_due ? FormatDate(*plan.next_review_due) : ""},
                      {"Planned hours per week", HoursText(view.hours.per_week)}};
    section.columns = {"Goal", "Objective", "Target date"};
    for (const auto& g : v.content.goals) {
      bool any = false;
      for (const auto& o : v.content.objectives) {
        if (o.goal_id != g.id) continue;
        any = true;
        section.rows.push_back({g.text, o.text, o.target_date ? FormatDate(*o.target_date) : ""});
      }
      if (!any) section.rows.push_back({g.text, "", ""});
    }
    std::string interventions;
    for (const auto& i : v.content.interventions) {
      interventions += (interventions.empty() ? "" : "; ") + (i.label.empty() ? i.code : i.label) + " (" +
                       FrequencyText(i.frequency) + ")";
    }
    section.fields.push_back({"Interventions", interventions});
    return section;
  }
  section.note = "The client has no active treatment plan.";
  return section;
}

}  // namespace stepwise::plans
