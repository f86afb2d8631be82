// Request and Response as the router and handlers see them: plain values, no Beast types, so only
// server.cc pays for Beast's headers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/base/result.h"
#include "platform/security/actor.h"

namespace stepwise::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
const char* MethodName(Method m);

struct Request {
  Method method = Method::kGet;
  std::string path;                                          // decoded path without the query string
  std::map<std::string, std::string> query;                  // decoded query parameters (last one wins)
  std::vector<std::pair<std::string, std::string>> headers;  // names in lowercase
  std::string body;
  std::string request_id;
  std::string remote_address;
  bool secure = false;  // arrived over TLS (or from a trusted proxy that says so)

  // Filled by the router:
  std::map<std::string, std::string> params;  // path parameters such as {id}
  std::string route;                          // the matched route pattern, for logs
  Actor actor;

  std::optional<std::string_view> Header(std::string_view lowercase_name) const;
  // The query parameter or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  const std::string& Param(const std::string& name) const { return params.at(name); }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  static Response Json(int status, std::string body);
  static Response NoContent();
};

// The one place an Error becomes an HTTP status and the JSON error envelope.
int StatusFor(ErrorCode code);
Response ErrorResponse(const Error& error, std::string_view request_id);

}  // namespace stepwise::http
