// The one signature value for signed documents, Part 2 consents, treatment-plan versions and written
// revocations (ADR 0011). A signature signs `content_sha256`, the SHA-256 of the rendered text the signer
// was shown. Pure: standard library and the pdf document model only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/pdf/document.h"

namespace stepwise::documents {

struct Signature {
  std::string id;
  std::string role;            // "client" | "guardian" | "counselor" | "supervisor" | "witness" | "staff"
  std::string signer_name;     // typed or printed name
  std::string staff_id;        // staff roles: the signing user's staff record (set by the server)
  std::string user_id;         // staff roles: the signing user (set by the server)
  std::string method;          // "drawn" | "typed"
  pdf::SignatureImage image;   // drawn: the strokes
  std::string content_sha256;  // what was signed (set by the server from its own rendering)
  std::string signed_at;       // server time, UTC text
  std::string device;          // User-Agent, at most 200 characters (set by the server)
  std::string address;         // the request's remote address (set by the server)
};

// Where a signature was given from, as the HTTP layer saw it.
struct SigningContext {
  std::string device;   // User-Agent
  std::string address;  // remote address
};

const std::vector<std::string_view>& SignatureRoles();
const std::vector<std::string_view>& SignatureMethods();
bool IsStaffRole(std::string_view role);  // counselor, supervisor, witness, staff

constexpr std::size_t kMaxStrokes = 200;
constexpr std::size_t kMaxPoints = 5000;

// Role, name and method known; a drawn signature has 1..kMaxStrokes strokes, at most kMaxPoints points in
// all, every point inside its box; a typed one has no strokes. Errors are "<path>.role", "<path>.image", ...
void CheckSignature(const Signature& s, std::string_view path, FieldErrors& errors);

// Fills the server-side fields: time, hash, device (cut to 200 characters) and address; for a staff role
// the acting user's staff record and user id. A staff role without a linked staff record is a field error
// "<path>.role".
void Stamp(Signature& s, std::string_view path, const std::string& user_id, const std::string& staff_id,
           const SigningContext& context, const std::string& now, const std::string& content_sha256,
           FieldErrors& errors);

// "Signed by Ann Smith (client) on 2026-11-22T15:04:05Z, typed" — for documents and PDFs.
std::string Caption(const Signature& s);
pdf::Block SignatureBlock(const Signature& s);

}  // namespace stepwise::documents
