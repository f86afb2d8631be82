#include "platform/audit/audit_fhir.h"

#include <boost/json/array.hpp>

namespace stepwise::audit {

namespace json = boost::json;

namespace {

constexpr const char* kDcm = "http://dicom.nema.org/resources/ontology/DCM";
constexpr const char* kBalp = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";

json::object Coding(const char* system, std::string code, std::string display) {
  return json::object{{"system", system}, {"code", std::move(code)}, {"display", std::move(display)}};
}

json::object Concept(json::object coding) { return json::object{{"coding", json::array{std::move(coding)}}}; }

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    for (int s : {18, 12, 6, 0}) out += kAlphabet[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// Which BALP pattern an event follows. A read or an export of one record is a RESTful read; a search, a list
// or an export of many rows is a query (BALP's Query has action E even when the rows are then saved).
enum class Kind { kRead, kQuery, kCreate, kUpdate, kDelete, kDisclose, kAuthentication, kOther };

Kind KindOf(const StoredEvent& e) {
  if (e.action == "read") return Kind::kRead;
  if (e.action == "export") return e.resource_id.empty() ? Kind::kQuery : Kind::kRead;
  if (e.action == "query") return Kind::kQuery;
  if (e.action == "create") return Kind::kCreate;
  if (e.action == "update") return Kind::kUpdate;
  if (e.action == "void") return Kind::kDelete;
  if (e.action == "disclose") return Kind::kDisclose;
  if (e.action == "sign_in" || e.action == "sign_out") return Kind::kAuthentication;
  return Kind::kOther;
}

// FHIR AuditEvent.action: C create, R read, U update, D delete, E execute.
const char* ActionCode(Kind kind, const std::string& action) {
  switch (kind) {
    case Kind::kRead:
    case Kind::kDisclose:
      return "R";
    case Kind::kCreate:
      return "C";
    case Kind::kUpdate:
      return "U";
    case Kind::kDelete:
      return "D";
    default:
      return action == "print" ? "R" : "E";
  }
}

// http://hl7.org/fhir/restful-interaction, for the REST subtypes BALP uses.
const char* RestInteraction(Kind kind) {
  switch (kind) {
    case Kind::kRead:
      return "read";
    case Kind::kQuery:
      return "search-type";
    case Kind::kCreate:
      return "create";
    case Kind::kUpdate:
      return "update";
    case Kind::kDelete:
      return "delete";
    default:
      return nullptr;
  }
}

}  // namespace

json::object FhirAuditEvent(const StoredEvent& e, const std::string& site_name, const std::string& server_host,
                            const DisclosureDetail* disclosure) {
  const Kind kind = KindOf(e);
  const bool success = e.outcome == "success";
  json::object r;
  r["resourceType"] = "AuditEvent";
  r["id"] = e.id;
  const char* rest = RestInteraction(kind);
  if (kind == Kind::kAuthentication) {
    r["type"] = Coding(kDcm, "110114", "User Authentication");
    r["subtype"] =
        json::array{e.action == "sign_in" ? Coding(kDcm, "110122", "Login") : Coding(kDcm, "110123", "Logout")};
  } else if (kind == Kind::kDisclose) {
    // BALP PrivacyDisclosure.Source: type DCM 110106 Export, at least the ISO 21089 "disclose" subtype.
    r["type"] = Coding(kDcm, "110106", "Export");
    r["subtype"] = json::array{Coding("http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle", "disclose",
                                      "Disclose Record Lifecycle Event")};
  } else if (rest) {
    r["type"] = Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation");
    r["subtype"] = json::array{Coding("http://hl7.org/fhir/restful-interaction", rest, rest)};
  } else {
    r["type"] = Coding(kDcm, "110113", "Security Alert");
    r["subtype"] = json::array{Coding("urn:stepwise:audit-action", e.action, e.action)};
  }
  r["action"] = ActionCode(kind, e.action);
  r["recorded"] = e.occurred_at;
  // 0 success, 4 minor failure (refused), 8 serious failure.
  r["outcome"] = success ? "0" : e.outcome == "denied" ? "4" : "8";
  if (!e.reason.empty()) r["outcomeDesc"] = e.reason;
  if (e.action == "emergency_access") {
    r["purposeOfEvent"] = json::array{
        Concept(Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "ETREAT", "Emergency Treatment"))};
  } else if (kind == Kind::kDisclose && disclosure && !disclosure->purpose_label.empty()) {
    json::object purpose{{"text", disclosure->purpose_label}};
    if (!disclosure->purpose_code.empty()) {
      purpose["coding"] =
          json::array{Coding("urn:stepwise:disclosure-purpose", disclosure->purpose_code, disclosure->purpose_label)};
    }
    r["purposeOfEvent"] = json::array{std::move(purpose)};
  }

  // Stepwise records every event: the source, and (BALP val-audit-source) the same Reference as the server
  // agent's `who`.
  const json::object observer{{"display", "Stepwise"}};
  json::array agents;
  // The user: BALP's optional user slice (type IRCP, requestor true, no network) for the events that give
  // information to the user; the author of a change or action otherwise.
  const bool informs = kind == Kind::kRead || kind == Kind::kQuery;
  json::object who{{"identifier", json::object{{"system", "urn:stepwise:user"}, {"value", e.user_id}}}};
  if (!e.username.empty()) who["display"] = e.username;
  json::object user{{"type", Concept(informs ? Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                                      "IRCP", "information recipient")
                                             : Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                                      "AUT", "author (originator)"))},
                    {"who", std::move(who)},
                    {"requestor", true}};
  if (!e.username.empty()) user["name"] = e.username;
  if (!e.role.empty()) user["role"] = json::array{json::object{{"text", e.role}}};
  json::object server_network;
  if (!server_host.empty()) server_network = json::object{{"address", server_host}, {"type", "1"}};  // machine name
  bool agents_complete = !server_host.empty();
  if (kind == Kind::kDisclose) {
    // PrivacyDisclosure: agent[source] DCM 110153 (Stepwise, who = source.observer), agent[recipient]
    // DCM 110152. The user's own address stays on the user agent (no client agent: its 110153 would be a
    // second agent[source]).
    if (!e.source_address.empty()) user["network"] = json::object{{"address", e.source_address}, {"type", "2"}};
    agents.emplace_back(std::move(user));
    json::object source{
        {"type", Concept(Coding(kDcm, "110153", "Source Role ID"))}, {"who", observer}, {"requestor", false}};
    if (!server_network.empty()) source["network"] = server_network;
    agents.emplace_back(std::move(source));
    if (disclosure && !disclosure->recipient_name.empty()) {
      json::object recipient{{"type", Concept(Coding(kDcm, "110152", "Destination Role ID"))},
                             {"who", json::object{{"display", disclosure->recipient_name}}},
                             {"requestor", false}};
      // Disclosures leave as print, PDF, fax or mail: the recipient's recorded address (or else the
      // channel) stands in for a network access point, with no network type.
      const std::string& to =
          disclosure->recipient_address.empty() ? disclosure->channel : disclosure->recipient_address;
      if (!to.empty()) recipient["network"] = json::object{{"address", to}};
      agents_complete = agents_complete && !to.empty();
      agents.emplace_back(std::move(recipient));
    } else {
      agents_complete = false;
    }
  } else {
    agents.emplace_back(std::move(user));
    // BALP: for a read the data flows to the client, so the client is the Destination (110152) and the
    // server the Source (110153); for a query (and any other request) the client is the Source.
    const bool read = kind == Kind::kRead;
    if (!e.source_address.empty()) {
      agents.emplace_back(json::object{
          {"type",
           Concept(read ? Coding(kDcm, "110152", "Destination Role ID") : Coding(kDcm, "110153", "Source Role ID"))},
          {"who", json::object{{"display", "Stepwise web client"}}},
          {"requestor", false},
          {"network", json::object{{"address", e.source_address}, {"type", "2"}}}});  // 2 = IP address
    } else {
      agents_complete = false;
    }
    json::object server{{"type", Concept(read ? Coding(kDcm, "110153", "Source Role ID")
                                              : Coding(kDcm, "110152", "Destination Role ID"))},
                        {"who", observer},
                        {"requestor", false}};
    if (!server_network.empty()) server["network"] = std::move(server_network);
    agents.emplace_back(std::move(server));
  }
  r["agent"] = std::move(agents);
  r["source"] = json::object{{"site", site_name},
                             {"observer", observer},
                             {"type", json::array{Coding("http://terminology.hl7.org/CodeSystem/security-source-type",
                                                         "4", "Application Server")}}};

  json::array entity;
  if (!e.client_id.empty()) {
    entity.emplace_back(
        json::object{{"what", json::object{{"reference", "Patient/" + e.client_id}}},
                     {"type", Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person")},
                     {"role", Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient")}});
  }
  bool has_object = false;
  if (kind == Kind::kQuery) {
    // BALP Query: entity[query] type 2, role 24, no `what`, the search base64-encoded in `query`. The audit
    // row keeps what was searched and for which client, not the raw request line, so that is what is encoded.
    std::string search = e.resource_type.empty() ? "search" : e.resource_type + "?";
    if (!e.client_id.empty()) search += (e.resource_type.empty() ? " client=" : "client=") + e.client_id;
    entity.emplace_back(
        json::object{{"type", Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object")},
                     {"role", Coding("http://terminology.hl7.org/CodeSystem/object-role", "24", "Query")},
                     {"description", search},
                     {"query", Base64(search)}});
    has_object = true;
  } else if (!e.resource_id.empty() || !e.resource_type.empty()) {
    json::object what;
    if (!e.resource_id.empty()) what["identifier"] = json::object{{"value", e.resource_id}};
    if (!e.resource_type.empty()) what["display"] = e.resource_type;
    // A disclosure packet is a report (BALP RestObjectRoles: 4 Domain Resource, 3 Report, 20 Job).
    json::object object{
        {"what", std::move(what)},
        {"type", Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object")},
        {"role", kind == Kind::kDisclose
                     ? Coding("http://terminology.hl7.org/CodeSystem/object-role", "3", "Report")
                     : Coding("http://terminology.hl7.org/CodeSystem/object-role", "4", "Domain Resource")}};
    const std::string& description = kind == Kind::kDisclose && disclosure && !disclosure->description.empty()
                                         ? disclosure->description
                                         : e.data_category;
    if (!description.empty()) object["description"] = description;
    entity.emplace_back(std::move(object));
    has_object = true;
  }
  if (!e.request_id.empty()) {
    // BALP entity[transaction]: the X-Request-Id the server answered with.
    entity.emplace_back(
        json::object{{"what", json::object{{"identifier", json::object{{"value", e.request_id}}}}},
                     {"type", Coding("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType", "XrequestId",
                                     "transport specific unique identifier where http X-Request-Id is used")}});
  }
  if (!entity.empty()) r["entity"] = std::move(entity);

  // Name the BALP profile only where the event meets it: those profiles are for successful events.
  std::string profile;
  if (success && agents_complete && has_object) {
    const bool patient = !e.client_id.empty();
    if (kind == Kind::kRead) profile = patient ? "IHE.BasicAudit.PatientRead" : "IHE.BasicAudit.Read";
    if (kind == Kind::kQuery) profile = patient ? "IHE.BasicAudit.PatientQuery" : "IHE.BasicAudit.Query";
    if (kind == Kind::kDisclose && patient) profile = "IHE.BasicAudit.PrivacyDisclosure.Source";
  }
  if (!profile.empty()) r["meta"] = json::object{{"profile", json::array{std::string(kBalp) + profile}}};
  return r;
}

}  // namespace stepwise::audit
