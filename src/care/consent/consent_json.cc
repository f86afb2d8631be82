#include "care/consent/consent_json.h"

#include "care/consent/consent_render.h"
#include "care/documents/signature_json.h"

namespace stepwise::consent {

namespace json = boost::json;
using http::DateOrNull;
using http::Need;
using http::ObjectReader;
using http::TextOrNull;
using program::Codes;

json::object ConsentJson(const ConsentView& v) {
  const Consent& c = v.consent;
  json::object j;
  http::PutMeta(j, c.meta);
  j["client_id"] = c.client_id;
  j["part2"] = c.part2;
  j["kind"] = c.kind;
  j["status"] = v.status_now;
  j["discloser"] = c.discloser;
  json::array cats;
  for (const auto& code : c.categories) cats.emplace_back(code);
  j["information"] = {{"categories", std::move(cats)}, {"description", c.information_description}};
  j["recipient"] = {{"kind", c.recipient.kind},
                    {"category", c.recipient.category},
                    {"name", c.recipient.name},
                    {"organization", c.recipient.organization},
                    {"address", c.recipient.address},
                    {"relationship", c.recipient.relationship}};
  j["purpose"] = {{"code", c.purpose_code}, {"text", c.purpose_text}, {"label", PurposeLabel(c.purpose_code)}};
  j["revocation_statement"] = c.revocation_statement;
  j["expiration"] = {{"kind", c.expiration.kind},
                     {"date", DateOrNull(c.expiration.date)},
                     {"event", TextOrNull(c.expiration.event)}};
  if (c.kind == "tpo") {
    j["tpo_statements"] = {{"redisclosure", c.tpo_redisclosure}, {"refusal_consequences", c.tpo_refusal}};
  } else {
    j["tpo_statements"] = nullptr;
  }
  j["signature"] = v.signatures.empty() ? json::value(nullptr) : json::value(documents::SignatureJson(v.signatures[0]));
  j["signed_on"] = DateOrNull(c.signed_on);
  if (c.revocation) {
    j["revocation"] = {{"revoked_at", c.revocation->revoked_at},
                       {"revoked_on", FormatDate(c.revocation->revoked_on)},
                       {"recorded_by_name", c.revocation->recorded_by_name},
                       {"method", c.revocation->method},
                       {"note", c.revocation->note}};
  } else {
    j["revocation"] = nullptr;
  }
  j["days_to_expiry"] = v.days_to_expiry ? json::value(*v.days_to_expiry) : json::value(nullptr);
  j["expiring_soon"] = v.expiring_soon;
  j["plain_language"] = v.plain_language;
  j["disclosure_count"] = v.disclosure_count;
  j["client_name"] = v.client_name;
  return j;
}

Status ApplyConsentBody(const json::object& body, Consent& c) {
  return http::ReadBody(body, [&](ObjectReader& r) {
    if (body.contains("kind")) c.kind = r.Code("kind", Need::kRequired, Codes(ConsentKinds())).value_or(c.kind);
    if (body.contains("discloser")) c.discloser = r.String("discloser", Need::kOptional, 200).value_or("");
    r.Object("information", Need::kOptional, [&](ObjectReader& i) {
      c.categories = i.Codes("categories", Need::kOptional, Codes(InformationCategories()));
      c.information_description = i.String("description", Need::kOptional, 1000).value_or("");
    });
    r.Object("recipient", Need::kOptional, [&](ObjectReader& p) {
      c.recipient.kind = p.Code("kind", Need::kOptional, Codes(RecipientKinds())).value_or("");
      c.recipient.category = p.Code("category", Need::kOptional, Codes(RecipientCategories())).value_or("");
      c.recipient.name = p.String("name", Need::kOptional, 200).value_or("");
      c.recipient.organization = p.String("organization", Need::kOptional, 200).value_or("");
      c.recipient.address = p.String("address", Need::kOptional, 400).value_or("");
      c.recipient.relationship = p.String("relationship", Need::kOptional, 100).value_or("");
    });
    r.Object("purpose", Need::kOptional, [&](ObjectReader& p) {
      c.purpose_code = p.Code("code", Need::kOptional, Codes(Purposes())).value_or("");
      c.purpose_text = p.String("text", Need::kOptional, 1000).value_or("");
      p.String("label");  // sent back as received from GET; ignored
    });
    if (body.contains("revocation_statement")) {
      c.revocation_statement = r.String("revocation_statement", Need::kOptional, 2000).value_or("");
    }
    r.Object("expiration", Need::kOptional, [&](ObjectReader& e) {
      c.expiration.kind = e.Code("kind", Need::kOptional, Codes(ExpirationKinds())).value_or("");
      c.expiration.date = e.DateValue("date");
      c.expiration.event = e.String("event", Need::kOptional, 200).value_or("");
    });
    r.Object("tpo_statements", Need::kOptional, [&](ObjectReader& t) {
      c.tpo_redisclosure = t.String("redisclosure", Need::kOptional, 2000).value_or("");
      c.tpo_refusal = t.String("refusal_consequences", Need::kOptional, 2000).value_or("");
    });
  });
}

json::object CourtOrderJson(const CourtOrder& o) {
  json::object j;
  http::PutMeta(j, o.meta);
  j["client_id"] = o.client_id;
  j["part2"] = o.part2;
  j["court"] = o.court;
  j["case_number"] = o.case_number;
  j["judge"] = o.judge;
  j["order_date"] = FormatDate(o.order_date);
  j["description"] = o.description;
  j["expires_on"] = DateOrNull(o.expires_on);
  j["recorded_by_name"] = o.recorded_by_name;
  return j;
}

Result<CourtOrder> ReadCourtOrder(const json::object& body) {
  CourtOrder o;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    o.court = r.String("court", Need::kRequired, 200).value_or("");
    o.case_number = r.String("case_number", Need::kRequired, 100).value_or("");
    o.judge = r.String("judge", Need::kOptional, 200).value_or("");
    o.order_date = r.DateValue("order_date", Need::kRequired).value_or(Date{});
    o.description = r.String("description", Need::kRequired, 2000).value_or("");
    o.expires_on = r.DateValue("expires_on");
  }));
  return o;
}

Result<DisclosureRequest> ReadDisclosureRequest(const json::object& body) {
  DisclosureRequest d;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    d.consent_id = r.Id("consent_id").value_or("");
    d.recipient_name = r.String("recipient_name", Need::kRequired, 200).value_or("");
    d.recipient_address = r.String("recipient_address", Need::kOptional, 400).value_or("");
    d.purpose = r.Code("purpose", Need::kRequired, Codes(Purposes())).value_or("");
    d.categories = r.Codes("categories", Need::kRequired, Codes(InformationCategories()));
    d.description = r.String("description", Need::kOptional, 500).value_or("");
    d.channel = r.Code("channel", Need::kRequired, Codes(Channels())).value_or("");
    d.court_order_id = r.Id("court_order_id").value_or("");
  }));
  return d;
}

namespace {

json::array Pairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  json::array out;
  for (const auto& [label, value] : pairs) out.emplace_back(json::object{{"label", label}, {"value", value}});
  return out;
}

json::array Strings(const std::vector<std::string>& v) {
  json::array out;
  for (const auto& s : v) out.emplace_back(s);
  return out;
}

}  // namespace

json::object DisclosureJson(const Disclosure& d) {
  return {{"id", d.id},
          {"client_id", d.client_id},
          {"part2", d.part2},
          {"disclosed_at", d.disclosed_at},
          {"recipient_name", d.recipient_name},
          {"recipient_address", d.recipient_address},
          {"description", d.description},
          {"categories", Strings(d.categories)},
          {"purpose", d.purpose},
          {"purpose_label", PurposeLabel(d.purpose)},
          {"user_name", d.user_name},
          {"consent_id", TextOrNull(d.consent_id)},
          {"court_order_id", TextOrNull(d.court_order_id)},
          {"channel", d.channel},
          {"notice_version", d.notice_version}};
}

json::object PacketJson(const Packet& p) {
  json::array sections;
  for (const auto& s : p.sections) {
    json::array rows;
    for (const auto& r : s.rows) rows.emplace_back(Strings(r));
    sections.emplace_back(json::object{{"category", s.category},
                                       {"title", s.title},
                                       {"fields", Pairs(s.fields)},
                                       {"columns", Strings(s.columns)},
                                       {"rows", std::move(rows)},
                                       {"note", TextOrNull(s.note)}});
  }
  return {{"disclosure", DisclosureJson(p.disclosure)},
          {"notice", {{"version", p.notice.version}, {"text", p.notice.text}}},
          {"consent_summary", Pairs(p.authority)},
          {"sections", std::move(sections)}};
}

json::object AccountingJson(const Accounting& a) {
  json::array items;
  for (const auto& e : a.items) {
    auto j = DisclosureJson(e.disclosure);
    j["consent_status_now"] = TextOrNull(e.consent_status_now);
    items.emplace_back(std::move(j));
  }
  return {{"items", std::move(items)},
          {"years", a.years},
          {"window_start", a.window_start},
          {"window_end", a.window_end}};
}

}  // namespace stepwise::consent
