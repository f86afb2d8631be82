// Audit events as FHIR R4 AuditEvent resources following IHE Basic Audit Log Patterns (BALP 1.1.x,
// https://profiles.ihe.net/ITI/BALP/). Successful reads and exports of one record are BALP Read (PatientRead
// with a client), searches and list exports BALP Query (PatientQuery), successful disclosures BALP
// PrivacyDisclosure.Source; those events name the profile in meta.profile. Each REST event has the client,
// server and user agents BALP slices (client and server with network addresses; the user as requestor with
// type IRCP), Stepwise as the source, the client as the Patient entity, the record (role Domain Resource) or
// the query (role Query, the search base64-encoded) and the X-Request-Id as the transaction entity. Other
// events (sign-in, emergency access, workflow actions, refusals) keep the same shape without a BALP profile.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "platform/audit/audit_report.h"

namespace stepwise::audit {

// What the audit row of a disclosure does not hold, looked up from the accounting of disclosures.
struct DisclosureDetail {
  std::string recipient_name, recipient_address, purpose_code, purpose_label, channel, description;
};

// `server_host` names the machine exporting (the server agent's network address); `disclosure` is the
// detail of a "disclose" event when known.
boost::json::object FhirAuditEvent(const StoredEvent& event, const std::string& site_name,
                                   const std::string& server_host, const DisclosureDetail* disclosure = nullptr);

}  // namespace stepwise::audit
