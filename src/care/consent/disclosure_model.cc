#include "care/consent/disclosure_model.h"

#include <chrono>

namespace stepwise::consent {

using program::LabelOf;

const std::vector<CodeLabel>& Channels() {
  static const std::vector<CodeLabel> v = {{"pdf", "PDF"},
                                           {"print", "Printed copy"},
                                           {"csv", "CSV export"},
                                           {"api", "API access"},
                                           {"referral_packet", "Referral packet"}};
  return v;
}

TimePoint WindowStart(TimePoint now, int years) {
  using namespace std::chrono;
  const auto day = floor<days>(now);
  const auto time_of_day = now - day;
  year_month_day ymd{day};
  year_month_day back = (ymd.year() - std::chrono::years(years)) / ymd.month() / ymd.day();
  if (!back.ok()) back = back.year() / back.month() / last;
  return sys_days(back) + time_of_day;
}

Result<Notice> ParseNotice(std::string_view file_text) {
  constexpr std::string_view kPrefix = "version:";
  const std::size_t eol = file_text.find('\n');
  std::string_view first = file_text.substr(0, eol);
  if (!first.starts_with(kPrefix)) return Error::Internal("a notice file must begin with \"version: <v>\"");
  std::string version(first.substr(kPrefix.size()));
  while (!version.empty() && (version.front() == ' ')) version.erase(version.begin());
  while (!version.empty() && (version.back() == ' ' || version.back() == '\r')) version.pop_back();
  if (version.empty()) return Error::Internal("the notice file names no version");
  std::string text;
  std::string_view rest = eol == std::string_view::npos ? std::string_view() : file_text.substr(eol + 1);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with('#')) continue;  // a comment
    text += line;
    text += '\n';
  }
  while (!text.empty() && text.front() == '\n') text.erase(text.begin());
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.empty()) return Error::Internal("the notice file has no text");
  return Notice{std::move(version), std::move(text)};
}

std::vector<std::pair<std::string, std::string>> ConsentSummary(const Consent& c, std::string_view client_name) {
  std::string info = CategoryLabels(c.categories);
  if (!c.information_description.empty()) info += " (" + c.information_description + ")";
  std::string purpose(LabelOf(Purposes(), c.purpose_code));
  if (!c.purpose_text.empty()) purpose += ": " + c.purpose_text;
  std::string recipient = RecipientText(c.recipient, c.kind);
  if (!c.recipient.address.empty()) recipient += ", " + c.recipient.address;
  std::vector<std::pair<std::string, std::string>> out = {
      {"Patient", std::string(client_name)},
      {"Consent", c.meta.id},
      {"Kind", std::string(LabelOf(ConsentKinds(), c.kind))},
      {"Discloser", c.discloser},
      {"Information", info},
      {"Recipient", recipient},
      {"Purpose", purpose},
      {"Expires", ExpirationText(c.expiration)},
      {"Right to revoke", c.revocation_statement},
  };
  if (c.kind == "tpo") {
    out.emplace_back("Redisclosure", c.tpo_redisclosure);
    out.emplace_back("If not signed", c.tpo_refusal);
  }
  out.emplace_back("Signed", c.signer_name + (c.signed_on ? " on " + FormatDate(*c.signed_on) : std::string()));
  return out;
}

std::vector<std::pair<std::string, std::string>> CourtOrderSummary(const CourtOrder& o, std::string_view client_name) {
  std::vector<std::pair<std::string, std::string>> out = {
      {"Patient", std::string(client_name)},
      {"Court order", o.meta.id},
      {"Court", o.court},
      {"Case number", o.case_number},
      {"Judge", o.judge},
      {"Order date", FormatDate(o.order_date)},
      {"Authorizes", o.description},
  };
  if (o.expires_on) out.emplace_back("Expires", FormatDate(*o.expires_on));
  return out;
}

std::vector<std::string> ExpandCategories(const std::vector<std::string>& categories) {
  bool all = false;
  for (const auto& c : categories) all = all || c == "all_records";
  if (!all) return categories;
  std::vector<std::string> out;
  for (const auto& cl : InformationCategories()) {
    if (cl.code != "all_records") out.emplace_back(cl.code);
  }
  return out;
}

}  // namespace stepwise::consent
