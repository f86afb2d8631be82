#include "platform/http/json.h"

#include <gtest/gtest.h>

namespace stepwise::http {
namespace {

Request WithBody(std::string body) {
  Request r;
  r.body = std::move(body);
  return r;
}

std::vector<std::string> FieldsOf(const Status& s) {
  std::vector<std::string> out;
  if (s.ok()) return out;
  for (const auto& f : s.error().fields) out.push_back(f.field);
  return out;
}

Status ReadPerson(const std::string& body) {
  auto parsed = ParseObject(WithBody(body));
  if (!parsed.ok()) return parsed.error();
  return ReadBody(*parsed, [](ObjectReader& r) {
    r.String("name", Need::kRequired);
    r.DateValue("birth_date", Need::kRequired);
    r.Int("capacity", Need::kOptional, 1, 10);
    r.Object("address", Need::kOptional, [](ObjectReader& a) { a.String("city"); });
  });
}

TEST(Json, UnsetTextAndDatesAreNull) {
  EXPECT_TRUE(TextOrNull("").is_null());
  EXPECT_EQ(TextOrNull("x").as_string(), "x");
  EXPECT_TRUE(DateOrNull(std::nullopt).is_null());
  EXPECT_EQ(DateOrNull(ParseDate("2026-11-22")).as_string(), "2026-11-22");
}

TEST(Json, MalformedBodiesAreRejected) {
  EXPECT_EQ(FieldsOf(ReadPerson("{not json")), (std::vector<std::string>{"body"}));
  EXPECT_EQ(FieldsOf(ReadPerson("[1,2]")), (std::vector<std::string>{"body"}));
  EXPECT_EQ(FieldsOf(ReadPerson("")), (std::vector<std::string>{"body"}));
}

TEST(Json, EveryProblemIsNamed) {
  auto fields =
      FieldsOf(ReadPerson(R"({"birth_date":"2023-02-29","capacity":"3","adress":{},"address":{"town":"x"}})"));
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "birth_date", "capacity", "address.town", "adress"}));
}

TEST(Json, GoodInputPasses) {
  EXPECT_TRUE(
      ReadPerson(R"({"name":" Maria ","birth_date":"1988-04-17","capacity":3,"address":{"city":"Minneapolis"}})").ok());
}

TEST(Json, IfMatchIsRequiredAndParsed) {
  Request r;
  EXPECT_EQ(RequireIfMatch(r).error().code, ErrorCode::kPreconditionRequired);
  r.headers.emplace_back("if-match", "\"7\"");
  EXPECT_EQ(*RequireIfMatch(r), 7);
  r.headers[0].second = "W/\"8\"";
  EXPECT_EQ(*RequireIfMatch(r), 8);
  r.headers[0].second = "\"abc\"";
  EXPECT_EQ(RequireIfMatch(r).error().code, ErrorCode::kInvalidArgument);
}

TEST(Json, LimitsAndIds) {
  Request r;
  r.query["limit"] = "500";
  EXPECT_EQ(QueryLimit(r).error().fields.at(0).field, "limit");
  r.query["limit"] = "20";
  EXPECT_EQ(*QueryLimit(r), 20);
  r.params["id"] = "nope";
  EXPECT_EQ(PathId(r).error().fields.at(0).field, "id");
}

}  // namespace
}  // namespace stepwise::http
