// The release content this module provides from the data of other modules: demographics (the client
// record) and assessments (completed assessments with their levels of care). Other owners register their
// own (treatment_plan: care/plans). The composition root calls AddStandardSections.
#pragma once

#include "care/consent/disclosure_service.h"

namespace stepwise::consent {

Result<Section> DemographicsSection(db::Transaction& tx, const Actor& actor, const std::string& client_id);
Result<Section> AssessmentsSection(db::Transaction& tx, const Actor& actor, const std::string& client_id);
void AddStandardSections(DisclosureService& service);

}  // namespace stepwise::consent
