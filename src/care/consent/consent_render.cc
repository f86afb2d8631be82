#include "care/consent/consent_render.h"

namespace stepwise::consent {

using program::LabelOf;

std::string PurposeLabel(const std::string& code) { return std::string(LabelOf(Purposes(), code)); }

pdf::Document ConsentDocument(const Consent& c, const std::string& client_name,
                              const std::vector<documents::Signature>& signatures) {
  pdf::Document doc;
  doc.title = c.kind == "tpo" ? "Consent to share substance use treatment records for treatment, payment and "
                                "health care operations"
                              : "Consent to share substance use treatment records";
  doc.subtitle = "42 CFR Part 2 — " + client_name;
  doc.footer = "Consent " + c.meta.id;
  doc.blocks.push_back(pdf::Paragraph(PlainLanguage(c)));
  doc.blocks.push_back(pdf::Heading("What this consent says"));
  std::vector<std::pair<std::string, std::string>> fields = {
      {"Patient", client_name},
      {"Who may share", c.discloser},
      {"What may be shared", CategoryLabels(c.categories)},
      {"Description", c.information_description},
      {"With whom", RecipientText(c.recipient, c.kind)},
  };
  if (!c.recipient.address.empty()) fields.emplace_back("Recipient address", c.recipient.address);
  fields.emplace_back("Purpose", PurposeLabel(c.purpose_code));
  if (!c.purpose_text.empty()) fields.emplace_back("Purpose described", c.purpose_text);
  fields.emplace_back("Expires", ExpirationText(c.expiration));
  doc.blocks.push_back(pdf::Fields(std::move(fields)));
  doc.blocks.push_back(pdf::Heading("Your right to revoke"));
  doc.blocks.push_back(pdf::Paragraph(c.revocation_statement));
  if (c.kind == "tpo") {
    doc.blocks.push_back(pdf::Heading("Redisclosure"));
    doc.blocks.push_back(pdf::Paragraph(c.tpo_redisclosure));
    doc.blocks.push_back(pdf::Heading("If you do not sign"));
    doc.blocks.push_back(pdf::Paragraph(c.tpo_refusal));
  }
  if (c.signed_on) doc.blocks.push_back(pdf::Fields({{"Date signed", FormatDate(*c.signed_on)}}));
  for (const auto& s : signatures) doc.blocks.push_back(documents::SignatureBlock(s));
  if (c.revocation) {
    doc.blocks.push_back(pdf::Heading("Revoked"));
    doc.blocks.push_back(pdf::Fields({{"Revoked on", FormatDate(c.revocation->revoked_on)},
                                      {"How", std::string(LabelOf(RevocationMethods(), c.revocation->method))},
                                      {"Recorded by", c.revocation->recorded_by_name},
                                      {"Note", c.revocation->note}}));
  }
  return doc;
}

namespace {

std::vector<std::pair<std::string, std::string>> DisclosureFields(const Disclosure& d) {
  return {{"Disclosure", d.id},
          {"Date and time", d.disclosed_at},
          {"Recipient", d.recipient_name},
          {"Recipient address", d.recipient_address},
          {"Purpose", PurposeLabel(d.purpose)},
          {"Information", CategoryLabels(d.categories)},
          {"Description", d.description},
          {"Released by", d.user_name},
          {"Channel", std::string(LabelOf(Channels(), d.channel))},
          {"Notice version", d.notice_version}};
}

void AddSection(pdf::Document& doc, const Section& s) {
  doc.blocks.push_back(pdf::Heading(s.title));
  if (!s.fields.empty()) doc.blocks.push_back(pdf::Fields(s.fields));
  if (!s.columns.empty()) doc.blocks.push_back(pdf::Table(s.columns, s.rows));
  if (!s.note.empty()) doc.blocks.push_back(pdf::Small(s.note));
}

std::string CsvField(const std::string& v) {
  bool quote = v.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) return v;
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

void CsvRow(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(cells[i]);
  }
  out += "\r\n";
}

}  // namespace

pdf::Document ReleaseDocument(const Packet& p) {
  pdf::Document doc;
  doc.title = "Release of information";
  doc.subtitle = "Disclosed under 42 CFR Part 2 on " + p.disclosure.disclosed_at;
  doc.footer = "Disclosure " + p.disclosure.id + " — notice version " + p.notice.version;
  doc.blocks.push_back(pdf::Notice(p.notice.text));
  doc.blocks.push_back(pdf::Heading("This disclosure"));
  doc.blocks.push_back(pdf::Fields(DisclosureFields(p.disclosure)));
  doc.blocks.push_back(pdf::Heading(p.disclosure.consent_id.empty() ? "Court order" : "Consent summary"));
  doc.blocks.push_back(pdf::Fields(p.authority));
  for (const auto& s : p.sections) AddSection(doc, s);
  return doc;
}

std::string ReleaseCsv(const Packet& p) {
  std::string out;
  CsvRow(out, {"notice_version", p.notice.version});
  CsvRow(out, {"notice", p.notice.text});
  for (const auto& [label, value] : p.authority) CsvRow(out, {"authority", label, value});
  for (const auto& [label, value] : DisclosureFields(p.disclosure)) CsvRow(out, {"disclosure", label, value});
  out += "\r\n";
  for (const auto& s : p.sections) {
    CsvRow(out, {"section", s.category, s.title});
    for (const auto& [label, value] : s.fields) CsvRow(out, {"field", label, value});
    if (!s.columns.empty()) {
      std::vector<std::string> head = {"columns"};
      head.insert(head.end(), s.columns.begin(), s.columns.end());
      CsvRow(out, head);
      for (const auto& r : s.rows) {
        std::vector<std::string> row = {"row"};
        row.insert(row.end(), r.begin(), r.end());
        CsvRow(out, row);
      }
    }
    if (!s.note.empty()) CsvRow(out, {"note", s.note});
  }
  return out;
}

pdf::Document AccountingDocument(const Accounting& a, const std::string& client_name,
                                 const std::string& organization_name) {
  pdf::Document doc;
  doc.title = "Accounting of disclosures";
  doc.subtitle = client_name + " — " + organization_name;
  doc.footer = "Accounting of disclosures, " + std::to_string(a.years) + " years";
  doc.blocks.push_back(pdf::Paragraph(
      "Every disclosure of your records that " + organization_name + " made from " + a.window_start + " to " +
      a.window_end + " (" + std::to_string(a.years) +
      " years), with the date, the recipient, what was disclosed, why, who released it and under which consent."));
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : a.items) {
    const auto& d = e.disclosure;
    std::string recipient = d.recipient_name;
    if (!d.recipient_address.empty()) recipient += ", " + d.recipient_address;
    std::string authority = d.consent_id.empty() ? "court order " + d.court_order_id
                                                 : "consent " + d.consent_id + " (" + e.consent_status_now + " now)";
    rows.push_back({d.disclosed_at, recipient, CategoryLabels(d.categories) + ": " + d.description,
                    PurposeLabel(d.purpose), d.user_name, authority});
  }
  if (rows.empty()) {
    doc.blocks.push_back(pdf::Paragraph("No disclosures were made in this period."));
  } else {
    doc.blocks.push_back(
        pdf::Table({"Date and time", "Recipient", "Information", "Purpose", "Released by", "Authority"}, rows));
  }
  return doc;
}

}  // namespace stepwise::consent
