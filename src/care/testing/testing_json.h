// Drug-testing records and views as JSON (docs/api.md "Drug testing"), and the request bodies read with
// field errors by JSON path.
#pragma once

#include <boost/json/object.hpp>

#include "care/testing/testing_service.h"
#include "platform/http/json.h"

namespace stepwise::testing {

boost::json::object PolicyViewJson(const PolicyView& v);
boost::json::object BoardJson(const Board& b);
boost::json::object BoardEntryJson(const BoardEntry& e);
boost::json::object SelectionViewJson(const SelectionView& v);
boost::json::object CollectionViewJson(const CollectionView& v);
boost::json::object EventJson(const TestingEvent& e);
boost::json::object ReviewItemJson(const ReviewItem& r);
boost::json::object ImportReportJson(const ImportReport& r);
boost::json::object ClientTestsJson(const ClientTests& t);
boost::json::object TestingStateJson(const TestingState& s);

CollectionDraft ReadCollection(http::ObjectReader& r);
ResultDraft ReadResult(http::ObjectReader& r);

}  // namespace stepwise::testing
