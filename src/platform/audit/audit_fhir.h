// Audit events as FHIR R4 AuditEvent resources shaped after IHE Basic Audit Log Patterns (BALP):
// RESTful reads, searches and changes (type "rest" with the restful-interaction subtype), user
// authentication (DICOM 110114), emergency access (purposeOfEvent ETREAT), with the user as requestor
// agent and network address, Stepwise as the source, and the client as the Patient entity.
#pragma once

#include <boost/json/object.hpp>

#include "platform/audit/audit_report.h"

namespace stepwise::audit {

boost::json::object FhirAuditEvent(const StoredEvent& event, const std::string& site_name);

}  // namespace stepwise::audit
