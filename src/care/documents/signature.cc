#include "care/documents/signature.h"

#include <algorithm>

namespace stepwise::documents {

const std::vector<std::string_view>& SignatureRoles() {
  static const std::vector<std::string_view> k = {"client", "guardian", "counselor", "supervisor", "witness", "staff"};
  return k;
}

const std::vector<std::string_view>& SignatureMethods() {
  static const std::vector<std::string_view> k = {"drawn", "typed"};
  return k;
}

bool IsStaffRole(std::string_view role) {
  return role == "counselor" || role == "supervisor" || role == "witness" || role == "staff";
}

void CheckSignature(const Signature& s, std::string_view path, FieldErrors& errors) {
  const std::string p(path);
  const auto& roles = SignatureRoles();
  if (std::find(roles.begin(), roles.end(), s.role) == roles.end()) {
    errors.Add(p + ".role", "must be one of client, guardian, counselor, supervisor, witness, staff");
  }
  if (s.signer_name.empty()) errors.Add(p + ".signer_name", "is required");
  if (s.signer_name.size() > 200) errors.Add(p + ".signer_name", "must be at most 200 characters");
  if (s.method != "drawn" && s.method != "typed") {
    errors.Add(p + ".method", "must be drawn or typed");
    return;
  }
  if (s.method == "typed") {
    if (!s.image.empty()) errors.Add(p + ".image", "a typed signature has no drawing");
    return;
  }
  const auto& img = s.image;
  if (img.strokes.empty()) {
    errors.Add(p + ".image", "a drawn signature needs at least one stroke");
    return;
  }
  if (!(img.width > 0 && img.height > 0 && img.width <= 10000 && img.height <= 10000)) {
    errors.Add(p + ".image", "width and height must be between 0 and 10000");
    return;
  }
  if (img.strokes.size() > kMaxStrokes) {
    errors.Add(p + ".image", "has more than " + std::to_string(kMaxStrokes) + " strokes");
    return;
  }
  std::size_t points = 0;
  for (const auto& stroke : img.strokes) {
    if (stroke.empty()) {
      errors.Add(p + ".image", "has an empty stroke");
      return;
    }
    points += stroke.size();
    for (const auto& pt : stroke) {
      if (!(pt.x >= 0 && pt.y >= 0 && pt.x <= img.width && pt.y <= img.height)) {
        errors.Add(p + ".image", "has a point outside its box");
        return;
      }
    }
  }
  if (points > kMaxPoints) errors.Add(p + ".image", "has more than " + std::to_string(kMaxPoints) + " points");
}

void Stamp(Signature& s, std::string_view path, const std::string& user_id, const std::string& staff_id,
           const SigningContext& context, const std::string& now, const std::string& content_sha256,
           FieldErrors& errors) {
  s.signed_at = now;
  s.content_sha256 = content_sha256;
  s.device = context.device.substr(0, 200);
  s.address = context.address;
  if (IsStaffRole(s.role)) {
    if (staff_id.empty()) {
      errors.Add(std::string(path) + ".role", "only a user linked to a staff record can sign as " + s.role);
    }
    s.staff_id = staff_id;
    s.user_id = user_id;
  } else {
    s.staff_id.clear();
    s.user_id.clear();
  }
}

std::string Caption(const Signature& s) {
  return "Signed by " + s.signer_name + " (" + s.role + ") on " + s.signed_at + ", " + s.method;
}

pdf::Block SignatureBlock(const Signature& s) { return pdf::SignatureBlock(s.image, Caption(s)); }

}  // namespace stepwise::documents
