// HTTP routes for clients and episodes of care, and the client JSON other admissions routes reuse.
#pragma once

#include <boost/json/object.hpp>

#include "care/admissions/client_service.h"
#include "platform/http/json.h"
#include "platform/http/router.h"

namespace stepwise::admissions {

void AddClientRoutes(http::Router& router, ClientService& service);

// A row of the client list: id, mrn, names, birth date, age, stage, track, counselor.
boost::json::object ClientSummaryJson(const ClientSummary& summary);
// A client who may be the same person, with `why` (for the inquiry and new-client duplicate checks).
boost::json::object PossibleDuplicatesJson(const std::vector<PossibleDuplicate>& found);
boost::json::object EpisodeJson(const Episode& episode);
// Reads a client's fields (the body of POST /api/v1/clients) from `reader`.
void ReadClientFields(http::ObjectReader& reader, Client& client);

}  // namespace stepwise::admissions
