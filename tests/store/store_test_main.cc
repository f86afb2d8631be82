#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "platform/db/migrations.h"
#include "platform/db/postgres/postgres_database.h"
#include "platform/db/sqlite/sqlite_database.h"
#include "store/store_fixture.h"

namespace stepwise::testing {

namespace {

std::atomic<int> counter{0};

const char* AdminUrl() { return std::getenv("STEPWISE_TEST_PG_ADMIN"); }

void AdminExec(const std::string& sql) {
  PGconn* c = PQconnectdb(AdminUrl());
  ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
  PGresult* r = PQexec(c, sql.c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
}

std::string WithDatabase(const std::string& admin, const std::string& name) {
  // postgresql://user@host:port/postgres -> .../name
  auto slash = admin.rfind('/');
  auto q = admin.find('?', slash);
  return admin.substr(0, slash + 1) + name + (q == std::string::npos ? "" : admin.substr(q));
}

}  // namespace

::testing::internal::ParamGenerator<std::string> Engines() {
  if (AdminUrl()) return ::testing::Values(std::string("sqlite"), std::string("postgres"));
  return ::testing::Values(std::string("sqlite"));
}

void StoreTest::SetUp() {
  const int n = counter++;
  if (GetParam() == "sqlite") {
    sqlite_path_ = (std::filesystem::temp_directory_path() /
                    ("stepwise-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(n) + ".db"))
                       .string();
    url_ = sqlite_path_;
  } else {
    pg_name_ = "sw_test_" + std::to_string(::getpid()) + "_" + std::to_string(n);
    AdminExec("CREATE DATABASE " + pg_name_);
    url_ = WithDatabase(AdminUrl(), pg_name_);
  }
  db_ = OpenAgain();
  ASSERT_TRUE(db_);
  auto migrated = db::Migrate(*db_, Migrations());
  ASSERT_TRUE(migrated.ok()) << migrated.error().message;
}

std::unique_ptr<db::Database> StoreTest::OpenAgain() {
  auto opened = GetParam() == "sqlite" ? db::OpenSqlite({url_}) : db::OpenPostgres({url_});
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
  if (!opened.ok()) return nullptr;
  return std::move(opened).value();
}

void StoreTest::TearDown() {
  db_.reset();
  if (!sqlite_path_.empty()) {
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(sqlite_path_ + s);
  }
  if (!pg_name_.empty()) AdminExec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
}

}  // namespace stepwise::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
