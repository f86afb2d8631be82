// Signatures in and out of JSON (ADR 0011):
//   {"role":"client","signer_name":"Ann Smith","method":"drawn",
//    "image":{"width":600,"height":200,"strokes":[[[12.5,40],[13,41.5]],...]}}
// The server-set fields (id, staff_id, signed_at, content_sha256, device, address) are never read from a body.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "care/documents/signature.h"
#include "platform/http/json.h"

namespace stepwise::documents {

// Reads the signature object at `key` of `r` (field errors carry its path), then CheckSignature.
std::optional<Signature> ReadSignature(http::ObjectReader& r, std::string_view key, http::Need need);
// The image as {"width","height","strokes"}; the stored text form is the same JSON.
boost::json::object ImageJson(const pdf::SignatureImage& image);
// Parses stored image JSON; an empty image for "" or anything unreadable.
pdf::SignatureImage ImageFromJson(std::string_view text);
// Everything but the device string (kept for the record and the audit, not shown back).
boost::json::object SignatureJson(const Signature& s);
// Device and address from the request (User-Agent header, remote address).
SigningContext ContextOf(const http::Request& request);

}  // namespace stepwise::documents
