// The default document templates compiled in from config/documents/*.md (cmake/embed_dir.cmake).
#include <cstddef>

#include "care/documents/template_model.h"

namespace stepwise::documents {

extern const char* const kBuiltinDocumentTemplates[][2];
extern const std::size_t kBuiltinDocumentTemplatesCount;

Result<std::vector<DefaultTemplate>> BuiltinTemplates() {
  std::vector<DefaultTemplate> out;
  for (std::size_t i = 0; i < kBuiltinDocumentTemplatesCount; ++i) {
    SW_ASSIGN(auto t, ParseDefaultTemplate(kBuiltinDocumentTemplates[i][0], kBuiltinDocumentTemplates[i][1]));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace stepwise::documents
