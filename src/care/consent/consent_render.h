// The consent, a release of information and the accounting of disclosures as documents (pdf::Document, whose
// PlainText is what golden files compare) and a release as CSV. Every release carries the §2.32 notice and
// the consent (or court order) summary first. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

#include "care/consent/disclosure_model.h"
#include "care/documents/signature.h"
#include "platform/pdf/document.h"

namespace stepwise::consent {

// The consent as the client signs it: plain language, then every element; signatures when given. The text
// signed (and hashed) is PlainText of this document without signatures.
pdf::Document ConsentDocument(const Consent& c, const std::string& client_name,
                              const std::vector<documents::Signature>& signatures);

// A release: notice, what was disclosed (when, to whom, why, by whom), the authority, then each section.
pdf::Document ReleaseDocument(const Packet& packet);

// A release as CSV (RFC 4180, "\r\n"): leading rows "notice_version", "notice", then one
// "authority,<label>,<value>" row per summary line and "disclosure,<field>,<value>" rows, a blank row, then
// per section a "section,<category>,<title>" row followed by its fields ("field,<label>,<value>"), its table
// ("columns,…" and "row,…") and note ("note,<text>").
std::string ReleaseCsv(const Packet& packet);

// The accounting of disclosures the client can be given.
pdf::Document AccountingDocument(const Accounting& accounting, const std::string& client_name,
                                 const std::string& organization_name);

// "Coordination of care" for a purpose code.
std::string PurposeLabel(const std::string& code);

}  // namespace stepwise::consent
