// HTTP endpoints of drug testing (docs/api.md "Drug testing").
#pragma once

#include "care/testing/testing_service.h"
#include "platform/http/router.h"

namespace stepwise::testing {

// Programs' testing policies, the day's selection and board, closing a day, collections, results, the lab
// import, the client's tests and ladder state, the review queue and decisions.
void AddTestingRoutes(http::Router& router, TestingService& testing);

}  // namespace stepwise::testing
