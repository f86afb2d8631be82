#include "app/demo_documents.h"

namespace stepwise::app {

namespace {

using documents::DocumentTemplate;
using documents::Signature;
using documents::SignRequest;

Signature Typed(const std::string& role, const std::string& name) {
  Signature s;
  s.role = role;
  s.signer_name = name;
  s.method = "typed";
  return s;
}

// A short drawn signature: two strokes in a 600 × 200 box.
Signature Drawn(const std::string& name, double seed) {
  Signature s = Typed("client", name);
  s.method = "drawn";
  s.image.width = 600;
  s.image.height = 200;
  std::vector<pdf::Point> first, second;
  for (int i = 0; i <= 40; ++i) {
    const double x = 60 + i * 9;
    first.push_back({x, 120 - 40 * ((i % 8) < 4 ? (i % 4) / 4.0 : 1 - (i % 4) / 4.0) - seed});
  }
  for (int i = 0; i <= 20; ++i) second.push_back({420.0 + i * 6, 150 - i * 2.0});
  s.image.strokes = {first, second};
  return s;
}

}  // namespace

Status SeedDocuments(Services& svc, const Actor& system, const std::vector<admissions::Episode>& episodes,
                     const std::vector<program::Staff>& staff) {
  SW_ASSIGN(auto templates, svc.documents.ListTemplates(system));
  auto template_of = [&](const std::string& kind) -> const DocumentTemplate* {
    for (const auto& t : templates) {
      if (t.kind == kind) return &t;
    }
    return nullptr;
  };
  // The counselor who witnesses: an actor linked to the episode's counselor (or the first counselor).
  auto witness_actor = [&](const admissions::Episode& e) {
    Actor a = system;
    const program::Staff* who = &staff.at(2);
    for (const auto& s : staff) {
      if (s.meta.id == e.counselor_id) who = &s;
    }
    a.staff_id = who->meta.id;
    a.display_name = program::DisplayName(*who);
    return std::make_pair(a, a.display_name);
  };
  auto sign = [&](const admissions::Episode& e, const std::string& kind, const std::string& delivery) -> Status {
    const DocumentTemplate* t = template_of(kind);
    if (!t) return Error::Internal("demo: no template " + kind);
    auto [actor, staff_name] = witness_actor(e);
    SW_ASSIGN(auto record, svc.clients.Get(actor, e.client_id));
    const auto& c = record.summary.client;
    SW_ASSIGN(auto preview, svc.documents.Preview(actor, e.client_id, t->meta.id));
    const std::string name = c.legal_name.given + " " + c.legal_name.family;
    SignRequest req{
        t->meta.id,
        t->version_no,
        preview.content_sha256,
        {kind == "part2_notice" ? Typed("client", name) : Drawn(name, static_cast<double>(name.size() % 7))},
        delivery};
    if (t->requires_witness) req.signatures.push_back(Typed("witness", staff_name));
    SW_TRY(svc.documents.Sign(actor, e.client_id, req, {"Stepwise demo (tablet)", "127.0.0.1"}));
    return Ok();
  };
  auto tick = [&](const admissions::Episode& e, const std::vector<std::string>& codes) -> Status {
    auto [actor, staff_name] = witness_actor(e);
    for (const auto& code : codes) SW_TRY(svc.orientation.SetItem(actor, e.client_id, code, true, ""));
    return Ok();
  };
  const std::vector<std::string> talks = {"schedule_track", "rules_expectations", "modalities", "grievance",
                                          "emergency_contacts"};

  int in_treatment = 0, in_orientation = 0;
  for (const auto& e : episodes) {
    if (e.stage == "treatment" && in_treatment < 6) {
      ++in_treatment;
      SW_TRY(sign(e, "consent_to_treatment", ""));
      SW_TRY(sign(e, "part2_notice", "in_person"));
      SW_TRY(sign(e, "hipaa_npp_ack", "in_person"));
      SW_TRY(sign(e, "drug_testing_agreement", ""));
    } else if (e.stage == "orientation") {
      switch (in_orientation++) {
        case 0:  // ready to finalize
          SW_TRY(tick(e, talks));
          SW_TRY(tick(e, {"telehealth_setup"}));
          for (auto kind : {"consent_to_treatment", "drug_testing_agreement", "hipaa_npp_ack", "program_rules"})
            SW_TRY(sign(e, kind, "in_person"));
          SW_TRY(sign(e, "part2_notice", "in_person"));
          break;
        case 1:  // everything but the Part 2 notice
          SW_TRY(tick(e, talks));
          SW_TRY(sign(e, "consent_to_treatment", ""));
          SW_TRY(sign(e, "drug_testing_agreement", ""));
          break;
        case 2:  // half way
          SW_TRY(tick(e, {"schedule_track", "rules_expectations"}));
          SW_TRY(sign(e, "consent_to_treatment", ""));
          break;
        default:  // not started
          break;
      }
    }
  }
  return Ok();
}

}  // namespace stepwise::app
