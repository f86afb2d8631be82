// HTTP routes for Part 2 consents, court orders, disclosures and the accounting of disclosures.
#pragma once

#include "care/consent/consent_service.h"
#include "care/consent/disclosure_service.h"
#include "platform/http/router.h"

namespace stepwise::consent {

void AddConsentRoutes(http::Router& router, ConsentService& service);
void AddDisclosureRoutes(http::Router& router, DisclosureService& service);

}  // namespace stepwise::consent
