// Renders a pdf::Document to PDF bytes with Cairo and Pango (US Letter, DejaVu Sans). The only code that
// includes Cairo/Pango headers is render.cc.
#pragma once

#include <string>

#include "platform/base/result.h"
#include "platform/pdf/document.h"

namespace stepwise::pdf {

// PDF bytes; the footer and "Page n of m" on every page. Long paragraphs and tables break across pages.
Result<std::string> Render(const Document& doc);

}  // namespace stepwise::pdf
