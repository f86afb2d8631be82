#include "platform/http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "platform/http/server.h"

namespace stepwise::http {
namespace {

Request Make(Method m, std::string path) {
  Request r;
  r.method = m;
  r.path = std::move(path);
  r.request_id = "req-1";
  return r;
}

TEST(Router, MatchesPatternsAndFillsParameters) {
  Router router;
  std::string seen;
  router.Add(Method::kGet, "/api/v1/clients/{id}", "clients.read", [&](Request& r) -> Result<Response> {
    seen = r.Param("id");
    return Response::Json(200, "{}");
  });
  auto req = Make(Method::kGet, "/api/v1/clients/abc");
  EXPECT_EQ(router.Dispatch(req).status, 200);
  EXPECT_EQ(seen, "abc");
  EXPECT_EQ(req.route, "/api/v1/clients/{id}");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithTheEnvelope) {
  Router router;
  router.Add(Method::kGet, "/api/v1/clients", "clients.read",
             [](Request&) -> Result<Response> { return Response::Json(200, "{}"); });
  auto missing = Make(Method::kGet, "/api/v1/nothing");
  auto r404 = router.Dispatch(missing);
  EXPECT_EQ(r404.status, 404);
  EXPECT_NE(r404.body.find("\"code\":\"not_found\""), std::string::npos);
  auto wrong = Make(Method::kDelete, "/api/v1/clients");
  auto r405 = router.Dispatch(wrong);
  EXPECT_EQ(r405.status, 405);
  EXPECT_NE(r405.body.find("method_not_allowed"), std::string::npos);
}

TEST(Router, ErrorsMapToStatusesInOnePlace) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kFailedPrecondition), 412);
  EXPECT_EQ(StatusFor(ErrorCode::kPreconditionRequired), 428);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  auto r = ErrorResponse(Error::Field("birth_date", "must be a real date"), "id");
  EXPECT_EQ(
      r.body,
      R"({"error":{"code":"invalid_argument","message":"invalid birth_date","fields":[{"field":"birth_date","message":"must be a real date"}]}})");
}

TEST(Router, ExceptionsBecomeAGeneric500) {
  Router router;
  router.Add(Method::kGet, "/boom", "public",
             [](Request&) -> Result<Response> { throw std::runtime_error("secret detail"); });
  auto req = Make(Method::kGet, "/boom");
  auto r = router.Dispatch(req);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
  EXPECT_NE(r.body.find("req-1"), std::string::npos);
}

TEST(Router, InternalErrorMessagesAreNotShown) {
  auto r = ErrorResponse(Error::Internal("SQL said: Maria Lopez"), "rid");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("Maria"), std::string::npos);
}

TEST(HandleRequest, AddsSecurityHeadersAndRequestId) {
  Router router;
  router.Add(Method::kGet, "/api/v1/x", "public",
             [](Request&) -> Result<Response> { return Response::Json(200, "{}"); });
  StaticFiles none("");
  auto req = Make(Method::kGet, "/api/v1/x");
  auto r = HandleRequest(router, none, req);
  auto header = [&](const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return std::string();
  };
  EXPECT_EQ(header("X-Request-Id"), "req-1");
  EXPECT_EQ(header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header("Cache-Control"), "no-store");
  EXPECT_EQ(header("Referrer-Policy"), "no-referrer");
  EXPECT_NE(header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
}

}  // namespace
}  // namespace stepwise::http
