// Document templates as data: the kinds a program asks clients to sign, the body format, placeholders and
// rendering a template for one client into a pdf::Document. Pure: no I/O.
//
// Body format (config/documents/*.md and what administrators edit):
//   # Heading              a heading line
//   > text                 a boxed notice (consecutive "> " lines form one notice)
//   - item                 a list line, kept on its own line within its paragraph
//   text                   paragraph lines; a blank line ends a paragraph
//   {{client_name}} …      placeholders: client_name, client_birth_date, program_name, organization_name, date
// The default files start with a small header ("title: …", "requires_witness: true|false") ended by "---".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/documents/signature.h"
#include "care/program/program_model.h"
#include "platform/base/record.h"
#include "platform/base/result.h"
#include "platform/pdf/document.h"

namespace stepwise::documents {

using program::CodeLabel;

// consent_to_treatment, hipaa_npp_ack, part2_notice, program_rules, drug_testing_agreement,
// telehealth_consent, financial_agreement, other.
const std::vector<CodeLabel>& DocumentKinds();
const std::vector<CodeLabel>& DeliveryMethods();  // in_person, electronic, mail
// Notices whose delivery to the client must be recorded with a method (part2_notice, hipaa_npp_ack).
bool NeedsDeliveryMethod(std::string_view kind);
const std::vector<std::string_view>& PlaceholderNames();

// One template series; each edit adds a version (version_no 1, 2, …) and earlier versions stay.
struct DocumentTemplate {
  RecordMeta meta;
  std::string kind;
  std::string title;
  std::string body;
  int version_no = 1;
  bool requires_witness = false;
  bool active = true;
};

// The values placeholders stand for.
struct RenderContext {
  std::string client_name;
  std::string client_birth_date;  // YYYY-MM-DD
  std::string program_name;
  std::string organization_name;
  std::string date;  // YYYY-MM-DD, the day it is shown and signed
};

// One version of a template as it was saved (versions are never changed).
struct TemplateVersion {
  std::string template_id;
  int version_no = 1;
  std::string title;
  std::string body;
  bool requires_witness = false;
  std::string created_at;
  std::string created_by;
};

// A document a client signed: the exact text shown, its SHA-256 and the signatures. Never changed; a document
// signed in error is voided with a reason and stays readable.
struct SignedDocument {
  std::string id;
  std::string org_id;
  std::string client_id;
  std::string episode_id;  // the open episode at signing, "" without one
  std::string template_id;
  int template_version_no = 1;
  std::string kind;
  std::string title;
  RenderContext context;  // what the template was rendered with
  std::string text;
  std::string content_sha256;
  std::string delivery_method;
  std::string signed_at;
  std::string recorded_by;
  std::string created_at;
  std::vector<Signature> signatures;
  bool voided = false;
  std::string void_reason;
  std::string voided_at;
};

// A default template compiled in from config/documents/<kind>.md.
struct DefaultTemplate {
  std::string kind;
  std::string title;
  bool requires_witness = false;
  std::string body;
};

// Parses a default file: the header lines, "---", then the body. Errors name the file.
Result<DefaultTemplate> ParseDefaultTemplate(std::string_view file_name, std::string_view text);

// The defaults compiled in from config/documents/*.md, by kind (an error names a malformed file).
Result<std::vector<DefaultTemplate>> BuiltinTemplates();

// Field errors for a template a user edits: kind, title (1-200 characters), body (1-50000 characters, balanced
// placeholders naming known values only).
void CheckTemplate(const DocumentTemplate& t, FieldErrors& errors);

// Replaces every {{name}} with its value (unknown names are left as they are).
std::string FillPlaceholders(std::string_view text, const RenderContext& ctx);
// The body as blocks (headings, notices, paragraphs), placeholders filled.
std::vector<pdf::Block> BodyBlocks(std::string_view body, const RenderContext& ctx);
// What the client is shown and signs: the title, the organization and program, who it is for, then the body.
// Its PlainText is hashed; the footer is left empty for the caller.
pdf::Document RenderTemplate(const DocumentTemplate& t, const RenderContext& ctx);

}  // namespace stepwise::documents
