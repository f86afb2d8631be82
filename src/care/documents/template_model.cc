#include "care/documents/template_model.h"

#include <algorithm>

namespace stepwise::documents {

const std::vector<CodeLabel>& DocumentKinds() {
  static const std::vector<CodeLabel> k = {{"consent_to_treatment", "Consent to treatment"},
                                           {"hipaa_npp_ack", "HIPAA notice of privacy practices acknowledgement"},
                                           {"part2_notice", "42 CFR Part 2 patient notice acknowledgement"},
                                           {"program_rules", "Program rules and expectations"},
                                           {"drug_testing_agreement", "Drug-testing agreement"},
                                           {"telehealth_consent", "Telehealth consent"},
                                           {"financial_agreement", "Financial agreement"},
                                           {"other", "Other document"}};
  return k;
}

const std::vector<CodeLabel>& DeliveryMethods() {
  static const std::vector<CodeLabel> k = {
      {"in_person", "In person"}, {"electronic", "Electronically"}, {"mail", "By mail"}};
  return k;
}

bool NeedsDeliveryMethod(std::string_view kind) { return kind == "part2_notice" || kind == "hipaa_npp_ack"; }

const std::vector<std::string_view>& PlaceholderNames() {
  static const std::vector<std::string_view> k = {"client_name", "client_birth_date", "program_name",
                                                  "organization_name", "date"};
  return k;
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsKnownKind(std::string_view kind) {
  const auto& kinds = DocumentKinds();
  return std::any_of(kinds.begin(), kinds.end(), [&](const CodeLabel& c) { return c.code == kind; });
}

// Problems with the placeholders of `body`, or "" when they are all balanced and known.
std::string PlaceholderProblem(std::string_view body) {
  std::size_t pos = 0;
  while ((pos = body.find("{{", pos)) != std::string_view::npos) {
    std::size_t end = body.find("}}", pos + 2);
    if (end == std::string_view::npos) return "has a \"{{\" without its closing \"}}\"";
    std::string_view name = Trim(body.substr(pos + 2, end - pos - 2));
    const auto& names = PlaceholderNames();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string known;
      for (auto n : names) known += (known.empty() ? "" : ", ") + std::string(n);
      return "uses the unknown placeholder {{" + std::string(name) + "}}; known: " + known;
    }
    pos = end + 2;
  }
  return "";
}

}  // namespace

Result<DefaultTemplate> ParseDefaultTemplate(std::string_view file_name, std::string_view text) {
  DefaultTemplate t;
  std::string_view name = file_name;
  if (name.ends_with(".md")) name.remove_suffix(3);
  t.kind = std::string(name);
  if (!IsKnownKind(t.kind)) return Error::Internal(std::string(file_name) + ": not a document kind");
  std::size_t pos = 0;
  bool ended = false;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line == "---") {
      ended = true;
      break;
    }
    if (line.empty()) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return Error::Internal(std::string(file_name) + ": bad header line");
    std::string_view key = Trim(line.substr(0, colon));
    std::string_view value = Trim(line.substr(colon + 1));
    if (key == "title") {
      t.title = std::string(value);
    } else if (key == "requires_witness") {
      if (value != "true" && value != "false")
        return Error::Internal(std::string(file_name) + ": requires_witness must be true or false");
      t.requires_witness = value == "true";
    } else {
      return Error::Internal(std::string(file_name) + ": unknown header " + std::string(key));
    }
  }
  if (!ended || t.title.empty()) return Error::Internal(std::string(file_name) + ": needs a title and ---");
  std::string_view body = pos < text.size() ? text.substr(pos) : std::string_view();
  while (!body.empty() && (body.front() == '\n' || body.front() == '\r')) body.remove_prefix(1);
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' ')) body.remove_suffix(1);
  t.body = std::string(body);
  if (auto problem = PlaceholderProblem(t.body); !problem.empty())
    return Error::Internal(std::string(file_name) + ": body " + problem);
  return t;
}

void CheckTemplate(const DocumentTemplate& t, FieldErrors& errors) {
  if (!IsKnownKind(t.kind)) errors.Add("kind", "is not a document kind");
  if (Trim(t.title).empty()) errors.Add("title", "is required");
  if (CharacterCount(t.title) > 200) errors.Add("title", "must be at most 200 characters");
  if (Trim(t.body).empty()) {
    errors.Add("body", "is required");
  } else if (t.body.size() > 50000) {
    errors.Add("body", "must be at most 50000 characters");
  } else if (auto problem = PlaceholderProblem(t.body); !problem.empty()) {
    errors.Add("body", problem);
  }
}

std::string FillPlaceholders(std::string_view text, const RenderContext& ctx) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::string_view name = Trim(text.substr(open + 2, close - open - 2));
    const std::string* value = nullptr;
    if (name == "client_name") value = &ctx.client_name;
    if (name == "client_birth_date") value = &ctx.client_birth_date;
    if (name == "program_name") value = &ctx.program_name;
    if (name == "organization_name") value = &ctx.organization_name;
    if (name == "date") value = &ctx.date;
    if (value) {
      out += *value;
    } else {
      out.append(text.substr(open, close + 2 - open));
    }
    pos = close + 2;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

std::vector<pdf::Block> BodyBlocks(std::string_view body, const RenderContext& ctx) {
  std::vector<pdf::Block> out;
  std::string paragraph, notice;
  auto flush = [&] {
    if (!paragraph.empty()) out.push_back(pdf::Paragraph(FillPlaceholders(paragraph, ctx)));
    while (notice.ends_with("\n")) notice.pop_back();
    if (!notice.empty()) out.push_back(pdf::Notice(FillPlaceholders(notice, ctx)));
    paragraph.clear();
    notice.clear();
  };
  for (std::string_view raw : Lines(body)) {
    std::string_view line = Trim(raw);
    if (line.empty()) {
      flush();
    } else if (line.starts_with("# ")) {
      flush();
      out.push_back(pdf::Heading(FillPlaceholders(Trim(line.substr(2)), ctx)));
    } else if (line == ">" || line.starts_with("> ")) {
      if (!paragraph.empty()) flush();
      std::string_view text = line.size() > 2 ? Trim(line.substr(2)) : std::string_view();
      if (text.empty()) {
        if (!notice.empty() && !notice.ends_with("\n\n")) notice += notice.back() == '\n' ? "\n" : "\n\n";
      } else {
        if (!notice.empty() && notice.back() != '\n') notice += text.starts_with("- ") ? "\n" : " ";
        notice += text;
      }
    } else {
      if (!notice.empty()) flush();
      if (!paragraph.empty()) paragraph += line.starts_with("- ") ? "\n" : " ";
      paragraph += line;
    }
  }
  flush();
  return out;
}

pdf::Document RenderTemplate(const DocumentTemplate& t, const RenderContext& ctx) {
  pdf::Document doc;
  doc.title = FillPlaceholders(t.title, ctx);
  doc.subtitle = ctx.program_name.empty() ? ctx.organization_name : ctx.organization_name + " — " + ctx.program_name;
  doc.blocks.push_back(pdf::Fields({{"Client", ctx.client_name},
                                    {"Date of birth", ctx.client_birth_date},
                                    {"Date", ctx.date},
                                    {"Form", t.kind + " version " + std::to_string(t.version_no)}}));
  for (auto& b : BodyBlocks(t.body, ctx)) doc.blocks.push_back(std::move(b));
  return doc;
}

}  // namespace stepwise::documents
