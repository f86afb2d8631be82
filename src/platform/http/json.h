// JSON in and out of handlers (Boost.JSON), with field-level validation.
//
// ObjectReader reads one JSON object, collects every problem as a FieldError with its JSON path, and
// reports fields it was never asked about as unknown, so a typo cannot silently drop data.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"
#include "platform/http/request.h"
#include "platform/http/router.h"

namespace stepwise::http {

namespace json = boost::json;

enum class Need { kOptional, kRequired };

class ObjectReader {
 public:
  ObjectReader(const json::object& object, std::string path, FieldErrors& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {}
  ~ObjectReader() = default;

  // A string, trimmed of surrounding spaces; JSON null and "" count as absent.
  std::optional<std::string> String(std::string_view key, Need need = Need::kOptional, std::size_t max_length = 200);
  std::optional<std::int64_t> Int(std::string_view key, Need need, std::int64_t min, std::int64_t max);
  std::optional<bool> Bool(std::string_view key, Need need = Need::kOptional);
  // A number (integer or not) within [min, max].
  std::optional<double> Number(std::string_view key, Need need, double min, double max);
  // The raw value, for shapes the typed readers do not cover (marks the key as read; nullptr if absent).
  const json::value* Value(std::string_view key, Need need = Need::kOptional) { return Find(key, need); }
  std::optional<Date> DateValue(std::string_view key, Need need = Need::kOptional);
  // A string that must be one of `allowed`.
  std::optional<std::string> Code(std::string_view key, Need need, const std::vector<std::string_view>& allowed);
  std::optional<std::string> Id(std::string_view key, Need need = Need::kOptional);
  // Calls `each` for every element of an array of objects; returns false if absent or wrong.
  bool Objects(std::string_view key, Need need, const std::function<void(ObjectReader&)>& each);
  // Reads a nested object; `read` is not called when it is absent or not an object.
  bool Object(std::string_view key, Need need, const std::function<void(ObjectReader&)>& read);
  std::vector<std::string> Codes(std::string_view key, Need need, const std::vector<std::string_view>& allowed);

  // Reports keys that were never read. Call after all reads.
  void RejectUnknown();

  std::string PathOf(std::string_view key) const;
  FieldErrors& errors() { return errors_; }

 private:
  const json::value* Find(std::string_view key, Need need);

  const json::object& object_;
  std::string path_;
  FieldErrors& errors_;
  std::set<std::string, std::less<>> seen_;
};

// Parses a request body that must be one JSON object; 400 otherwise.
Result<json::object> ParseObject(const Request& request);

// Runs `read` over the parsed body, then rejects unknown fields; returns the collected errors, if any.
Status ReadBody(const json::object& body, const std::function<void(ObjectReader&)>& read);

std::string Serialize(const json::value& v);
Response JsonResponse(int status, const json::value& v);

// JSON null for an empty optional.
json::value OrNull(const std::optional<std::string>& s);
// JSON null for an empty string (an id or text that is not set).
json::value TextOrNull(const std::string& s);
// "YYYY-MM-DD", or JSON null without a date.
json::value DateOrNull(const std::optional<Date>& d);

// Reads If-Match: `"3"`, `W/"3"` or `3`. kPreconditionRequired when absent, kInvalidArgument when bad.
Result<std::int64_t> RequireIfMatch(const Request& request);
void SetEtag(Response& response, std::int64_t version);

// Reads `limit` (1..200, default 50) from the query string.
Result<int> QueryLimit(const Request& request);
// Reads a path parameter that must be a UUID; 400 naming it otherwise.
Result<std::string> PathId(const Request& request, const std::string& name = "id");
// Reads a boolean query flag ("true"/"false"/"1"/"0").
Result<bool> QueryFlag(const Request& request, std::string_view name);

// The bookkeeping fields every record sends: id, version, voided, void_reason, created_at, updated_at.
void PutMeta(json::object& out, const RecordMeta& meta);
// A response for one record: the JSON body plus its ETag.
Response RecordResponse(int status, const json::value& body, std::int64_t version);

Address ReadAddress(ObjectReader& r);
json::object AddressJson(const Address& a);

// Route helpers for the three shapes every record has. Each reads the {id} path parameter (400 if it
// is not a UUID); WithVersion also reads If-Match (428/400); VoidWith also reads {"reason"}.
Handler WithId(std::function<Result<Response>(Request&, const std::string& id)> f);
Handler WithVersion(std::function<Result<Response>(Request&, const std::string& id, std::int64_t expected)> f);
Handler VoidWith(
    std::function<Result<Response>(Request&, const std::string& id, std::int64_t expected, const std::string& reason)>
        f);

// Reads a void request body {"reason": "..."} (required, at most 500 characters).
Result<std::string> ReadVoidReason(const Request& request);

}  // namespace stepwise::http
