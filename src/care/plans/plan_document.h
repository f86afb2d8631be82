// A plan version as a printable document: what the client and staff read before signing (its PlainText
// is hashed; the signature carries the hash), and the plan's PDF (ADR 0011, decision 2). Pure.
#pragma once

#include <string>
#include <vector>

#include "care/documents/signature.h"
#include "care/plans/plan_model.h"
#include "platform/pdf/document.h"

namespace stepwise::plans {

// Who and where the plan is for (read by the service from the client, episode, program and track).
struct PlanHeader {
  std::string client_name;
  std::string birth_date;
  std::string mrn;
  std::string program_name;
  std::string level_of_care;
  std::string track_name;  // the preferred track's name, "" without one
};

// Everything that is signed: header, version and reason, problems, goals with their objectives,
// interventions, planned hours and the intensity checks. No status, no signatures, no times, so the
// text (and its hash) stays the same from the first signature to the last.
pdf::Document PlanDocument(const PlanHeader& header, int version_no, const std::string& reason,
                           const PlanContent& content, const PlannedHours& hours,
                           const std::vector<CheckResult>& checks);

// The document with the signatures appended and the hash in the footer, for the PDF.
pdf::Document SignedPlanDocument(pdf::Document document, const std::vector<documents::Signature>& signatures,
                                 const std::string& plan_id, int version_no, const std::string& content_sha256);

}  // namespace stepwise::plans
