#include "platform/http/request.h"

#include "platform/base/log.h"

namespace stepwise::http {

const char* MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return std::string_view(it->second);
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 412;
    case ErrorCode::kPreconditionRequired:
      return 428;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error, std::string_view request_id) {
  std::string message = error.message;
  if (error.code == ErrorCode::kInternal) {
    // The real message may quote data; it goes to the log with the request id, never to the caller.
    log::Error("internal_error", {{"request_id", request_id}, {"detail", error.message}});
    message = "an internal error occurred; quote request id " + std::string(request_id);
  }
  std::string body = "{\"error\":{\"code\":\"";
  body += ErrorCodeName(error.code);
  body += "\",\"message\":\"";
  log::AppendJsonEscaped(body, message);
  body += "\",\"fields\":[";
  bool first = true;
  for (const auto& f : error.fields) {
    if (!first) body += ',';
    first = false;
    body += "{\"field\":\"";
    log::AppendJsonEscaped(body, f.field);
    body += "\",\"message\":\"";
    log::AppendJsonEscaped(body, f.message);
    body += "\"}";
  }
  body += "]}}";
  Response r = Response::Json(StatusFor(error.code), std::move(body));
  if (error.retry_after_seconds > 0) {
    r.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  } else if (error.code == ErrorCode::kUnavailable) {
    r.SetHeader("Retry-After", "5");
  }
  return r;
}

}  // namespace stepwise::http
