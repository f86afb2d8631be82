// HTTP routes for document templates, signed documents (preview, sign, read, PDF, verify, void) and the
// orientation checklist with the admission finalize step.
#pragma once

#include <boost/json/object.hpp>

#include "care/documents/document_service.h"
#include "care/documents/orientation_service.h"
#include "platform/http/router.h"

namespace stepwise::documents {

void AddDocumentRoutes(http::Router& router, DocumentService& service);
void AddOrientationRoutes(http::Router& router, OrientationService& service);

boost::json::object TemplateJson(const DocumentTemplate& t);
boost::json::object SignedDocumentJson(const SignedDocument& d);

}  // namespace stepwise::documents
