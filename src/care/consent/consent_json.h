// Consents, court orders, releases and the accounting in and out of JSON (docs/api.md "Consent and
// disclosure (42 CFR Part 2)").
#pragma once

#include <boost/json/object.hpp>

#include "care/consent/consent_service.h"
#include "care/consent/disclosure_model.h"
#include "platform/http/json.h"

namespace stepwise::consent {

boost::json::object ConsentJson(const ConsentView& v);
// Applies the top-level keys present in `body` to `c` (a present object replaces that element whole), with
// field errors by JSON path. Used for create (over an empty draft) and PATCH (over the current draft).
Status ApplyConsentBody(const boost::json::object& body, Consent& c);

boost::json::object CourtOrderJson(const CourtOrder& o);
Result<CourtOrder> ReadCourtOrder(const boost::json::object& body);

Result<DisclosureRequest> ReadDisclosureRequest(const boost::json::object& body);
boost::json::object DisclosureJson(const Disclosure& d);
// The API channel's body: {disclosure, notice:{version,text}, consent_summary:[{label,value}],
// sections:[{category,title,fields:[{label,value}],columns,rows,note}]}.
boost::json::object PacketJson(const Packet& p);
boost::json::object AccountingJson(const Accounting& a);

}  // namespace stepwise::consent
