// Templates and signed documents on both engines: signing against the hash the signer saw, witnesses,
// notices with their delivery method, versions, and documents that cannot change once signed.
#include "care/documents/document_service.h"

#include "care/documents/documents_test_support.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"

namespace stepwise::documents {
namespace {

class DocumentServiceTest : public DocumentsTest {};

Result<std::int64_t> Count(db::Database& db, const std::string& table) {
  return db::InTransaction(db, db::Access::kRead, [&](db::Transaction& tx) -> Result<std::int64_t> {
    SW_ASSIGN(auto rs, tx.Query("SELECT COUNT(*) FROM " + table));
    return rs.rows.at(0).Int(0);
  });
}

TEST_P(DocumentServiceTest, DefaultsAreCopiedInOnceAsVersionOne) {
  auto first = docs_->ListTemplates(actor_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->size(), 7u);
  for (const auto& t : *first) EXPECT_EQ(t.version_no, 1);
  EXPECT_TRUE(TemplateOf("consent_to_treatment").requires_witness);
  EXPECT_EQ(docs_->ListTemplates(actor_)->size(), 7u);
}

TEST_P(DocumentServiceTest, ASignedDocumentCannotChange) {
  auto signed_doc = SignKind("program_rules");
  ASSERT_TRUE(signed_doc.ok()) << signed_doc.error().message;
  EXPECT_EQ(signed_doc->content_sha256, security::Sha256Hex(signed_doc->text));
  EXPECT_NE(signed_doc->text.find("Ann Smith"), std::string::npos);
  EXPECT_EQ(signed_doc->episode_id, episode_id_);
  ASSERT_EQ(signed_doc->signatures.size(), 1u);
  EXPECT_EQ(signed_doc->signatures[0].content_sha256, signed_doc->content_sha256);
  EXPECT_EQ(signed_doc->signatures[0].device, "tablet");

  // Neither engine lets SQL change or remove it.
  for (const char* sql :
       {"UPDATE signed_documents SET text = 'I agree to nothing'", "UPDATE signed_documents SET content_sha256 = 'abc'",
        "DELETE FROM signed_documents", "UPDATE document_template_versions SET body = 'changed'"}) {
    auto changed = db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) -> Status {
      SW_TRY(tx.Execute(sql));
      return Ok();
    });
    EXPECT_FALSE(changed.ok()) << sql;
  }
  auto again = docs_->Get(actor_, signed_doc->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->text, signed_doc->text);
  EXPECT_EQ(again->content_sha256, signed_doc->content_sha256);
  auto verified = docs_->Verify(actor_, signed_doc->id);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_TRUE(verified->matches());
  EXPECT_TRUE(verified->rerendered_matches);
  EXPECT_EQ(verified->recomputed, signed_doc->content_sha256);

  // Voiding marks it; the text and hash stay.
  auto voided = docs_->Void(actor_, signed_doc->id, "signed for the wrong client");
  ASSERT_TRUE(voided.ok()) << voided.error().message;
  EXPECT_TRUE(voided->voided);
  EXPECT_EQ(voided->text, signed_doc->text);
  EXPECT_EQ(docs_->Void(actor_, signed_doc->id, "again").error().code, ErrorCode::kConflict);
}

TEST_P(DocumentServiceTest, AStaleHashIsAConflictAndWritesNothing) {
  auto t = TemplateOf("telehealth_consent");
  auto preview = docs_->Preview(actor_, client_id_, t.meta.id);
  ASSERT_TRUE(preview.ok());
  SignRequest req{t.meta.id, t.version_no, std::string(64, '0'), {Sig("client", "Ann Smith")}, ""};
  auto wrong = docs_->Sign(actor_, client_id_, req, {});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kConflict);
  EXPECT_EQ(wrong.error().fields.at(0).field, "content_sha256");

  // The template changes after the preview: the old hash and version no longer sign.
  DocumentTemplate edit = t;
  edit.body = t.body + "\n\nA new paragraph.";
  auto edited = docs_->UpdateTemplate(actor_, edit, t.meta.version);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  req.content_sha256 = preview->content_sha256;
  auto stale = docs_->Sign(actor_, client_id_, req, {});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().fields.at(0).field, "template_version_no");
  req.template_version_no = edited->version_no;
  auto old_text = docs_->Sign(actor_, client_id_, req, {});
  ASSERT_FALSE(old_text.ok());
  EXPECT_EQ(old_text.error().fields.at(0).field, "content_sha256");

  EXPECT_EQ(*Count(database(), "signed_documents"), 0);
  EXPECT_EQ(*Count(database(), "signatures"), 0);
  EXPECT_TRUE(docs_->List(actor_, client_id_)->empty());
}

TEST_P(DocumentServiceTest, AWitnessSignsWhereTheTemplateSays) {
  auto t = TemplateOf("consent_to_treatment");
  ASSERT_TRUE(t.requires_witness);
  auto preview = docs_->Preview(actor_, client_id_, t.meta.id);
  SignRequest req{t.meta.id, t.version_no, preview->content_sha256, {Sig("client", "Ann Smith")}, ""};
  auto alone = docs_->Sign(actor_, client_id_, req, {});
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(alone.error().fields.at(0).field, "signatures");

  // A witness must be a user linked to a staff record.
  req.signatures.push_back(Sig("witness", "Someone"));
  Actor no_staff = actor_;
  no_staff.staff_id.clear();
  auto unlinked = docs_->Sign(no_staff, client_id_, req, {});
  ASSERT_FALSE(unlinked.ok());
  EXPECT_EQ(unlinked.error().fields.at(0).field, "signatures[1].role");

  auto witnessed = docs_->Sign(actor_, client_id_, req, {});
  ASSERT_TRUE(witnessed.ok()) << witnessed.error().message;
  ASSERT_EQ(witnessed->signatures.size(), 2u);
  EXPECT_EQ(witnessed->signatures[1].staff_id, actor_.staff_id);
  EXPECT_EQ(*Count(database(), "signed_documents"), 1);
}

TEST_P(DocumentServiceTest, NoticesRecordHowTheyWereDelivered) {
  auto missing = SignKind("part2_notice", "");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).field, "delivery_method");
  auto given = SignKind("part2_notice", "electronic");
  ASSERT_TRUE(given.ok()) << given.error().message;
  EXPECT_EQ(given->delivery_method, "electronic");
  EXPECT_NE(given->text.find("Notice of Privacy Practices of Adult IOP"), std::string::npos);
  // Documents that are not notices keep no delivery method.
  EXPECT_EQ(SignKind("program_rules", "mail")->delivery_method, "");
}

TEST_P(DocumentServiceTest, AnEditMakesANewVersionAndSignedDocumentsKeepTheirs) {
  auto v1 = SignKind("financial_agreement");
  ASSERT_TRUE(v1.ok());
  auto t = TemplateOf("financial_agreement");
  DocumentTemplate edit = t;
  edit.title = "Financial Agreement (2027)";
  edit.body = "# Fees\nThe fee is $10 a session, {{client_name}}.";
  auto edited = docs_->UpdateTemplate(actor_, edit, t.meta.version);
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->version_no, 2);
  EXPECT_EQ(docs_->UpdateTemplate(actor_, edit, t.meta.version).error().code, ErrorCode::kFailedPrecondition);
  auto versions = docs_->TemplateVersions(actor_, t.meta.id);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].body, t.body);

  auto v2 = SignKind("financial_agreement");
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->template_version_no, 2);
  EXPECT_NE(v2->text.find("The fee is $10 a session, Ann Smith."), std::string::npos);
  auto old = docs_->Get(actor_, v1->id);
  EXPECT_EQ(old->template_version_no, 1);
  EXPECT_EQ(old->text, v1->text);
  EXPECT_EQ(old->text.find("$10"), std::string::npos);
  EXPECT_TRUE(docs_->Verify(actor_, v1->id)->rerendered_matches);

  auto pdf = docs_->Pdf(actor_, v1->id);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  auto printed = DocumentService::PrintDocument(*old, *docs_->GetTemplate(actor_, t.meta.id));
  EXPECT_EQ(printed.footer, "SHA-256 " + v1->content_sha256);
}

TEST_P(DocumentServiceTest, TemplatesAreChecked) {
  DocumentTemplate bad{.kind = "other", .title = "", .body = "Hi {{nickname}}"};
  auto refused = docs_->CreateTemplate(actor_, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.size(), 2u);
  DocumentTemplate good{.kind = "other", .title = "Photo release", .body = "I, {{client_name}}, agree."};
  auto created = docs_->CreateTemplate(actor_, good);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->version_no, 1);
  EXPECT_EQ(docs_->ListTemplates(actor_)->size(), 8u);
}

STORE_TEST_P(DocumentServiceTest);

}  // namespace
}  // namespace stepwise::documents
