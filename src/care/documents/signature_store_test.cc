// Signatures are written once, read back in signing order, and can be neither changed nor deleted.
#include "care/documents/signature_store.h"

#include <gtest/gtest.h>

#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::documents {
namespace {

class SignatureStoreTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto org = db::InTransaction(database(), db::Access::kWrite, [](db::Transaction& tx) -> Status {
      SW_TRY(tx.Execute("INSERT INTO organizations (id, name, time_zone, version, created_at, updated_at) "
                        "VALUES ('org-1', 'Northstar', 'America/Chicago', 1, 'now', 'now')"));
      return Ok();
    });
    ASSERT_TRUE(org.ok()) << org.error().message;
  }
};

TEST_P(SignatureStoreTest, AppendsInOrderAndRefusesChanges) {
  Signature client;
  client.role = "client";
  client.signer_name = "Ann Smith";
  client.method = "drawn";
  client.image = {300, 100, {{{1, 2}, {3, 4}}}};
  client.content_sha256 = "abc";
  client.signed_at = "2026-11-22T10:00:00Z";
  client.address = "10.0.0.2";
  Signature typed = client;
  typed.role = "guardian";
  typed.method = "typed";
  typed.image = {};
  auto written = db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) -> Status {
    SW_TRY(InsertSignature(tx, "org-1", "document", "doc-1", client));
    return InsertSignature(tx, "org-1", "document", "doc-1", typed);
  });
  ASSERT_TRUE(written.ok()) << written.error().message;

  auto read = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return SignaturesOf(tx, "org-1", "document", "doc-1");
  });
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].id, client.id);
  EXPECT_EQ((*read)[0].image, client.image);
  EXPECT_EQ((*read)[0].address, "10.0.0.2");
  EXPECT_EQ((*read)[1].role, "guardian");
  EXPECT_TRUE((*read)[1].image.empty());

  for (const char* sql : {"UPDATE signatures SET signer_name = 'Someone else'", "DELETE FROM signatures"}) {
    auto changed = db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) -> Status {
      SW_TRY(tx.Execute(sql));
      return Ok();
    });
    EXPECT_FALSE(changed.ok()) << sql;
  }
  auto again = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return SignaturesOf(tx, "org-1", "document", "doc-1");
  });
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 2u);
  EXPECT_EQ((*again)[0].signer_name, "Ann Smith");
}

STORE_TEST_P(SignatureStoreTest);

}  // namespace
}  // namespace stepwise::documents
