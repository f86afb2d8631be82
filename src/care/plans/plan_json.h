// Plan content, reviews, hours and checks as JSON: the stored text of a version or review and the same
// shapes on the wire (docs/api.md "Treatment plans"). Reading a request body with field errors is in
// plan_routes.cc (http::ObjectReader); this file knows Boost.JSON only.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "care/plans/plan_model.h"

namespace stepwise::plans {

boost::json::object ContentJson(const PlanContent& c);
std::string ContentText(const PlanContent& c);
// Reads stored content; what it cannot read stays empty (the text was written by ContentText).
PlanContent ContentFromText(std::string_view text);

boost::json::object ReviewContentJson(const ReviewContent& r);
std::string ReviewContentText(const ReviewContent& r);
ReviewContent ReviewContentFromText(std::string_view text);

boost::json::object HoursJson(const PlannedHours& h);
boost::json::array ChecksJson(const std::vector<CheckResult>& checks);
boost::json::array ChangesJson(const std::vector<Change>& changes);

}  // namespace stepwise::plans
