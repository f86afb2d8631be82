#include "platform/http/json.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "platform/base/uuid.h"

namespace stepwise::http {
namespace {

std::string FormatNumber(double d) {
  std::string s = std::to_string(d);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string ObjectReader::PathOf(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

const json::value* ObjectReader::Find(std::string_view key, Need need) {
  seen_.emplace(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->value().is_null()) {
    if (need == Need::kRequired) errors_.Add(PathOf(key), "is required");
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> ObjectReader::String(std::string_view key, Need need, std::size_t max_length) {
  const json::value* v = Find(key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.Add(PathOf(key), "must be a string");
    return std::nullopt;
  }
  std::string s(v->get_string());
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  if (s.empty()) {
    if (need == Need::kRequired) errors_.Add(PathOf(key), "is required");
    return std::nullopt;
  }
  if (s.size() > max_length) {
    errors_.Add(PathOf(key), "must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\n' && c != '\t') {
      errors_.Add(PathOf(key), "must not contain control characters");
      return std::nullopt;
    }
  }
  return s;
}

std::optional<std::int64_t> ObjectReader::Int(std::string_view key, Need need, std::int64_t min, std::int64_t max) {
  const json::value* v = Find(key, need);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    errors_.Add(PathOf(key), "must be a whole number");
    return std::nullopt;
  }
  if (n < min || n > max) {
    errors_.Add(PathOf(key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> ObjectReader::Bool(std::string_view key, Need need) {
  const json::value* v = Find(key, need);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    errors_.Add(PathOf(key), "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<double> ObjectReader::Number(std::string_view key, Need need, double min, double max) {
  const json::value* v = Find(key, need);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    errors_.Add(PathOf(key), "must be a number");
    return std::nullopt;
  }
  const double d = v->to_number<double>();
  if (!(d >= min && d <= max)) {
    errors_.Add(PathOf(key), "must be between " + FormatNumber(min) + " and " + FormatNumber(max));
    return std::nullopt;
  }
  return d;
}

std::optional<Date> ObjectReader::DateValue(std::string_view key, Need need) {
  auto s = String(key, need, 10);
  if (!s) return std::nullopt;
  auto d = ParseDate(*s);
  if (!d) errors_.Add(PathOf(key), "must be a real date as YYYY-MM-DD");
  return d;
}

std::optional<std::string> ObjectReader::Code(std::string_view key, Need need,
                                              const std::vector<std::string_view>& allowed) {
  auto s = String(key, need, 64);
  if (!s) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    errors_.Add(PathOf(key), "must be one of: " + list);
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> ObjectReader::Id(std::string_view key, Need need) {
  auto s = String(key, need, 36);
  if (!s) return std::nullopt;
  if (!IsUuid(*s)) {
    errors_.Add(PathOf(key), "must be an id (UUID)");
    return std::nullopt;
  }
  std::transform(s->begin(), s->end(), s->begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<std::string> ObjectReader::Codes(std::string_view key, Need need,
                                             const std::vector<std::string_view>& allowed) {
  std::vector<std::string> out;
  const json::value* v = Find(key, need);
  if (!v) return out;
  if (!v->is_array()) {
    errors_.Add(PathOf(key), "must be a list");
    return out;
  }
  std::size_t i = 0;
  for (const auto& item : v->get_array()) {
    std::string path = PathOf(key) + "[" + std::to_string(i++) + "]";
    if (!item.is_string() ||
        std::find(allowed.begin(), allowed.end(), std::string_view(item.get_string())) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      errors_.Add(path, "must be one of: " + list);
      continue;
    }
    std::string code(item.get_string());
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  if (need == Need::kRequired && out.empty() && errors_.empty()) errors_.Add(PathOf(key), "needs at least one value");
  return out;
}

bool ObjectReader::Objects(std::string_view key, Need need, const std::function<void(ObjectReader&)>& each) {
  const json::value* v = Find(key, need);
  if (!v) return false;
  if (!v->is_array()) {
    errors_.Add(PathOf(key), "must be a list");
    return false;
  }
  std::size_t i = 0;
  for (const auto& item : v->get_array()) {
    std::string path = PathOf(key) + "[" + std::to_string(i++) + "]";
    if (!item.is_object()) {
      errors_.Add(path, "must be an object");
      continue;
    }
    ObjectReader r(item.get_object(), path, errors_);
    each(r);
    r.RejectUnknown();
  }
  return true;
}

bool ObjectReader::Object(std::string_view key, Need need, const std::function<void(ObjectReader&)>& read) {
  const json::value* v = Find(key, need);
  if (!v) return false;
  if (!v->is_object()) {
    errors_.Add(PathOf(key), "must be an object");
    return false;
  }
  ObjectReader r(v->get_object(), PathOf(key), errors_);
  read(r);
  r.RejectUnknown();
  return true;
}

void ObjectReader::RejectUnknown() {
  for (const auto& kv : object_) {
    if (!seen_.contains(std::string_view(kv.key()))) errors_.Add(PathOf(kv.key()), "is not a known field");
  }
}

Result<json::object> ParseObject(const Request& request) {
  if (request.body.empty())
    return Error::InvalidArgument("the request needs a JSON object body", {{"body", "is empty"}});
  boost::system::error_code ec;
  json::value v = json::parse(request.body, ec);
  if (ec) return Error::InvalidArgument("the body is not valid JSON", {{"body", "is not valid JSON"}});
  if (!v.is_object())
    return Error::InvalidArgument("the body must be a JSON object", {{"body", "must be a JSON object"}});
  return std::move(v.get_object());
}

Status ReadBody(const json::object& body, const std::function<void(ObjectReader&)>& read) {
  FieldErrors errors;
  ObjectReader r(body, "", errors);
  read(r);
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

std::string Serialize(const json::value& v) { return json::serialize(v); }

Response JsonResponse(int status, const json::value& v) { return Response::Json(status, json::serialize(v)); }

json::value OrNull(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::string(*s);
}

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::value DateOrNull(const std::optional<Date>& d) { return d ? json::value(FormatDate(*d)) : json::value(nullptr); }

Result<std::int64_t> RequireIfMatch(const Request& request) {
  auto h = request.Header("if-match");
  if (!h) return Error::VersionRequired();
  std::string_view v = *h;
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t n = 0;
  if (v.empty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Error::InvalidArgument("If-Match must carry a record version",
                                  {{"If-Match", "must be a version such as \"3\""}});
  }
  for (char c : v) n = n * 10 + (c - '0');
  return n;
}

void SetEtag(Response& response, std::int64_t version) {
  response.SetHeader("ETag", "\"" + std::to_string(version) + "\"");
}

Result<int> QueryLimit(const Request& request) {
  auto q = request.Query("limit");
  if (!q) return 50;
  int n = 0;
  for (char c : *q) {
    if (c < '0' || c > '9' || n > 1000) return Error::Field("limit", "must be a number from 1 to 200");
    n = n * 10 + (c - '0');
  }
  if (q->empty() || n < 1 || n > 200) return Error::Field("limit", "must be a number from 1 to 200");
  return n;
}

Result<std::string> PathId(const Request& request, const std::string& name) {
  std::string id = request.Param(name);
  if (!IsUuid(id)) return Error::Field(name, "must be an id (UUID)");
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return std::tolower(c); });
  return id;
}

Result<bool> QueryFlag(const Request& request, std::string_view name) {
  auto q = request.Query(name);
  if (!q || *q == "false" || *q == "0") return false;
  if (*q == "true" || *q == "1") return true;
  return Error::Field(std::string(name), "must be true or false");
}

void PutMeta(json::object& out, const RecordMeta& m) {
  out["id"] = m.id;
  out["version"] = m.version;
  out["voided"] = m.voided;
  out["void_reason"] = m.voided ? json::value(m.void_reason) : json::value(nullptr);
  out["created_at"] = m.created_at;
  out["updated_at"] = m.updated_at;
}

Response RecordResponse(int status, const json::value& body, std::int64_t version) {
  Response r = JsonResponse(status, body);
  SetEtag(r, version);
  return r;
}

Address ReadAddress(ObjectReader& r) {
  Address a;
  a.line1 = r.String("line1").value_or("");
  a.line2 = r.String("line2").value_or("");
  a.city = r.String("city", Need::kOptional, 100).value_or("");
  a.state = r.String("state", Need::kOptional, 50).value_or("");
  a.postal_code = r.String("postal_code", Need::kOptional, 20).value_or("");
  return a;
}

json::object AddressJson(const Address& a) {
  return {{"line1", a.line1}, {"line2", a.line2}, {"city", a.city}, {"state", a.state}, {"postal_code", a.postal_code}};
}

Result<std::string> ReadVoidReason(const Request& request) {
  SW_ASSIGN(auto body, ParseObject(request));
  std::string reason;
  SW_TRY(ReadBody(body, [&](ObjectReader& r) { reason = r.String("reason", Need::kRequired, 500).value_or(""); }));
  return reason;
}

Handler WithId(std::function<Result<Response>(Request&, const std::string&)> f) {
  return [f = std::move(f)](Request& req) -> Result<Response> {
    SW_ASSIGN(auto id, PathId(req));
    return f(req, id);
  };
}

Handler WithVersion(std::function<Result<Response>(Request&, const std::string&, std::int64_t)> f) {
  return [f = std::move(f)](Request& req) -> Result<Response> {
    SW_ASSIGN(auto id, PathId(req));
    SW_ASSIGN(auto expected, RequireIfMatch(req));
    return f(req, id, expected);
  };
}

Handler VoidWith(std::function<Result<Response>(Request&, const std::string&, std::int64_t, const std::string&)> f) {
  return [f = std::move(f)](Request& req) -> Result<Response> {
    SW_ASSIGN(auto id, PathId(req));
    SW_ASSIGN(auto expected, RequireIfMatch(req));
    SW_ASSIGN(auto reason, ReadVoidReason(req));
    return f(req, id, expected, reason);
  };
}

}  // namespace stepwise::http
