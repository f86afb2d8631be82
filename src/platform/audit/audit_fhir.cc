#include "platform/audit/audit_fhir.h"

#include <boost/json/array.hpp>

namespace stepwise::audit {

namespace json = boost::json;

namespace {

json::object Coding(const char* system, std::string code, std::string display) {
  return json::object{{"system", system}, {"code", std::move(code)}, {"display", std::move(display)}};
}

// FHIR AuditEvent.action: C create, R read, U update, D delete, E execute.
const char* ActionCode(const std::string& action) {
  if (action == "create") return "C";
  if (action == "read" || action == "export" || action == "print") return "R";
  if (action == "update") return "U";
  if (action == "void") return "D";
  return "E";
}

// http://hl7.org/fhir/restful-interaction, for the REST subtypes BALP uses.
const char* RestInteraction(const std::string& action) {
  if (action == "create") return "create";
  if (action == "read") return "read";
  if (action == "update") return "update";
  if (action == "void") return "delete";
  if (action == "query" || action == "export") return "search-type";
  return nullptr;
}

}  // namespace

json::object FhirAuditEvent(const StoredEvent& e, const std::string& site_name) {
  json::object r;
  r["resourceType"] = "AuditEvent";
  r["id"] = e.id;
  r["meta"] =
      json::object{{"profile", json::array{"https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit"}}};
  const char* rest = RestInteraction(e.action);
  if (e.action == "sign_in" || e.action == "sign_out") {
    r["type"] = Coding("http://dicom.nema.org/resources/ontology/DCM", "110114", "User Authentication");
    r["subtype"] =
        json::array{e.action == "sign_in" ? Coding("http://dicom.nema.org/resources/ontology/DCM", "110122", "Login")
                                          : Coding("http://dicom.nema.org/resources/ontology/DCM", "110123", "Logout")};
  } else if (rest) {
    r["type"] = Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation");
    r["subtype"] = json::array{Coding("http://hl7.org/fhir/restful-interaction", rest, rest)};
  } else {
    r["type"] = Coding("http://dicom.nema.org/resources/ontology/DCM", "110113", "Security Alert");
    r["subtype"] = json::array{Coding("urn:stepwise:audit-action", e.action, e.action)};
  }
  r["action"] = ActionCode(e.action);
  r["recorded"] = e.occurred_at;
  // 0 success, 4 minor failure (refused), 8 serious failure.
  r["outcome"] = e.outcome == "success" ? "0" : e.outcome == "denied" ? "4" : "8";
  if (!e.reason.empty()) r["outcomeDesc"] = e.reason;
  if (e.action == "emergency_access") {
    r["purposeOfEvent"] =
        json::array{json::object{{"coding", json::array{Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                                               "ETREAT", "Emergency Treatment")}}}};
  }
  json::object who{{"identifier", json::object{{"system", "urn:stepwise:user"}, {"value", e.user_id}}}};
  if (!e.username.empty()) who["display"] = e.username;
  json::object agent{{"type", json::object{{"coding", json::array{Coding("http://dicom.nema.org/resources/ontology/DCM",
                                                                         "110153", "Source Role ID")}}}},
                     {"who", std::move(who)},
                     {"requestor", true}};
  if (!e.role.empty()) agent["role"] = json::array{json::object{{"text", e.role}}};
  if (!e.source_address.empty()) {
    agent["network"] = json::object{{"address", e.source_address}, {"type", "2"}};  // 2 = IP address
  }
  r["agent"] = json::array{std::move(agent)};
  r["source"] = json::object{{"site", site_name},
                             {"observer", json::object{{"display", "Stepwise"}}},
                             {"type", json::array{Coding("http://terminology.hl7.org/CodeSystem/security-source-type",
                                                         "4", "Application Server")}}};
  json::array entity;
  if (!e.client_id.empty()) {
    entity.emplace_back(
        json::object{{"what", json::object{{"reference", "Patient/" + e.client_id}}},
                     {"type", Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person")},
                     {"role", Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient")}});
  }
  if (!e.resource_id.empty() || !e.resource_type.empty()) {
    json::object what;
    if (!e.resource_id.empty()) what["identifier"] = json::object{{"value", e.resource_id}};
    what["display"] = e.resource_type;
    entity.emplace_back(
        json::object{{"what", std::move(what)},
                     {"type", Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object")},
                     {"description", e.data_category}});
  }
  if (!entity.empty()) r["entity"] = std::move(entity);
  return r;
}

}  // namespace stepwise::audit
