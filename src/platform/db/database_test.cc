// The database layer on both engines: parameters and NULLs, rollback, error mapping, prefix ranges.
#include "platform/db/database.h"

#include <gtest/gtest.h>

#include "platform/db/migrations.h"
#include "platform/db/migrator.h"
#include "platform/db/postgres/postgres_database.h"
#include "platform/db/transaction_scope.h"
#include "store/store_fixture.h"

namespace stepwise::db {
namespace {

using stepwise::testing::StoreTest;

class DatabaseTest : public StoreTest {};

TEST_P(DatabaseTest, RoundTripsParametersAndNulls) {
  auto tx = database().Begin(Access::kWrite);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->ExecuteScript("CREATE TABLE t (a TEXT, b BIGINT, c TEXT)").ok());
  auto n =
      (*tx)->Execute("INSERT INTO t (a, b, c) VALUES (?, ?, ?)", {std::string("it's ?"), std::int64_t{42}, nullptr});
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 1);
  auto rs = (*tx)->Query("SELECT a, b, c FROM t WHERE b = ?", {std::int64_t{42}});
  ASSERT_TRUE(rs.ok());
  ASSERT_EQ(rs->rows.size(), 1u);
  EXPECT_EQ(rs->rows[0].Text(0), "it's ?");
  EXPECT_EQ(rs->rows[0].Int(1), 42);
  EXPECT_TRUE(rs->rows[0].IsNull(2));
  ASSERT_TRUE((*tx)->Commit().ok());
}

TEST_P(DatabaseTest, UncommittedWorkRollsBack) {
  ASSERT_TRUE(InTransaction(database(), Access::kWrite, [](Transaction& tx) {
                return tx.ExecuteScript("CREATE TABLE r (x BIGINT)");
              }).ok());
  {
    auto tx = database().Begin(Access::kWrite);
    ASSERT_TRUE((*tx)->Execute("INSERT INTO r (x) VALUES (1)").ok());
  }  // destroyed without commit
  auto failed = InTransaction(database(), Access::kWrite, [](Transaction& tx) -> Status {
    SW_TRY(tx.Execute("INSERT INTO r (x) VALUES (2)"));
    return Error::InvalidArgument("stop");
  });
  EXPECT_FALSE(failed.ok());
  auto count =
      InTransaction(database(), Access::kRead, [](Transaction& tx) { return tx.Query("SELECT COUNT(*) FROM r"); });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->rows[0].Int(0), 0);
}

TEST_P(DatabaseTest, UniqueViolationIsConflict) {
  auto r = InTransaction(database(), Access::kWrite, [](Transaction& tx) -> Status {
    SW_TRY(tx.ExecuteScript("CREATE TABLE u (k TEXT PRIMARY KEY)"));
    SW_TRY(tx.Execute("INSERT INTO u (k) VALUES ('a')"));
    SW_TRY(tx.Execute("INSERT INTO u (k) VALUES ('a')"));
    return Ok();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
}

TEST_P(DatabaseTest, PrefixRangeMatchesExactlyThePrefixedTerms) {
  auto r = InTransaction(database(), Access::kWrite, [&](Transaction& tx) -> Result<ResultSet> {
    SW_TRY(tx.ExecuteScript(RenderDialect("CREATE TABLE p (term {{TEXT_C}} PRIMARY KEY)", database().dialect())));
    for (const char* t : {"lop", "lopez", "lópez", "lor", "lo", "m", "lopa"}) {
      SW_TRY(tx.Execute("INSERT INTO p (term) VALUES (?)", {std::string(t)}));
    }
    return tx.Query("SELECT term FROM p WHERE term >= ? AND term < ? ORDER BY term",
                    {std::string("lop"), PrefixUpperBound("lop")});
  });
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::vector<std::string> got;
  for (const auto& row : r->rows) got.push_back(row.Text(0));
  EXPECT_EQ(got, (std::vector<std::string>{"lop", "lopa", "lopez"}));
}

TEST_P(DatabaseTest, MigrationsAreIdempotent) {
  auto again = Migrate(database(), Migrations());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto version = SchemaVersion(database());
  ASSERT_TRUE(version.ok());
  EXPECT_GE(*version, 1);
}

TEST_P(DatabaseTest, ReadsSeeCommittedWritesFromAnotherHandle) {
  auto other = OpenAgain();
  ASSERT_TRUE(InTransaction(database(), Access::kWrite, [](Transaction& tx) -> Status {
                SW_TRY(tx.ExecuteScript("CREATE TABLE v (x BIGINT)"));
                SW_TRY(tx.Execute("INSERT INTO v (x) VALUES (7)"));
                return Ok();
              }).ok());
  auto rs = InTransaction(*other, Access::kRead, [](Transaction& tx) { return tx.Query("SELECT x FROM v"); });
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ(rs->rows.at(0).Int(0), 7);
}

STORE_TEST_P(DatabaseTest);

TEST(PostgresDriver, RewritesPlaceholdersOutsideQuotes) {
  EXPECT_EQ(RewritePlaceholders("SELECT ? , '?', \"a?\" FROM t WHERE x = ?"),
            "SELECT $1 , '?', \"a?\" FROM t WHERE x = $2");
}

TEST(PostgresDriver, RedactsPasswords) {
  EXPECT_EQ(RedactConninfo("postgresql://sw:secret@db:5432/sw"), "postgresql://sw:***@db:5432/sw");
  EXPECT_EQ(RedactConninfo("host=db password=secret dbname=sw"), "host=db password=*** dbname=sw");
}

TEST(PostgresDriver, UnreachableServerIsUnavailable) {
  auto db = OpenPostgres({"postgresql://nobody@127.0.0.1:1/none", 2, 1});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace stepwise::db
