#include "care/consent/disclosure_sections.h"

#include "care/admissions/client_store.h"
#include "care/assessment/assessment_store.h"
#include "platform/db/records.h"

namespace stepwise::consent {

Result<Section> DemographicsSection(db::Transaction& tx, const Actor& actor, const std::string& client_id) {
  SW_ASSIGN(auto c, db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
  Section s;
  s.title = "Demographics";
  std::string address = c.address.line1;
  for (const auto* part : {&c.address.line2, &c.address.city, &c.address.state, &c.address.postal_code}) {
    if (!part->empty()) address += (address.empty() ? "" : ", ") + *part;
  }
  s.fields = {{"Name", admissions::DisplayName(c)},
              {"Legal name", c.legal_name.given + " " + c.legal_name.family},
              {"Date of birth", FormatDate(c.birth_date)},
              {"Record number", c.mrn},
              {"Phone", c.phone},
              {"Address", address}};
  return s;
}

Result<Section> AssessmentsSection(db::Transaction& tx, const Actor& actor, const std::string& client_id) {
  SW_ASSIGN(auto all, assessment::AssessmentStore::ListForClient(tx, actor.org_id, client_id));
  Section s;
  s.title = "Assessments";
  s.columns = {"Completed", "Kind", "Recommended level", "Decided level", "Assessor"};
  for (const auto& a : all) {
    if (a.status != "complete" || a.meta.voided) continue;
    s.rows.push_back({a.completed_at.substr(0, 10), a.kind == "initial" ? "Initial" : "Continued stay",
                      a.recommended_level, a.decided_level, a.assessor_name});
  }
  if (s.rows.empty()) s.note = "No completed assessments.";
  return s;
}

void AddStandardSections(DisclosureService& service) {
  service.AddSection("demographics", DemographicsSection);
  service.AddSection("assessments", AssessmentsSection);
}

}  // namespace stepwise::consent
