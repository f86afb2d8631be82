#include "care/documents/signature_json.h"

#include <boost/json/parse.hpp>

namespace stepwise::documents {
namespace json = boost::json;

namespace {

// strokes: an array of strokes, each an array of [x, y] pairs of numbers.
bool ReadStrokes(const json::value& v, pdf::SignatureImage& image) {
  if (!v.is_array()) return false;
  for (const json::value& stroke : v.get_array()) {
    if (!stroke.is_array()) return false;
    std::vector<pdf::Point> points;
    for (const json::value& pt : stroke.get_array()) {
      if (!pt.is_array() || pt.get_array().size() != 2) return false;
      const auto& xy = pt.get_array();
      if (!xy[0].is_number() || !xy[1].is_number()) return false;
      points.push_back({xy[0].to_number<double>(), xy[1].to_number<double>()});
      if (points.size() > kMaxPoints) return false;
    }
    image.strokes.push_back(std::move(points));
    if (image.strokes.size() > kMaxStrokes) return false;
  }
  return true;
}

}  // namespace

std::optional<Signature> ReadSignature(http::ObjectReader& r, std::string_view key, http::Need need) {
  std::optional<Signature> out;
  const std::string path = r.PathOf(key);
  FieldErrors& errors = r.errors();
  const bool present = r.Object(key, need, [&](http::ObjectReader& s) {
    Signature sig;
    sig.role = s.String("role", http::Need::kRequired, 40).value_or("");
    sig.signer_name = s.String("signer_name", http::Need::kRequired, 200).value_or("");
    sig.method = s.String("method", http::Need::kRequired, 20).value_or("");
    s.Object("image", http::Need::kOptional, [&](http::ObjectReader& img) {
      sig.image.width = img.Number("width", http::Need::kRequired, 1, 10000).value_or(0);
      sig.image.height = img.Number("height", http::Need::kRequired, 1, 10000).value_or(0);
      const json::value* strokes = img.Value("strokes", http::Need::kRequired);
      if (strokes && !ReadStrokes(*strokes, sig.image)) {
        errors.Add(img.PathOf("strokes"), "must be at most " + std::to_string(kMaxStrokes) +
                                              " strokes of [x, y] number pairs, " + std::to_string(kMaxPoints) +
                                              " points in all");
      }
    });
    if (!sig.role.empty() && !sig.signer_name.empty() && !sig.method.empty()) {
      CheckSignature(sig, path, errors);
    }
    out = std::move(sig);
  });
  if (!present) return std::nullopt;
  return out;
}

json::object ImageJson(const pdf::SignatureImage& image) {
  json::array strokes;
  for (const auto& stroke : image.strokes) {
    json::array points;
    for (const auto& p : stroke) points.push_back(json::array{p.x, p.y});
    strokes.push_back(std::move(points));
  }
  return {{"width", image.width}, {"height", image.height}, {"strokes", std::move(strokes)}};
}

pdf::SignatureImage ImageFromJson(std::string_view text) {
  pdf::SignatureImage image;
  if (text.empty()) return image;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return image;
  const auto& o = v.get_object();
  if (auto it = o.find("width"); it != o.end() && it->value().is_number()) image.width = it->value().to_number<double>();
  if (auto it = o.find("height"); it != o.end() && it->value().is_number()) {
    image.height = it->value().to_number<double>();
  }
  if (auto it = o.find("strokes"); it != o.end() && !ReadStrokes(it->value(), image)) image.strokes.clear();
  return image;
}

json::object SignatureJson(const Signature& s) {
  json::object o{{"id", s.id},
                 {"role", s.role},
                 {"signer_name", s.signer_name},
                 {"staff_id", http::TextOrNull(s.staff_id)},
                 {"method", s.method},
                 {"content_sha256", s.content_sha256},
                 {"signed_at", s.signed_at},
                 {"address", http::TextOrNull(s.address)}};
  o["image"] = s.image.empty() ? json::value(nullptr) : json::value(ImageJson(s.image));
  return o;
}

SigningContext ContextOf(const http::Request& request) {
  SigningContext c;
  if (auto ua = request.Header("user-agent")) c.device = std::string(ua->substr(0, 200));
  c.address = request.remote_address;
  return c;
}

}  // namespace stepwise::documents
