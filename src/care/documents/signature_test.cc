// The signature checks shared by documents, consents and plans, and its JSON reading.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "care/documents/signature.h"
#include "care/documents/signature_json.h"

namespace stepwise::documents {
namespace {

std::vector<std::string> Fields(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.field);
  return out;
}

Signature Drawn() {
  Signature s;
  s.role = "client";
  s.signer_name = "Ann Smith";
  s.method = "drawn";
  s.image = {600, 200, {{{10, 10}, {20, 30}}, {{590, 190}}}};
  return s;
}

TEST(Signature, DrawnAndTypedSignaturesAreChecked) {
  FieldErrors ok;
  CheckSignature(Drawn(), "signature", ok);
  EXPECT_TRUE(ok.empty());

  Signature typed = Drawn();
  typed.method = "typed";
  typed.image = {};
  FieldErrors typed_ok;
  CheckSignature(typed, "signature", typed_ok);
  EXPECT_TRUE(typed_ok.empty());

  Signature outside = Drawn();
  outside.image.strokes[0].push_back({601, 10});
  FieldErrors e1;
  CheckSignature(outside, "signatures[0]", e1);
  EXPECT_EQ(Fields(e1), std::vector<std::string>{"signatures[0].image"});

  Signature empty = Drawn();
  empty.image.strokes.clear();
  FieldErrors e2;
  CheckSignature(empty, "signature", e2);
  EXPECT_EQ(Fields(e2), std::vector<std::string>{"signature.image"});

  Signature bad = Drawn();
  bad.role = "neighbour";
  bad.signer_name = "";
  FieldErrors e3;
  CheckSignature(bad, "signature", e3);
  EXPECT_EQ(Fields(e3), (std::vector<std::string>{"signature.role", "signature.signer_name"}));
}

TEST(Signature, StampSetsServerFieldsAndStaffRolesNeedAStaffRecord) {
  Signature witness = Drawn();
  witness.role = "witness";
  FieldErrors e;
  Stamp(witness, "signatures[1]", "user-1", "", {"Mozilla/5.0", "10.0.0.2"}, "2026-11-22T10:00:00Z", "abc", e);
  EXPECT_EQ(Fields(e), std::vector<std::string>{"signatures[1].role"});

  Signature client = Drawn();
  client.staff_id = "forged";
  FieldErrors none;
  Stamp(client, "signature", "user-1", "staff-1", {std::string(300, 'x'), "10.0.0.2"}, "2026-11-22T10:00:00Z",
        "abc", none);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(client.staff_id, "");  // a client signature never names a staff record
  EXPECT_EQ(client.device.size(), 200u);
  EXPECT_EQ(client.content_sha256, "abc");
  EXPECT_EQ(Caption(client), "Signed by Ann Smith (client) on 2026-11-22T10:00:00Z, drawn");
}

TEST(SignatureJson, ReadsStrokesAndNamesBadFields) {
  auto body = boost::json::parse(
                  R"({"signature":{"role":"client","signer_name":"Ann","method":"drawn",
                      "image":{"width":300,"height":100,"strokes":[[[1,2],[3.5,4]]]}}})")
                  .as_object();
  FieldErrors errors;
  http::ObjectReader r(body, "", errors);
  auto sig = ReadSignature(r, "signature", http::Need::kRequired);
  ASSERT_TRUE(sig.has_value());
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(sig->image.strokes.size(), 1u);
  EXPECT_EQ(sig->image.strokes[0][1], (pdf::Point{3.5, 4}));
  EXPECT_EQ(ImageFromJson(boost::json::serialize(ImageJson(sig->image))), sig->image);

  auto bad = boost::json::parse(
                 R"({"signature":{"role":"client","signer_name":"Ann","method":"drawn","staff_id":"x",
                     "image":{"width":300,"height":100,"strokes":[[[1]]]}}})")
                 .as_object();
  FieldErrors bad_errors;
  http::ObjectReader rb(bad, "", bad_errors);
  ReadSignature(rb, "signature", http::Need::kRequired);
  EXPECT_EQ(Fields(bad_errors), (std::vector<std::string>{"signature.image.strokes", "signature.image",
                                                          "signature.staff_id"}));

  FieldErrors missing;
  auto empty_body = boost::json::object{};
  http::ObjectReader rm(empty_body, "", missing);
  EXPECT_FALSE(ReadSignature(rm, "signature", http::Need::kRequired).has_value());
  EXPECT_EQ(Fields(missing), std::vector<std::string>{"signature"});
}

}  // namespace
}  // namespace stepwise::documents
