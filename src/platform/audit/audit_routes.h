// HTTP routes for the audit report: list with filters and sorting, CSV export, chain verification.
// Each needs `audit.read`; each is itself audited (query, export, verify) through the ReadLog.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "platform/audit/audit_fhir.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/http/router.h"

namespace stepwise::audit {

// The detail of a disclosure (by organization and disclosure id) for the FHIR export's BALP
// PrivacyDisclosure events; the accounting of disclosures lives above this layer and provides it.
using DisclosureLookup = std::function<Result<std::optional<DisclosureDetail>>(
    db::Transaction& tx, const std::string& org_id, const std::string& disclosure_id)>;

// Adds GET /api/v1/audit-events, /api/v1/audit-events.csv, /api/v1/audit-events.fhir and
// /api/v1/audit/verify. With `log` null the routes keep a ReadLog of their own (alive as long as the
// router). Without `disclosures` the FHIR export's disclosure events lack the recipient and purpose.
void AddAuditRoutes(http::Router& router, db::Database& db, const Clock& clock, ReadLog* log = nullptr,
                    DisclosureLookup disclosures = {});

// CSV cell per RFC 4180, with spreadsheet formulas neutralised: a cell starting with = + - @ (or a tab
// or carriage return) gets a leading apostrophe. Exposed for tests.
std::string CsvCell(std::string_view value);

}  // namespace stepwise::audit
